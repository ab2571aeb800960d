#include "vcs/asyncrepository.h"

#include <QMetaObject>

namespace bunny::vcs {

AsyncRepository::AsyncRepository(const QString &path, QObject *parent)
    : QObject(parent)
    , m_path(path)
{
    // One thread: libgit2 objects must not be used concurrently, and callers expect their
    // operations to apply in the order they asked for them.
    m_pool.setMaxThreadCount(1);
}

AsyncRepository::~AsyncRepository()
{
    m_pool.waitForDone();
    m_repo.reset();
}

Error AsyncRepository::openOnWorker(Repository *&repo)
{
    repo = nullptr;
    if (!m_repo) {
        auto opened = Repository::discover(m_path);
        if (!opened)
            return opened.error();
        m_repo.emplace(std::move(*opened));
    }
    repo = &*m_repo;
    return {};
}

void AsyncRepository::notifyChanged()
{
    QMetaObject::invokeMethod(this, &AsyncRepository::changed, Qt::QueuedConnection);
}

QFuture<Result<void>> AsyncRepository::init()
{
    auto promise = std::make_shared<QPromise<Result<void>>>();
    QFuture<Result<void>> future = promise->future();
    promise->start();
    m_pool.start([this, promise] {
        auto created = Repository::init(m_path);
        if (!created) {
            promise->addResult(Result<void>(created.error()));
        } else {
            m_repo.emplace(std::move(*created));
            promise->addResult(Result<void>());
            notifyChanged();
        }
        promise->finish();
    });
    return future;
}

QFuture<Result<RepositorySnapshot>> AsyncRepository::snapshot(int maxCommits)
{
    return run([maxCommits](Repository &repo) -> Result<RepositorySnapshot> {
        RepositorySnapshot snapshot;
        snapshot.workdir = repo.workdir();
        snapshot.currentBranch = repo.currentBranch();
        auto entries = repo.status(true);
        if (!entries)
            return entries.error();
        for (const StatusEntry &entry : *entries) {
            snapshot.fileStatuses.insert(entry.path, entry.combined());
            if (entry.combined() != FileStatus::Ignored)
                snapshot.changes.append(entry);
        }
        auto history = repo.log(maxCommits);
        if (!history)
            return history.error();
        snapshot.history = std::move(*history);
        auto branches = repo.branches();
        if (!branches)
            return branches.error();
        snapshot.branches = std::move(*branches);
        auto tags = repo.tags();
        if (!tags)
            return tags.error();
        snapshot.tags = std::move(*tags);
        return snapshot;
    });
}

QFuture<Result<QList<CommitInfo>>> AsyncRepository::log(int maxCount)
{
    return run([maxCount](Repository &repo) { return repo.log(maxCount); });
}

QFuture<Result<QList<StatusEntry>>> AsyncRepository::status()
{
    return run([](Repository &repo) { return repo.status(); });
}

QFuture<Result<QMap<QString, FileStatus>>> AsyncRepository::fileStatuses()
{
    return run([](Repository &repo) { return repo.fileStatuses(); });
}

QFuture<Result<QList<FileDiff>>> AsyncRepository::diffWorkingTree()
{
    return run([](Repository &repo) { return repo.diffWorkingTree(); });
}

QFuture<Result<QList<FileDiff>>> AsyncRepository::diffCommit(const QString &revision)
{
    return run([revision](Repository &repo) { return repo.diffCommit(revision); });
}

QFuture<Result<QList<BranchInfo>>> AsyncRepository::branches()
{
    return run([](Repository &repo) { return repo.branches(); });
}

QFuture<Result<QList<TagInfo>>> AsyncRepository::tags()
{
    return run([](Repository &repo) { return repo.tags(); });
}

QFuture<Result<void>> AsyncRepository::stage(const QStringList &paths)
{
    return write([paths](Repository &repo) { return repo.stage(paths); });
}

QFuture<Result<void>> AsyncRepository::unstage(const QStringList &paths)
{
    return write([paths](Repository &repo) { return repo.unstage(paths); });
}

QFuture<Result<CommitInfo>> AsyncRepository::commit(const QString &message, const Person &author,
                                                    bool stageAll)
{
    return write([this, message, author, stageAll](Repository &repo) {
        auto made =
            stageAll ? repo.commitAll(message, author.name, author.email) : repo.commit(message, author);
        if (made) {
            const CommitInfo info = *made;
            QMetaObject::invokeMethod(
                this, [this, info] { Q_EMIT committed(info); }, Qt::QueuedConnection);
        }
        return made;
    });
}

QFuture<Result<void>> AsyncRepository::restoreFile(const QString &revision, const QString &path,
                                                   Overwrite overwrite)
{
    return write([=](Repository &repo) { return repo.restoreFile(revision, path, overwrite); });
}

QFuture<Result<void>> AsyncRepository::restoreTree(const QString &revision, Overwrite overwrite)
{
    return write([=](Repository &repo) { return repo.restoreTree(revision, overwrite); });
}

QFuture<Result<void>> AsyncRepository::createBranch(const QString &name, const QString &revision)
{
    return write([=](Repository &repo) { return repo.createBranch(name, revision); });
}

QFuture<Result<void>> AsyncRepository::switchBranch(const QString &name, Overwrite overwrite)
{
    return write([=](Repository &repo) { return repo.switchBranch(name, overwrite); });
}

QFuture<Result<void>> AsyncRepository::createTag(const QString &name, const QString &revision,
                                                 const QString &message, const Person &tagger)
{
    return write([=](Repository &repo) { return repo.createTag(name, revision, message, tagger); });
}

} // namespace bunny::vcs
