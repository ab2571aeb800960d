#include "net/tarwriter.h"

#include "recording/gzip.h"

#include <QStringList>

#include <cstring>

namespace bunny::net {

namespace {
constexpr int kBlock = 512;

void putOctal(char *field, int width, qint64 value)
{
    // width - 1 digits and a NUL, as ustar expects.
    const QByteArray digits = QByteArray::number(value, 8).rightJustified(width - 1, '0');
    std::memcpy(field, digits.constData(), std::size_t(width - 1));
    field[width - 1] = '\0';
}

bool validPath(const QString &path)
{
    if (path.isEmpty() || path.startsWith('/') || path.contains('\\') || path.contains(QChar(0)))
        return false;
    for (const QString &part : path.split('/'))
        if (part.isEmpty() || part == QLatin1String("..") || part == QLatin1String("."))
            return false;
    return true;
}

QByteArray paxRecord(const QByteArray &key, const QByteArray &value)
{
    // "<len> key=value\n" where len counts itself.
    const QByteArray body = ' ' + key + '=' + value + '\n';
    int len = int(body.size()) + 1;
    while (QByteArray::number(len).size() + body.size() != len)
        ++len;
    return QByteArray::number(len) + body;
}
} // namespace

void TarWriter::addHeader(const QByteArray &name, qint64 size, char type, int mode)
{
    char h[kBlock] = {};
    std::memcpy(h, name.constData(), std::size_t(std::min<qsizetype>(name.size(), 100)));
    putOctal(h + 100, 8, mode);
    putOctal(h + 108, 8, 0);
    putOctal(h + 116, 8, 0);
    putOctal(h + 124, 12, size);
    putOctal(h + 136, 12, m_mtime);
    h[156] = type;
    std::memcpy(h + 257, "ustar", 6);
    std::memcpy(h + 263, "00", 2);
    std::memset(h + 148, ' ', 8);
    unsigned sum = 0;
    for (unsigned char c : h)
        sum += c;
    putOctal(h + 148, 7, sum);
    h[155] = ' ';
    m_data.append(h, kBlock);
}

Result<void> TarWriter::addFile(const QString &path, const QByteArray &data, bool executable)
{
    if (!validPath(path))
        return makeError(QStringLiteral("'%1' cannot go into an archive.").arg(path).toStdString());
    const QByteArray name = path.toUtf8();
    if (name.size() > 100) {
        const QByteArray pax = paxRecord("path", name);
        addHeader("PaxHeader", pax.size(), 'x', 0644);
        m_data.append(pax);
        m_data.append(QByteArray((kBlock - pax.size() % kBlock) % kBlock, '\0'));
    }
    addHeader(name.left(100), data.size(), '0', executable ? 0755 : 0644);
    m_data.append(data);
    m_data.append(QByteArray((kBlock - data.size() % kBlock) % kBlock, '\0'));
    return {};
}

QByteArray TarWriter::tar() const
{
    return m_data + QByteArray(2 * kBlock, '\0');
}

Result<QByteArray> TarWriter::targz() const
{
    const QByteArray bytes = tar();
    auto gz = rec::detail::gzip(std::string_view(bytes.constData(), std::size_t(bytes.size())));
    if (!gz)
        return makeError("Cannot compress the archive: " + gz.message());
    return QByteArray(gz->data(), qsizetype(gz->size()));
}

} // namespace bunny::net
