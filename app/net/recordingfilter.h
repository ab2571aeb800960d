#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <functional>

namespace bunny::net {

/// A recording with the events of excluded files taken out, as it goes to the server.
struct FilteredRecording
{
    QByteArray bytes;         ///< the filtered .bunnyrec (plain); empty when nothing was removed
    QStringList removedPaths; ///< the excluded files whose events were taken out, sorted
};

/// The recorder reads the ignore rules when a session starts, so a file ignored later (added to
/// .bunnyignore during or after the session) is inside that session's recording. This rewrites
/// the recording through rec::Writer without any event of a path `exclude` accepts: its
/// keyframes, edits, selections, focus, removal and markers. A rename out of an excluded path
/// becomes a keyframe of the new path with the text it had; a rename into one becomes a removal
/// of the old path; so the result replays (rec::Recording::load accepts it). Output events stay:
/// they are the program's, not a file's.
[[nodiscard]] Result<FilteredRecording> filterRecording(const QString &path,
                                                        const std::function<bool(const QString &)> &exclude);

} // namespace bunny::net
