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
// queue.lock is held for the milliseconds a read-modify-write takes; waiting this long means
// the holder hangs (a dead holder's lock is stale at once).
constexpr int kFileLockWaitMs = 10000;
constexpr int kStaleQueueLockMs = 3000;
// While another instance sends, look again this often (it may finish, stop or die).
constexpr int kOtherInstanceRetryMs = 2000;

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

/// The recorder names a session after its start, 20261129-051216-d23fbbcf.bunnyrec (UTC):
/// people read "2026-11-29 05:12 UTC"; another name is kept as it is.
QString recordingTitle(const QString &fileName)
{
    QString stem = fileName;
    if (stem.endsWith(QLatin1String(".bunnyrec")))
        stem.chop(QStringLiteral(".bunnyrec").size());
    const QDateTime started = QDateTime::fromString(stem.left(15), QStringLiteral("yyyyMMdd-HHmmss"));
    return started.isValid() ? started.toString(QStringLiteral("yyyy-MM-dd HH:mm")) + QStringLiteral(" UTC")
                             : stem;
}

QList<UploadJob> parseJobs(const QByteArray &bytes)
{
    QList<UploadJob> jobs;
    for (const auto &v : QJsonDocument::fromJson(bytes).object().value("jobs").toArray())
        jobs.append(UploadJob::fromJson(v.toObject()));
    return jobs;
}

QByteArray serializeJobs(const QList<UploadJob> &list)
{
    QJsonArray jobs;
    for (const auto &j : list)
        jobs.append(j.toJson());
    return QJsonDocument(QJsonObject{{"version", 1}, {"jobs", jobs}}).toJson();
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
    , m_fileLock(m_dir + "/queue.lock")
    , m_drainLock(m_dir + "/drain.lock")
{
    QDir().mkpath(m_dir);
    // queue.lock is held for one read-modify-write, milliseconds. A holder killed at the wrong
    // moment can leave the file empty (no process to check), so age alone must free it soon.
    m_fileLock.setStaleLockTime(kStaleQueueLockMs);
    // drain.lock is held for a whole transfer, however long: only a dead holder makes it stale.
    m_drainLock.setStaleLockTime(0);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &UploadQueue::drain);
    m_otherInstanceTimer.setSingleShot(true);
    connect(&m_otherInstanceTimer, &QTimer::timeout, this, &UploadQueue::drain);
    connect(m_api, &ApiClient::reachabilityChanged, this, [this](bool up) {
        if (up)
            drain();
    });
    connect(m_session, &AccountSession::signedIn, this, &UploadQueue::drain);
    removeOrphanSpools();
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

QString UploadQueue::queueFile() const
{
    return m_dir + "/queue.json";
}

bool UploadQueue::readLocked()
{
    bool ok = false;
    const QByteArray bytes = readAll(queueFile(), &ok);
    if (!ok && QFile::exists(queueFile())) {
        qWarning("bunny: cannot read %s", qPrintable(queueFile()));
        return false;
    }
    if (bytes == m_onDisk)
        return true;
    QJsonParseError error{};
    QJsonDocument::fromJson(bytes, &error);
    if (!bytes.isEmpty() && error.error != QJsonParseError::NoError) {
        // Never overwrite what cannot be read: keep it beside for a person to look at.
        const QString keep = queueFile() + ".broken-" + QString::number(nowMs());
        QFile::copy(queueFile(), keep);
        qWarning("bunny: %s is damaged (%s); kept as %s", qPrintable(queueFile()),
                 qPrintable(error.errorString()), qPrintable(keep));
    }
    m_onDisk = bytes;
    m_jobs = parseJobs(bytes);
    return true;
}

void UploadQueue::reload()
{
    if (!m_fileLock.tryLock(kFileLockWaitMs)) {
        qWarning("bunny: the upload queue %s stays locked", qPrintable(m_dir));
        return;
    }
    const QByteArray before = m_onDisk;
    readLocked();
    m_fileLock.unlock();
    if (m_onDisk != before)
        Q_EMIT jobsChanged();
}

bool UploadQueue::update(const std::function<void(QList<UploadJob> &)> &change)
{
    const bool locked = m_fileLock.tryLock(kFileLockWaitMs);
    const bool fresh = locked && readLocked();
    change(m_jobs);
    bool saved = false;
    if (fresh) {
        const QByteArray bytes = serializeJobs(m_jobs);
        saved = writeAtomically(queueFile(), bytes);
        if (saved)
            m_onDisk = bytes;
    }
    if (locked)
        m_fileLock.unlock();
    else
        qWarning("bunny: the upload queue %s stays locked; not saved", qPrintable(m_dir));
    Q_EMIT jobsChanged();
    return saved;
}

bool UploadQueue::updateJob(const QString &id, const std::function<void(UploadJob &)> &change)
{
    bool found = false;
    update([&](QList<UploadJob> &jobs) {
        for (auto &j : jobs)
            if (j.id == id) {
                change(j);
                found = true;
                return;
            }
    });
    return found;
}

void UploadQueue::removeOrphanSpools()
{
    // Under queue.lock throughout: an instance spooling right now holds the spool's own lock
    // until its job is in queue.json, so a folder is only an orphan when both checks say so.
    const bool locked = m_fileLock.tryLock(kFileLockWaitMs);
    if (!locked || !readLocked()) {
        if (locked)
            m_fileLock.unlock();
        return;
    }
    QStringList known;
    for (const auto &j : std::as_const(m_jobs))
        known << j.id;
    for (const QString &sub : QDir(m_dir).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        if (known.contains(sub))
            continue;
        QLockFile spooling(m_dir + '/' + sub + ".spool");
        if (spooling.tryLock(0))
            QDir(m_dir + '/' + sub).removeRecursively();
    }
    m_fileLock.unlock();
}

void UploadQueue::releaseDrainLock()
{
    if (m_drainLock.isLocked())
        m_drainLock.unlock();
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

    // Spool first: the job is only written down once every byte it needs is on disk. The spool's
    // lock keeps another instance's orphan sweep away until the job is in queue.json.
    const QString spool = m_dir + '/' + job.id;
    QLockFile spooling(spool + ".spool");
    if (!spooling.tryLock(0) || !QDir().mkpath(spool))
        return makeError(tr("Cannot create %1.").arg(spool).toStdString());
    job.archiveFile = spool + "/archive.tar.gz";
    if (!writeAtomically(job.archiveFile, plan.archive)) {
        QDir(spool).removeRecursively();
        return makeError(tr("Cannot write the archive under %1 (disk full?).").arg(spool).toStdString());
    }
    int n = 0;
    for (const auto &r : plan.recordings) {
        bool ok = !r.filtered.isEmpty();
        const QByteArray bytes = ok ? r.filtered : readAll(r.path, &ok);
        const QString copy = spool + QStringLiteral("/rec-%1.bunnyrec").arg(n++);
        if (!ok || !writeAtomically(copy, bytes)) {
            QDir(spool).removeRecursively();
            return makeError(tr("Cannot copy the recording %1.").arg(r.fileName).toStdString());
        }
        job.recordings.append(
            {copy,
             plan.projectName + " — " + recordingTitle(r.fileName),
             QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()),
             bytes.size(),
             {}});
    }
    if (!update([&](QList<UploadJob> &jobs) { jobs.append(job); })) {
        m_jobs.removeIf([&](const UploadJob &j) { return j.id == job.id; });
        QDir(spool).removeRecursively();
        return makeError(tr("Cannot save the upload queue in %1.").arg(m_dir).toStdString());
    }
    drain();
    return job.id;
}

void UploadQueue::retry(const QString &jobId)
{
    const bool changed = updateJob(jobId, [](UploadJob &j) {
        if (j.state == UploadJob::State::Done)
            return;
        j.state = UploadJob::State::Pending;
        j.nextAttemptMs = 0;
        j.lastError.clear();
    });
    if (changed)
        drain();
}

void UploadQueue::remove(const QString &jobId)
{
    // Never pull the spool from under a transfer, ours or another instance's; the user can
    // remove it after.
    const bool held = m_drainLock.isLocked();
    if (m_call || (!held && !m_drainLock.tryLock(0)))
        return;
    update([&](QList<UploadJob> &jobs) { jobs.removeIf([&](const UploadJob &j) { return j.id == jobId; }); });
    QDir(m_dir + '/' + jobId).removeRecursively();
    if (!held)
        releaseDrainLock();
}

bool UploadQueue::isSendable(const UploadJob &job) const
{
    return job.state == UploadJob::State::Pending && m_session->isSignedIn() &&
           job.accountId == m_session->account().id && job.server == m_api->baseUrl().toString();
}

UploadJob *UploadQueue::next()
{
    const qint64 now = nowMs();
    for (auto &j : m_jobs)
        if (isSendable(j) && j.nextAttemptMs <= now)
            return &j;
    return nullptr;
}

void UploadQueue::drain()
{
    if (m_call)
        return;
    if (!m_drainLock.isLocked() && !m_drainLock.tryLock(0)) {
        // Another instance is sending (and may send our jobs too: same account, same file).
        // Look again in a while: it may be done by then, or have died (its lock is stale then).
        reload();
        if (std::any_of(m_jobs.cbegin(), m_jobs.cend(), [this](const UploadJob &j) { return isSendable(j); }))
            m_otherInstanceTimer.start(std::min(kOtherInstanceRetryMs, m_maxMs));
        Q_EMIT idle();
        return;
    }
    reload(); // what another instance queued or sent meanwhile
    if (UploadJob *job = next()) {
        run(*job);
        return;
    }
    becomeIdle();
}

void UploadQueue::becomeIdle()
{
    releaseDrainLock();
    scheduleNext();
    Q_EMIT idle();
}

void UploadQueue::scheduleNext()
{
    // Only jobs this instance may send: another account's job waits for that account to sign
    // in (signedIn drains), not for a timer.
    qint64 soonest = -1;
    for (const auto &j : std::as_const(m_jobs))
        if (isSendable(j) && (soonest < 0 || j.nextAttemptMs < soonest))
            soonest = j.nextAttemptMs;
    if (soonest < 0)
        return;
    m_timer.start(int(std::clamp<qint64>(soonest - nowMs(), 50, m_maxMs)));
}

void UploadQueue::run(const UploadJob &job)
{
    // The steps get a copy of the id: each may re-read queue.json, and when another instance
    // wrote it meanwhile that replaces m_jobs, and with it the job (and id) `job` points into.
    const QString id = job.id;
    if (job.projectId.isEmpty())
        ensureProject(id);
    else if (!job.projectVisibilitySet)
        setVisibility(id, -1);
    else if (job.versionId.isEmpty())
        sendVersion(id);
    else {
        for (int i = 0; i < job.recordings.size(); ++i) {
            if (job.recordings[i].remoteId.isEmpty())
                return sendRecording(id, i);
            if (!job.recordings[i].visibilitySet)
                return setVisibility(id, i);
        }
        complete(id);
    }
}

void UploadQueue::track(ApiCall *call, const QString &jobId, qint64 before)
{
    m_call = call;
    const UploadJob *job = find(jobId);
    const qint64 total = job ? job->totalBytes() : 0;
    connect(call, &ApiCall::uploadProgress, this, [this, jobId, before, total](qint64 done, qint64 of) {
        if (of <= 0)
            return; // Qt's closing (0, 0): not a step back to nothing
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
    m_call = call; // no bytes of the job's own: progress counts the archive and recordings
    connect(call, &ApiCall::finished, this, [this, jobId](const ApiResponse &r) {
        m_call = nullptr;
        const UploadJob *job = find(jobId);
        if (!job)
            return drain();
        if (!r.ok())
            return failed(jobId, r);
        for (const auto &v : r.object().value("items").toArray()) {
            const auto p = v.toObject();
            if (p.value("name").toString() != job->projectName ||
                p.value("owner").toString() != job->username)
                continue;
            const QString projectId = p.value("id").toString();
            // Versions follow their project: a project with the other visibility gets a PATCH
            // as the next step, so what the user chose holds for this version too.
            const bool same = p.value("visibility").toString() == job->visibility;
            if (updateJob(jobId, [&](UploadJob &j) {
                    j.projectId = projectId;
                    j.projectVisibilitySet = same;
                }))
                Q_EMIT stepDone(jobId, QStringLiteral("project"));
            return drain();
        }
        ApiCall *create = m_api->postJson(
            "/projects",
            {{"name", job->projectName}, {"visibility", job->visibility}, {"description", job->message}});
        m_call = create;
        whenStored(create, jobId, QStringLiteral("project"), [](UploadJob &j, const ApiResponse &made) {
            j.projectId = made.object().value("id").toString();
            j.projectVisibilitySet = made.object().value("visibility").toString() == j.visibility;
        });
    });
}

void UploadQueue::spoolGone(const QString &jobId, const QString &what)
{
    QString message;
    updateJob(jobId, [&](UploadJob &j) {
        j.state = UploadJob::State::Failed;
        j.lastError = message = tr("The spooled %1 is gone.").arg(what);
    });
    Q_EMIT jobFinished(jobId, false, message);
    drain();
}

void UploadQueue::sendVersion(const QString &jobId)
{
    const UploadJob *job = find(jobId);
    bool ok = false;
    const QByteArray archive = readAll(job->archiveFile, &ok);
    if (!ok)
        return spoolGone(jobId, tr("archive %1").arg(job->archiveFile));
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
    const UploadJob *job = find(jobId);
    const auto &rec = job->recordings[index];
    bool ok = false;
    const QByteArray bytes = readAll(rec.file, &ok);
    if (!ok)
        return spoolGone(jobId, tr("recording %1").arg(rec.file));
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
        if (index < j.recordings.size()) {
            j.recordings[index].remoteId = r.object().value("id").toString();
            // The same bytes uploaded before come back as they were, perhaps with the other
            // visibility: then a PATCH is the next step.
            j.recordings[index].visibilitySet = r.object().value("visibility").toString() == j.visibility;
        }
    });
}

void UploadQueue::setVisibility(const QString &jobId, int recording)
{
    const UploadJob *job = find(jobId);
    const QString path =
        recording < 0 ? "/projects/" + job->projectId : "/recordings/" + job->recordings[recording].remoteId;
    ApiCall *call = m_api->sendJson("PATCH", path, {{"visibility", job->visibility}});
    m_call = call; // a few bytes: no progress of its own
    const QString step = recording < 0 ? QStringLiteral("project visibility")
                                       : QStringLiteral("recording %1 visibility").arg(recording);
    whenStored(call, jobId, step, [recording](UploadJob &j, const ApiResponse &) {
        if (recording < 0)
            j.projectVisibilitySet = true;
        else if (recording < j.recordings.size())
            j.recordings[recording].visibilitySet = true;
    });
}

void UploadQueue::whenStored(ApiCall *call, const QString &jobId, const QString &step,
                             std::function<void(UploadJob &, const ApiResponse &)> keep)
{
    connect(call, &ApiCall::finished, this, [this, jobId, step, keep](const ApiResponse &r) {
        m_call = nullptr;
        if (!find(jobId))
            return drain(); // removed meanwhile
        if (!r.ok())
            return failed(jobId, r);
        // Saved before the next step: a crash from here on resumes after this step.
        if (!updateJob(jobId, [&](UploadJob &j) { keep(j, r); }))
            return drain(); // removed meanwhile, by another instance
        Q_EMIT stepDone(jobId, step);
        drain();
    });
}

void UploadQueue::complete(const QString &jobId)
{
    QString projectName, commit;
    qint64 total = 0;
    update([&](QList<UploadJob> &jobs) {
        for (auto &j : jobs)
            if (j.id == jobId) {
                total = j.totalBytes();
                j.state = UploadJob::State::Done;
                j.lastError.clear();
                j.archiveFile.clear();
                for (auto &r : j.recordings)
                    r.file.clear();
                projectName = j.projectName;
                commit = j.commit;
            }
        // Keep a short history of what was published, newest last.
        while (jobs.size() > 50 && jobs.first().state == UploadJob::State::Done)
            jobs.removeFirst();
    });
    QDir(m_dir + '/' + jobId).removeRecursively();
    Q_EMIT progress(jobId, total, total);
    Q_EMIT jobFinished(jobId, true, tr("Published %1 (%2).").arg(projectName, commit.left(7)));
    drain();
}

void UploadQueue::failed(const QString &jobId, const ApiResponse &r)
{
    if (r.status == 401) {
        // Signed out under us: the job waits for the account to come back (signedIn drains).
        updateJob(jobId, [&](UploadJob &j) { j.lastError = r.errorMessage; });
        return becomeIdle();
    }
    const bool transient =
        r.unreachable() || r.status == 0 || r.status >= 500 || r.status == 429 || r.status == 408;
    if (transient) {
        updateJob(jobId, [&](UploadJob &j) {
            j.lastError = r.errorMessage;
            ++j.attempts;
            const qint64 delay = std::min<qint64>(qint64(m_baseMs) << std::min(j.attempts - 1, 20), m_maxMs);
            j.nextAttemptMs = nowMs() + delay;
        });
        return becomeIdle();
    }
    updateJob(jobId, [&](UploadJob &j) {
        j.lastError = r.errorMessage;
        j.state = UploadJob::State::Failed;
    });
    Q_EMIT jobFinished(jobId, false, r.errorMessage);
    drain();
}

} // namespace bunny::net
