#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QString>

namespace bunny::net {

/// Writes a POSIX ustar archive in memory (names past 100 bytes go in a PAX header), then
/// gzips it. Entries carry a fixed mtime, owner 0 and no user names, so the same tree always
/// gives the same bytes, hence the same sha256: a retried upload is recognisably the same.
class TarWriter
{
public:
    explicit TarWriter(qint64 mtimeSecs = 0)
        : m_mtime(mtimeSecs)
    {}

    /// `path` is relative, with '/' separators; refused if absolute or holding "..".
    [[nodiscard]] Result<void> addFile(const QString &path, const QByteArray &data, bool executable = false);
    /// The tar bytes with the two zero end blocks.
    QByteArray tar() const;
    /// tar() gzipped.
    [[nodiscard]] Result<QByteArray> targz() const;

private:
    void addHeader(const QByteArray &name, qint64 size, char type, int mode);

    qint64 m_mtime;
    QByteArray m_data;
};

} // namespace bunny::net
