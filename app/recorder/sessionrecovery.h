#pragma once

#include <QString>
#include <QStringList>

namespace bunny::app {

/// A recording session leaves `<session>.bunnyrec.lock` (holding its process id) beside its
/// file until it closes cleanly. A lock whose process is gone marks a session cut short (a
/// crash, SIGKILL, power loss); its recording is intact up to the last flush.
namespace sessionrecovery {

QString recordingsDir(const QString &projectPath);
QString lockPathFor(const QString &recordingPath);

/// Writes the lock for a session this process is recording.
bool createLock(const QString &recordingPath);
void removeLock(const QString &recordingPath);

/// Recordings of this project whose session did not close cleanly and whose process is gone.
QStringList unfinishedSessions(const QString &projectPath);

/// The user kept the recovered recording: it becomes an ordinary (finished) one.
void acknowledge(const QString &recordingPath);
/// The user does not want it: the recording and its lock are deleted.
void discard(const QString &recordingPath);

} // namespace sessionrecovery
} // namespace bunny::app
