#include "recorder/sessionrecovery.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>

#include <cerrno>
#include <csignal>

namespace bunny::app::sessionrecovery {

namespace {
const QString kLockSuffix = QStringLiteral(".lock");

bool processAlive(qint64 pid)
{
    if (pid <= 0)
        return false;
    return ::kill(pid_t(pid), 0) == 0 || errno == EPERM;
}
} // namespace

QString recordingsDir(const QString &projectPath)
{
    return projectPath + QStringLiteral("/.bunny/recordings");
}

QString lockPathFor(const QString &recordingPath)
{
    return recordingPath + kLockSuffix;
}

bool createLock(const QString &recordingPath)
{
    QFile lock(lockPathFor(recordingPath));
    if (!lock.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return lock.write(QByteArray::number(QCoreApplication::applicationPid())) > 0;
}

void removeLock(const QString &recordingPath)
{
    QFile::remove(lockPathFor(recordingPath));
}

QStringList unfinishedSessions(const QString &projectPath)
{
    QStringList sessions;
    const QDir dir(recordingsDir(projectPath));
    const auto locks = dir.entryInfoList({QStringLiteral("*.bunnyrec.lock")}, QDir::Files, QDir::Name);
    for (const QFileInfo &lockInfo : locks) {
        QFile lock(lockInfo.absoluteFilePath());
        if (!lock.open(QIODevice::ReadOnly))
            continue;
        const qint64 pid = lock.readAll().trimmed().toLongLong();
        // A live process (another window on this project) is still writing its session.
        if (pid == QCoreApplication::applicationPid() || processAlive(pid))
            continue;
        const QString recording = lockInfo.absoluteFilePath().chopped(kLockSuffix.size());
        if (QFile::exists(recording))
            sessions.append(recording);
        else
            lock.remove();
    }
    return sessions;
}

void acknowledge(const QString &recordingPath)
{
    removeLock(recordingPath);
}

void discard(const QString &recordingPath)
{
    QFile::remove(recordingPath);
    removeLock(recordingPath);
}

} // namespace bunny::app::sessionrecovery
