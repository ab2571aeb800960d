#pragma once

#include <QStringList>

namespace bunny::app {

/// The recordings the command line asks to replay: every --replay value and every positional
/// argument naming a .bunnyrec or .bunnyrec.gz file, as absolute paths.
QStringList recordingsToReplay(const QStringList &replayValues, const QStringList &positional);

/// Shows a player for `recordings` (one timeline) and runs the event loop; a fork opens in an
/// IDE window. Returns the exit code (1 with a message box when the recording is unreadable).
int runPlayer(const QStringList &recordings);

} // namespace bunny::app
