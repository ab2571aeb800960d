#include "net/uploadjob.h"

#include <QJsonArray>

namespace bunny::net {

namespace {
QString stateName(UploadJob::State s)
{
    switch (s) {
    case UploadJob::State::Pending:
        return QStringLiteral("pending");
    case UploadJob::State::Done:
        return QStringLiteral("done");
    case UploadJob::State::Failed:
        return QStringLiteral("failed");
    }
    return QStringLiteral("pending");
}

UploadJob::State stateFrom(const QString &s)
{
    if (s == QLatin1String("done"))
        return UploadJob::State::Done;
    if (s == QLatin1String("failed"))
        return UploadJob::State::Failed;
    return UploadJob::State::Pending;
}
} // namespace

qint64 UploadJob::totalBytes() const
{
    qint64 total = archiveSize;
    for (const auto &r : recordings)
        total += r.size;
    return total;
}

QJsonObject UploadJob::toJson() const
{
    QJsonArray recs;
    for (const auto &r : recordings)
        recs.append(QJsonObject{{"file", r.file},
                                {"title", r.title},
                                {"sha256", r.sha256},
                                {"size", r.size},
                                {"remote_id", r.remoteId},
                                {"visibility_set", r.visibilitySet}});
    return QJsonObject{{"id", id},
                       {"server", server},
                       {"account_id", accountId},
                       {"username", username},
                       {"project_dir", projectDir},
                       {"project_name", projectName},
                       {"visibility", visibility},
                       {"commit", commit},
                       {"message", message},
                       {"archive_file", archiveFile},
                       {"archive_sha256", archiveSha256},
                       {"archive_size", archiveSize},
                       {"recordings", recs},
                       {"project_id", projectId},
                       {"project_visibility_set", projectVisibilitySet},
                       {"version_id", versionId},
                       {"state", stateName(state)},
                       {"attempts", attempts},
                       {"next_attempt_ms", nextAttemptMs},
                       {"last_error", lastError},
                       {"created_ms", createdMs}};
}

UploadJob UploadJob::fromJson(const QJsonObject &o)
{
    UploadJob j;
    j.id = o.value("id").toString();
    j.server = o.value("server").toString();
    j.accountId = o.value("account_id").toString();
    j.username = o.value("username").toString();
    j.projectDir = o.value("project_dir").toString();
    j.projectName = o.value("project_name").toString();
    j.visibility = o.value("visibility").toString(QStringLiteral("private"));
    j.commit = o.value("commit").toString();
    j.message = o.value("message").toString();
    j.archiveFile = o.value("archive_file").toString();
    j.archiveSha256 = o.value("archive_sha256").toString();
    j.archiveSize = o.value("archive_size").toInteger();
    for (const auto &v : o.value("recordings").toArray()) {
        const auto r = v.toObject();
        j.recordings.append({r.value("file").toString(), r.value("title").toString(),
                             r.value("sha256").toString(), r.value("size").toInteger(),
                             r.value("remote_id").toString(), r.value("visibility_set").toBool()});
    }
    j.projectId = o.value("project_id").toString();
    j.projectVisibilitySet = o.value("project_visibility_set").toBool();
    j.versionId = o.value("version_id").toString();
    j.state = stateFrom(o.value("state").toString());
    j.attempts = o.value("attempts").toInt();
    j.nextAttemptMs = o.value("next_attempt_ms").toInteger();
    j.lastError = o.value("last_error").toString();
    j.createdMs = o.value("created_ms").toInteger();
    return j;
}

} // namespace bunny::net
