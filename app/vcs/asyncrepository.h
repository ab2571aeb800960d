#pragma once

#include "vcs/repository.h"

#include <QFuture>
#include <QObject>
#include <QPromise>
#include <QThreadPool>

#include <memory>
#include <optional>
#include <type_traits>

namespace bunny::vcs {

/// Runs Repository operations off the UI thread, one at a time, in submission order.
///
/// Owns the Repository, which only its worker thread touches; callers get a QFuture of each
/// result (use whenReady() to come back to a QObject's thread). The repository is discovered
/// from `path` on first use, so a folder that is not under version control yet gives every
/// call a readable error until init() succeeds. The destructor waits for queued work.
class AsyncRepository : public QObject
{
    Q_OBJECT

public:
    explicit AsyncRepository(const QString &path, QObject *parent = nullptr);
    ~AsyncRepository() override;

    QString path() const { return m_path; }

    /// Runs `function(Repository &)` on the worker. Its return value (a Result) is the
    /// future's result; when the repository cannot be opened, the future carries that error.
    template<typename Function>
    auto run(Function function) -> QFuture<std::invoke_result_t<Function, Repository &>>
    {
        using R = std::invoke_result_t<Function, Repository &>;
        auto promise = std::make_shared<QPromise<R>>();
        QFuture<R> future = promise->future();
        promise->start();
        m_pool.start([this, promise, function = std::move(function)]() mutable {
            Repository *repo = nullptr;
            const Error error = openOnWorker(repo);
            promise->addResult(repo ? function(*repo) : R(error));
            promise->finish();
        });
        return future;
    }

    /// Like run(), and emits changed() after a successful call: for operations that write.
    template<typename Function>
    auto write(Function function) -> QFuture<std::invoke_result_t<Function, Repository &>>
    {
        return run([this, function = std::move(function)](Repository &repo) mutable {
            auto result = function(repo);
            if (result.ok())
                notifyChanged();
            return result;
        });
    }

    /// Creates the repository in path() when there is none, then opens it.
    QFuture<Result<void>> init();

    /// Status, history, branches and tags at once, for a view to refresh from.
    QFuture<Result<RepositorySnapshot>> snapshot(int maxCommits = 2000);
    QFuture<Result<QList<CommitInfo>>> log(int maxCount = 2000);
    QFuture<Result<QList<StatusEntry>>> status();
    QFuture<Result<QMap<QString, FileStatus>>> fileStatuses();
    QFuture<Result<QList<FileDiff>>> diffWorkingTree();
    QFuture<Result<QList<FileDiff>>> diffCommit(const QString &revision);
    QFuture<Result<QList<BranchInfo>>> branches();
    QFuture<Result<QList<TagInfo>>> tags();

    QFuture<Result<void>> stage(const QStringList &paths);
    QFuture<Result<void>> unstage(const QStringList &paths);
    /// Commits the index, or everything not ignored when `stageAll`; emits committed() too.
    QFuture<Result<CommitInfo>> commit(const QString &message, const Person &author, bool stageAll = false);
    QFuture<Result<void>> restoreFile(const QString &revision, const QString &path, Overwrite overwrite);
    QFuture<Result<void>> restoreTree(const QString &revision, Overwrite overwrite);
    QFuture<Result<void>> createBranch(const QString &name, const QString &revision = {});
    QFuture<Result<void>> switchBranch(const QString &name, Overwrite overwrite);
    QFuture<Result<void>> createTag(const QString &name, const QString &revision, const QString &message,
                                    const Person &tagger);

Q_SIGNALS:
    /// Something this object did changed the repository (commit, stage, restore, switch…).
    void changed();
    /// A commit was made through this object.
    void committed(const bunny::vcs::CommitInfo &commit);

private:
    /// Worker thread only: opens the repository on first use; on failure `repo` stays null.
    Error openOnWorker(Repository *&repo);
    void notifyChanged();

    QString m_path;
    std::optional<Repository> m_repo; // worker thread only
    QThreadPool m_pool;
};

} // namespace bunny::vcs
