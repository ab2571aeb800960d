#pragma once

#include "core/result.h"
#include "net/uploadjob.h"

#include <QList>
#include <QLockFile>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>

namespace bunny::net {

class AccountSession;
class ApiCall;
class ApiClient;
struct ApiResponse;
struct PublishPlan;

/// Publishes survive being offline, a crash and a restart: each publish is spooled (archive and
/// recordings copied under the queue folder) and described in queue.json (written atomically,
/// QSaveFile) before anything is sent, then sent step by step (project, version, recordings),
/// each remote id saved as it arrives. An unreachable server, a 5xx or a 429 retries with
/// exponential backoff (1 s doubling to 5 min); a 4xx other than 401 fails the job with the
/// server's message. Drains when the server answers again and when someone signs in.
/// Only the account that queued a job sends it, to the server it was meant for.
///
/// Several app instances may share one queue folder. Every change re-reads queue.json and writes
/// it back under a short lock (queue.lock), so a job queued by either instance is never lost;
/// and only the instance holding drain.lock sends (it holds it while a transfer is in flight and
/// lets go when idle), so a job is never sent by two at once. A crashed holder's lock is taken
/// over (QLockFile sees its process is gone).
class UploadQueue : public QObject
{
    Q_OBJECT
public:
    /// dir: the queue folder (default AppDataLocation/uploads).
    UploadQueue(ApiClient *api, AccountSession *session, const QString &dir = {}, QObject *parent = nullptr);
    ~UploadQueue() override;

    static QString defaultDir();
    QString dir() const { return m_dir; }

    /// Spools the plan and queues it for the signed-in account; returns the job id.
    [[nodiscard]] Result<QString> enqueue(const PublishPlan &plan, const QString &visibility);
    QList<UploadJob> jobs() const { return m_jobs; }
    int pendingCount() const;
    bool isBusy() const { return m_call != nullptr; }

    /// Sends what can be sent now (also done by timers and signals).
    void drain();
    /// Re-reads queue.json (under queue.lock); emits jobsChanged when it differs from m_jobs
    /// (another instance may have changed it).
    void reload();
    /// Puts a failed or waiting job back to "now".
    void retry(const QString &jobId);
    void remove(const QString &jobId);
    /// Backoff base and cap in ms (tests shorten them).
    void setBackoff(int baseMs, int maxMs);
    /// True while this instance holds the right to send (drain.lock).
    bool isDraining() const { return m_drainLock.isLocked(); }

Q_SIGNALS:
    void jobsChanged();
    /// Bytes of the job sent so far, of its total.
    void progress(const QString &jobId, qint64 done, qint64 total);
    /// A remote id was saved: "project", "version" or "recording".
    void stepDone(const QString &jobId, const QString &step);
    void jobFinished(const QString &jobId, bool ok, const QString &message);
    /// Nothing more can be sent now (empty, waiting for backoff, the server or an account).
    void idle();

private:
    /// Removes spool folders no job names (a crash between spooling and queueing).
    void removeOrphanSpools();
    /// Applies change to the queue as it is on disk now and writes it back, all under
    /// queue.lock; m_jobs becomes the result. False when the lock or the write failed (then
    /// only m_jobs changed; the server's idempotency covers a step sent again).
    bool update(const std::function<void(QList<UploadJob> &)> &change);
    /// update() for one job; false when that job is gone (removed by another instance).
    bool updateJob(const QString &id, const std::function<void(UploadJob &)> &change);
    /// Reads queue.json into m_jobs; the caller holds queue.lock. False when it cannot be read.
    bool readLocked();
    QString queueFile() const;
    void releaseDrainLock();
    /// Nothing to send now: lets another instance send, arms the backoff timer, says idle.
    void becomeIdle();
    /// Pending, and ours to send: the signed-in account's, for the server we talk to.
    bool isSendable(const UploadJob &job) const;
    void spoolGone(const QString &jobId, const QString &what);
    UploadJob *find(const QString &id);
    UploadJob *next();
    void run(const UploadJob &job);
    void ensureProject(const QString &jobId);
    void sendVersion(const QString &jobId);
    void sendRecording(const QString &jobId, int index);
    /// PATCHes the job's visibility onto its project (recording < 0) or that recording.
    void setVisibility(const QString &jobId, int recording);
    void complete(const QString &jobId);
    /// On success: keep() writes the remote id into the job, which is saved, then the next step.
    void whenStored(ApiCall *call, const QString &jobId, const QString &step,
                    std::function<void(UploadJob &, const ApiResponse &)> keep);
    /// Handles a failed answer; true when the caller should stop.
    void failed(const QString &jobId, const ApiResponse &r);
    void track(ApiCall *call, const QString &jobId, qint64 before);
    void scheduleNext();

    ApiClient *m_api;
    AccountSession *m_session;
    QString m_dir;
    QList<UploadJob> m_jobs;
    QByteArray m_onDisk; ///< queue.json as last read or written
    QPointer<ApiCall> m_call;
    QTimer m_timer;
    QTimer m_otherInstanceTimer; ///< retries while another instance holds drain.lock
    QLockFile m_fileLock;
    QLockFile m_drainLock;
    int m_baseMs = 1000;
    int m_maxMs = 300000;
};

} // namespace bunny::net
