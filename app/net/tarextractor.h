#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace bunny::net {

/// Unpacks a tar.gz from the network into a folder, trusting nothing in it: every entry must
/// be a regular file or a folder whose path stays inside the folder (no absolute paths, no
/// "..", no .git/ or .bunny/), links and devices are refused, checksums are checked and the
/// unpacked size is capped. On an error nothing is written (the archive is checked whole
/// before the first file lands) and the message names the entry.
class TarExtractor
{
public:
    static constexpr qint64 kDefaultMaxBytes = 512LL * 1024 * 1024;

    /// Relative paths of the files written, in archive order.
    [[nodiscard]] static Result<QStringList> extract(const QByteArray &targz, const QString &dir,
                                                     qint64 maxBytes = kDefaultMaxBytes);

    /// True when `path` (from an archive) may be written under a project folder.
    static bool safePath(const QString &path);
};

} // namespace bunny::net
