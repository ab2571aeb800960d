#include "net/versionfork.h"

#include "net/apiclient.h"
#include "net/tarextractor.h"
#include "vcs/authorsettings.h"
#include "vcs/repository.h"

#include <QDir>

namespace bunny::net {

VersionFork::VersionFork(ApiClient *api, QObject *parent)
    : QObject(parent)
    , m_api(api)
{}

void VersionFork::cancel()
{
    if (m_call)
        m_call->abort();
}

void VersionFork::start(const QString &projectId, const QString &versionId, const QString &targetDir,
                        const QString &label)
{
    QDir target(targetDir);
    if (target.exists() && !target.isEmpty()) {
        Q_EMIT finished(false, targetDir, tr("%1 is not empty; choose a new folder.").arg(targetDir));
        return;
    }
    ApiRequest request;
    request.path = QStringLiteral("/projects/%1/versions/%2/archive").arg(projectId, versionId);
    request.timeoutMs = 120000;
    m_call = m_api->send(request);
    connect(m_call, &ApiCall::downloadProgress, this, &VersionFork::progress);
    connect(m_call, &ApiCall::finished, this, [this, targetDir, label](const ApiResponse &r) {
        m_call = nullptr;
        if (!r.ok()) {
            Q_EMIT finished(false, targetDir, r.errorMessage);
            return;
        }
        const bool existed = QDir(targetDir).exists();
        auto cleanup = [&] {
            if (!existed)
                QDir(targetDir).removeRecursively();
        };
        auto files = TarExtractor::extract(r.body, targetDir);
        if (!files) {
            cleanup();
            Q_EMIT finished(false, targetDir, QString::fromStdString(files.message()));
            return;
        }
        auto repo = vcs::Repository::init(targetDir);
        if (!repo) {
            cleanup();
            Q_EMIT finished(false, targetDir, QString::fromStdString(repo.message()));
            return;
        }
        if (!files->isEmpty()) {
            const vcs::Person me = vcs::AuthorSettings::author();
            auto commit = repo->commitAll(tr("Fork of %1").arg(label), me.name, me.email);
            if (!commit) {
                cleanup();
                Q_EMIT finished(false, targetDir, QString::fromStdString(commit.message()));
                return;
            }
        }
        Q_EMIT finished(true, targetDir, tr("Forked %1 into %2.").arg(label, targetDir));
    });
}

} // namespace bunny::net
