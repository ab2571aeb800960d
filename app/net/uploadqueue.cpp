#include "net/uploadqueue.h"

#include "net/accountsession.h"
#include "net/apiclient.h"
#include "net/publishplan.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QSaveFile>
#include <QStandardPaths>
#include <QUrlQuery>
#include <QUuid>

#include <algorithm>

namespace bunny::net {

namespace {
qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

QByteArray readAll(const QString &path, bool *ok)
{
    QFile f(path);
    *ok = f.open(QIODevice::ReadOnly);
    return *ok ? f.readAll() : QByteArray();
}

bool writeAtomically(const QString &path, const QByteArray &bytes)
{
    QSaveFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size() && f.commit();
}

QByteArray multipartVersion(const QJsonObject &meta, const QByteArray &archive, QByteArray &contentType)
{
    const QByteArray boundary = "bunny-" + QUuid::createUuid().toByteArray(QUuid::Id128);
    contentType = "multipart/form-data; boundary=" + boundary;
    QByteArray body;
    body += "--" + boundary +
            "\r\nContent-Disposition: form-data; name=\"meta\"\r\n"
            "Content-Type: application/json\r\n\r\n";
    body += QJsonDocument(meta).toJson(QJsonDocument::Compact) + "\r\n";
    body += "--" + boundary +
            "\r\nContent-Disposition: form-data; name=\"archive\"; filename=\"tree.tar.gz\"\r\n"
            "Content-Type: application/gzip\r\n\r\n";
    body += archive + "\r\n--" + boundary + "--\r\n";
    return body;
}
} // namespace

UploadQueue::UploadQueue(ApiClient *api, AccountSession *session, const QString &dir, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_session(session)
    , m_dir(dir.isEmpty() ? defaultDir() : dir)
{
    QDir().mkpath(m_dir);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &UploadQueue::drain);
    connect(m_api, &ApiClient::reachabilityChanged, this, [this](bool up) {
        if (up)
            drain();
    });
    connect(m_session, &AccountSession::signedIn, this, &UploadQueue::drain);
    load();
    // What a previous run left (a crash, a restart) goes as soon as the event loop runs.
    QTimer::singleShot(0, this, &UploadQueue::drain);
}

UploadQueue::~UploadQueue()
{
    if (m_call)
        m_call->abort();
}

QString UploadQueue::defaultDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + "/uploads";
}

void UploadQueue::setBackoff(int baseMs, int maxMs)
{
    m_baseMs = baseMs;
    m_maxMs = maxMs;
}

void UploadQueue::load()
{
    bool ok = false;
    const QByteArray bytes = readAll(m_dir + "/queue.json", &ok);
    m_jobs.clear();
    for (const auto &v : QJsonDocument::fromJson(bytes).object().value("jobs").toArray())
        m_jobs.append(UploadJob::fromJson(v.toObject()));
    // A crash between spooling and saving leaves a folder no job names: nothing was queued.
    QStringList known;
    for (const auto &j : m_jobs)
        known << j.id;
    for (const QString &sub : QDir(m_dir).entryList(QDir::Dirs | QDir::NoDotAndDotDot))
        if (!known.contains(sub))
            QDir(m_dir + '/' + sub).removeRecursively();
}

bool UploadQueue::save()
{
    QJsonArray jobs;
    for (const auto &j : m_jobs)
        jobs.append(j.toJson());
    const bool ok = writeAtomically(m_dir + "/queue.json",
                                    QJsonDocument(QJsonObject{{"version", 1}, {"jobs", jobs}}).toJson());
    Q_EMIT jobsChanged();
    return ok;
}

int UploadQueue::pendingCount() const
{
    return int(std::count_if(m_jobs.begin(), m_jobs.end(),
                             [](const UploadJob &j) { return j.state == UploadJob::State::Pending; }));
}

UploadJob *UploadQueue::find(const QString &id)
{
    for (auto &j : m_jobs)
        if (j.id == id)
            return &j;
    return nullptr;
}

Result<QString> UploadQueue::enqueue(const PublishPlan &plan, const QString &visibility)
{
    if (!m_session->isSignedIn())
        return makeError(tr("Sign in to publish.").toStdString());
    UploadJob job;
    job.id = QUuid::createUuid().toString(QUuid::Id128);
    job.server = m_api->baseUrl().toString();
    job.accountId = m_session->account().id;
    job.username = m_session->account().username;
    job.projectDir = plan.projectDir;
    job.projectName = plan.projectName;
    job.visibility = visibility == QLatin1String("public") ? visibility : QStringLiteral("private");
    job.commit = plan.commitId;
    job.message = plan.subject;
    job.archiveSha256 = plan.archiveSha256;
    job.archiveSize = plan.archive.size();
    job.createdMs = nowMs();

    // Spool first: the job is only written down once every byte it needs is on disk.
    const QString spool = m_dir + '/' + job.id;
    if (!QDir().mkpath(spool))
        return makeError(tr("Cannot create %1.").arg(spool).toStdString());
    job.archiveFile = spool + "/archive.tar.gz";
    if (!writeAtomically(job.archiveFile, plan.archive)) {
        QDir(spool).removeRecursively();
        return makeError(tr("Cannot write the archive under %1 (disk full?).").arg(spool).toStdString());
    }
    int n = 0;
    for (const auto &r : plan.recordings) {
        bool ok = false;
        const QByteArray bytes = readAll(r.path, &ok);
        const QString copy = spool + QStringLiteral("/rec-%1.bunnyrec").arg(n++);
        if (!ok || !writeAtomically(copy, bytes)) {
            QDir(spool).removeRecursively();
            return makeError(tr("Cannot copy the recording %1.").arg(r.fileName).toStdString());
        }
        QString title = r.fileName;
        title.chop(QStringLiteral(".bunnyrec").size());
        job.recordings.append(
            {copy,
             plan.projectName + " — " + title,
             QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()),
             bytes.size(),
             {}});
    }
    m_jobs.append(job);
    if (!save()) {
        m_jobs.removeLast();
        QDir(spool).removeRecursively();
        return makeError(tr("Cannot save the upload queue in %1.").arg(m_dir).toStdString());
    }
    drain();
    return job.id;
}

void UploadQueue::retry(const QString &jobId)
{
    if (UploadJob *j = find(jobId); j && j->state != UploadJob::State::Done) {
        j->state = UploadJob::State::Pending;
        j->nextAttemptMs = 0;
        j->lastError.clear();
        save();
        drain();
    }
}

void UploadQueue::remove(const QString &jobId)
{
    if (m_call && find(jobId))
        return; // never pull the spool from under a transfer; the user can remove it after
    for (qsizetype i = 0; i < m_jobs.size(); ++i)
        if (m_jobs[i].id == jobId) {
            QDir(m_dir + '/' + jobId).removeRecursively();
            m_jobs.removeAt(i);
            save();
            return;
        }
}

UploadJob *UploadQueue::next()
{
    if (!m_session->isSignedIn())
        return nullptr;
    const qint64 now = nowMs();
    for (auto &j : m_jobs)
        if (j.state == UploadJob::State::Pending && j.nextAttemptMs <= now &&
            j.accountId == m_session->account().id && j.server == m_api->baseUrl().toString())
            return &j;
    return nullptr;
}

void UploadQueue::drain()
{
    if (m_call)
        return;
    if (UploadJob *job = next()) {
        run(*job);
        return;
    }
    scheduleNext();
    Q_EMIT idle();
}

void UploadQueue::scheduleNext()
{
    qint64 soonest = -1;
    for (const auto &j : m_jobs)
        if (j.state == UploadJob::State::Pending && (soonest < 0 || j.nextAttemptMs < soonest))
            soonest = j.nextAttemptMs;
    if (soonest < 0)
        return;
    m_timer.start(int(std::clamp<qint64>(soonest - nowMs(), 50, m_maxMs)));
}

void UploadQueue::run(UploadJob &job)
{
    if (job.projectId.isEmpty())
        ensureProject(job.id);
    else if (job.versionId.isEmpty())
        sendVersion(job.id);
    else {
        for (int i = 0; i < job.recordings.size(); ++i)
            if (job.recordings[i].remoteId.isEmpty()) {
                sendRecording(job.id, i);
                return;
            }
        complete(job.id);
    }
}

void UploadQueue::track(ApiCall *call, const QString &jobId, qint64 before)
{
    m_call = call;
    const UploadJob *job = find(jobId);
    const qint64 total = job ? job->totalBytes() : 0;
    connect(call, &ApiCall::uploadProgress, this, [this, jobId, before, total](qint64 done, qint64) {
        Q_EMIT progress(jobId, std::min(before + done, total), total);
    });
}

void UploadQueue::ensureProject(const QString &jobId)
{
    const UploadJob *queued = find(jobId);
    // Find first: a crash after the server made the project but before we saved its id must
    // not make a second one.
    QUrlQuery q;
    q.addQueryItem("owner", queued->username);
    q.addQueryItem("q", queued->projectName);
    q.addQueryItem("per_page", "100");
    ApiCall *call = m_api->get("/projects", q);
    track(call, jobId, 0);
    connect(call, &ApiCall::finished, this, [this, jobId](const ApiResponse &r) {
        m_call = nullptr;
        UploadJob *job = find(jobId);
        if (!job)
            return drain();
        if (!r.ok())
            return failed(jobId, r);
        for (const auto &v : r.object().value("items").toArray()) {
            const auto p = v.toObject();
            if (p.value("name").toString() == job->projectName &&
                p.value("owner").toString() == job->username) {
                job->projectId = p.value("id").toString();
                if (p.value("visibility").toString() != job->visibility &&
                    job->visibility == QLatin1String("public")) {
                    // Publishing publicly opens the project; a private publish never hides one.
                    m_api->sendJson("PATCH", "/projects/" + job->projectId,
                                    {{"visibility", job->visibility}});
                }
                save();
                Q_EMIT stepDone(jobId, QStringLiteral("project"));
                return drain();
            }
        }
        ApiCall *create = m_api->postJson(
            "/projects",
            {{"name", job->projectName}, {"visibility", job->visibility}, {"description", job->message}});
        track(create, jobId, 0);
        whenStored(create, jobId, QStringLiteral("project"), [](UploadJob &j, const ApiResponse &made) {
            j.projectId = made.object().value("id").toString();
        });
    });
}

void UploadQueue::sendVersion(const QString &jobId)
{
    UploadJob *job = find(jobId);
    bool ok = false;
    const QByteArray archive = readAll(job->archiveFile, &ok);
    if (!ok) {
        job->state = UploadJob::State::Failed;
        job->lastError = tr("The spooled archive %1 is gone.").arg(job->archiveFile);
        save();
        Q_EMIT jobFinished(jobId, false, job->lastError);
        return drain();
    }
    ApiRequest request;
    request.method = "POST";
    request.path = "/projects/" + job->projectId + "/versions";
    request.body =
        multipartVersion({{"commit", job->commit}, {"message", job->message}}, archive, request.contentType);
    request.timeoutMs = 120000;
    ApiCall *call = m_api->send(request);
    track(call, jobId, 0);
    whenStored(call, jobId, QStringLiteral("version"),
               [](UploadJob &j, const ApiResponse &r) { j.versionId = r.object().value("id").toString(); });
}

void UploadQueue::sendRecording(const QString &jobId, int index)
{
    UploadJob *job = find(jobId);
    const auto &rec = job->recordings[index];
    bool ok = false;
    const QByteArray bytes = readAll(rec.file, &ok);
    if (!ok) {
        job->state = UploadJob::State::Failed;
        job->lastError = tr("The spooled recording %1 is gone.").arg(rec.file);
        save();
        Q_EMIT jobFinished(jobId, false, job->lastError);
        return drain();
    }
    qint64 before = job->archiveSize;
    for (int i = 0; i < index; ++i)
        before += job->recordings[i].size;
    ApiRequest request;
    request.method = "POST";
    request.path = QStringLiteral("/recordings");
    request.query.addQueryItem("title", rec.title);
    request.query.addQueryItem("visibility", job->visibility);
    request.query.addQueryItem("project_id", job->projectId);
    request.query.addQueryItem("version_id", job->versionId);
    request.contentType = "application/x-bunnyrec";
    request.body = bytes;
    request.timeoutMs = 120000;
    ApiCall *call = m_api->send(request);
    track(call, jobId, before);
    whenStored(call, jobId, QStringLiteral("recording"), [index](UploadJob &j, const ApiResponse &r) {
        if (index < j.recordings.size())
            j.recordings[index].remoteId = r.object().value("id").toString();
    });
}

void UploadQueue::whenStored(ApiCall *call, const QString &jobId, const QString &step,
                             std::function<void(UploadJob &, const ApiResponse &)> keep)
{
    connect(call, &ApiCall::finished, this, [this, jobId, step, keep](const ApiResponse &r) {
        m_call = nullptr;
        UploadJob *job = find(jobId);
        if (!job)
            return drain(); // removed meanwhile
        if (!r.ok())
            return failed(jobId, r);
        keep(*job, r);
        // Saved before the next step: a crash from here on resumes after this step.
        save();
        Q_EMIT stepDone(jobId, step);
        drain();
    });
}

void UploadQueue::complete(const QString &jobId)
{
    UploadJob *job = find(jobId);
    job->state = UploadJob::State::Done;
    job->lastError.clear();
    QDir(m_dir + '/' + jobId).removeRecursively();
    job->archiveFile.clear();
    for (auto &r : job->recordings)
        r.file.clear();
    // Keep a short history of what was published, newest last.
    while (m_jobs.size() > 50 && m_jobs.first().state == UploadJob::State::Done)
        m_jobs.removeFirst();
    save();
    Q_EMIT progress(jobId, 1, 1);
    Q_EMIT jobFinished(jobId, true, tr("Published %1 (%2).").arg(job->projectName, job->commit.left(7)));
    drain();
}

void UploadQueue::failed(const QString &jobId, const ApiResponse &r)
{
    UploadJob *job = find(jobId);
    job->lastError = r.errorMessage;
    if (r.status == 401) {
        // Signed out under us: the job waits for the account to come back (signedIn drains).
        save();
        Q_EMIT idle();
        return;
    }
    const bool transient =
        r.unreachable() || r.status == 0 || r.status >= 500 || r.status == 429 || r.status == 408;
    if (transient) {
        ++job->attempts;
        const qint64 delay = std::min<qint64>(qint64(m_baseMs) << std::min(job->attempts - 1, 20), m_maxMs);
        job->nextAttemptMs = nowMs() + delay;
        save();
        scheduleNext();
        Q_EMIT idle();
        return;
    }
    job->state = UploadJob::State::Failed;
    save();
    Q_EMIT jobFinished(jobId, false, r.errorMessage);
    drain();
}

} // namespace bunny::net
