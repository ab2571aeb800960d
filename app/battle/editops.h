#pragma once

#include <core/result.h>

#include <QByteArray>
#include <QJsonArray>

#include <vector>

namespace bunny::battle {

/// One edit of a player's document in the battle protocol: `["i", pos, text]` inserts text at
/// pos, `["d", pos, text]` deletes text, which starts at pos. Positions are byte offsets into the
/// UTF-8 text (DESIGN.md "Positions"), QScintilla's own unit; text is UTF-8.
struct EditOp
{
    enum class Kind { Insert, Delete };
    Kind kind = Kind::Insert;
    qint64 pos = 0;
    QByteArray text;

    static EditOp insert(qint64 pos, QByteArray text) { return {Kind::Insert, pos, std::move(text)}; }
    static EditOp erase(qint64 pos, QByteArray text) { return {Kind::Delete, pos, std::move(text)}; }
    bool operator==(const EditOp &) const = default;
};

using EditOps = std::vector<EditOp>;

QJsonArray opsToJson(const EditOps &ops);
/// Reads `[["i", pos, text], …]`; anything else is an error naming the op.
[[nodiscard]] Result<EditOps> opsFromJson(const QJsonArray &array);

/// Applies every op in order, or none: a position past the end or inside a multi-byte
/// character, or deleted text that is not there, leaves `text` unchanged.
[[nodiscard]] Result<void> applyOps(QByteArray &text, const EditOps &ops);

/// The ops that turn `from` into `to`: one delete and/or one insert between the common prefix
/// and suffix, cut on character boundaries so each op's text is whole UTF-8 characters.
EditOps diffOps(const QByteArray &from, const QByteArray &to);

} // namespace bunny::battle
