#pragma once

#include "core/result.h"
#include "net/uploadjob.h"

#include <QList>
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
    /// Puts a failed or waiting job back to "now".
    void retry(const QString &jobId);
    void remove(const QString &jobId);
    /// Backoff base and cap in ms (tests shorten them).
    void setBackoff(int baseMs, int maxMs);

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
    void load();
    bool save();
    UploadJob *find(const QString &id);
    UploadJob *next();
    void run(UploadJob &job);
    void ensureProject(const QString &jobId);
    void sendVersion(const QString &jobId);
    void sendRecording(const QString &jobId, int index);
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
    QPointer<ApiCall> m_call;
    QTimer m_timer;
    int m_baseMs = 1000;
    int m_maxMs = 300000;
};

} // namespace bunny::net
