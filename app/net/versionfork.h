#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

namespace bunny::net {

class ApiCall;
class ApiClient;

/// Forks a published version into a local project: downloads its archive (with progress),
/// unpacks it safely (TarExtractor) into a new folder, makes that a git repository with one
/// commit naming where it came from. The folder must not exist or be empty.
class VersionFork : public QObject
{
    Q_OBJECT
public:
    VersionFork(ApiClient *api, QObject *parent = nullptr);

    /// label goes in the commit message ("alice/hello at 1a2b3c4").
    void start(const QString &projectId, const QString &versionId, const QString &targetDir,
               const QString &label);
    void cancel();

Q_SIGNALS:
    void progress(qint64 received, qint64 total);
    /// ok: targetDir is a git project now; else message says why and nothing was left behind.
    void finished(bool ok, const QString &targetDir, const QString &message);

private:
    ApiClient *m_api;
    QPointer<ApiCall> m_call;
};

} // namespace bunny::net
