#include "battle/editops.h"

#include <recording/utf8.h>

#include <QJsonValue>
#include <QString>

#include <algorithm>
#include <string_view>

namespace bunny::battle {

namespace {

std::string_view view(const QByteArray &bytes)
{
    return {bytes.constData(), std::size_t(bytes.size())};
}

Error opError(qsizetype index, const QString &why)
{
    return makeError(QStringLiteral("Edit op %1: %2").arg(index + 1).arg(why).toStdString());
}

} // namespace

QJsonArray opsToJson(const EditOps &ops)
{
    QJsonArray array;
    for (const EditOp &op : ops)
        array.append(QJsonArray{op.kind == EditOp::Kind::Insert ? QStringLiteral("i") : QStringLiteral("d"),
                                double(op.pos), QString::fromUtf8(op.text)});
    return array;
}

Result<EditOps> opsFromJson(const QJsonArray &array)
{
    EditOps ops;
    ops.reserve(std::size_t(array.size()));
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonArray op = array.at(i).toArray();
        const QString kind = op.at(0).toString();
        const double pos = op.at(1).toDouble(-1);
        if (op.size() != 3 || (kind != QLatin1String("i") && kind != QLatin1String("d")) ||
            !op.at(2).isString() || pos < 0 || pos != double(qint64(pos)))
            return opError(i, QStringLiteral("expected [\"i\"|\"d\", position, text]"));
        ops.push_back({kind == QLatin1String("i") ? EditOp::Kind::Insert : EditOp::Kind::Delete, qint64(pos),
                       op.at(2).toString().toUtf8()});
    }
    return ops;
}

Result<void> applyOps(QByteArray &text, const EditOps &ops)
{
    QByteArray result = text;
    for (std::size_t i = 0; i < ops.size(); ++i) {
        const EditOp &op = ops[i];
        if (op.pos < 0 || op.pos > result.size())
            return opError(
                qsizetype(i),
                QStringLiteral("position %1 is past the end (%2 bytes)").arg(op.pos).arg(result.size()));
        if (!rec::utf8::isBoundary(view(result), std::size_t(op.pos)))
            return opError(qsizetype(i), QStringLiteral("position %1 is inside a character").arg(op.pos));
        if (op.kind == EditOp::Kind::Insert) {
            result.insert(op.pos, op.text);
        } else {
            if (result.mid(op.pos, op.text.size()) != op.text)
                return opError(qsizetype(i), QStringLiteral("the deleted text is not at %1").arg(op.pos));
            result.remove(op.pos, op.text.size());
        }
    }
    text = std::move(result);
    return {};
}

EditOps diffOps(const QByteArray &from, const QByteArray &to)
{
    const qsizetype shorter = std::min(from.size(), to.size());
    qsizetype prefix = 0;
    while (prefix < shorter && from[prefix] == to[prefix])
        ++prefix;
    // Back to a character start in both (the bytes before are equal, so one check does).
    while (prefix > 0 && !rec::utf8::isBoundary(view(from), std::size_t(prefix)))
        --prefix;
    qsizetype suffix = 0;
    while (suffix < shorter - prefix && from[from.size() - 1 - suffix] == to[to.size() - 1 - suffix])
        ++suffix;
    while (suffix > 0 && !rec::utf8::isBoundary(view(from), std::size_t(from.size() - suffix)))
        --suffix;
    EditOps ops;
    const qsizetype removed = from.size() - prefix - suffix;
    const qsizetype added = to.size() - prefix - suffix;
    if (removed > 0)
        ops.push_back(EditOp::erase(prefix, from.mid(prefix, removed)));
    if (added > 0)
        ops.push_back(EditOp::insert(prefix, to.mid(prefix, added)));
    return ops;
}

} // namespace bunny::battle
