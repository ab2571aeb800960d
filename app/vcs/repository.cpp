#include "vcs/repository.h"

#include "vcs/giterror.h"
#include "vcs/libgit2.h"
#include "vcs/repositorydetail.h"

#include <QDir>
#include <QFileInfo>

namespace bunny::vcs {

using namespace detail;

namespace {
// Bunny keeps its own data (recordings, state) in .bunny/ inside the project; it is never part
// of a version. The rule is in memory for this handle, so opening a repository changes nothing.
constexpr char kBunnyFolderRule[] = "/.bunny/\n";

/// Also tells the git command line, for repositories bunny creates.
void excludeBunnyFolder(git_repository *repo)
{
    const QString exclude = QFile::decodeName(git_repository_path(repo)) + QStringLiteral("info/exclude");
    QFile file(exclude);
    if (file.open(QIODevice::ReadOnly) && file.readAll().contains("/.bunny/"))
        return;
    file.close();
    QDir().mkpath(QFileInfo(exclude).path());
    if (file.open(QIODevice::Append))
        file.write(kBunnyFolderRule);
}
} // namespace

Repository::Repository(std::shared_ptr<LibGit2> library, RepositoryHandle repo)
    : m_library(std::move(library))
    , m_repo(std::move(repo))
{
    if (git_ignore_add_rule(m_repo.get(), kBunnyFolderRule) != 0)
        git_error_clear();
}

Repository::Repository(Repository &&) noexcept = default;
Repository &Repository::operator=(Repository &&) noexcept = default;
Repository::~Repository() = default;

Result<Repository> Repository::init(const QString &path)
{
    auto library = LibGit2::acquire();
    if (!QDir().mkpath(path))
        return vcsError(QStringLiteral("Cannot create the folder %1.").arg(path));
    git_repository *repo = nullptr;
    const QByteArray native = QFile::encodeName(QDir(path).absolutePath());
    if (int code = git_repository_init(&repo, native.constData(), 0); code != 0)
        return gitError(QStringLiteral("Cannot create a repository in %1").arg(path), code);
    excludeBunnyFolder(repo);
    return Repository(std::move(library), RepositoryHandle(repo));
}

Result<Repository> Repository::open(const QString &path)
{
    auto library = LibGit2::acquire();
    git_repository *repo = nullptr;
    const QByteArray native = QFile::encodeName(QDir(path).absolutePath());
    if (int code = git_repository_open_ext(&repo, native.constData(), GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr);
        code != 0) {
        if (code == GIT_ENOTFOUND) {
            git_error_clear();
            return vcsError(QStringLiteral("%1 is not under version control yet.").arg(path));
        }
        return gitError(QStringLiteral("Cannot open the repository in %1").arg(path), code);
    }
    RepositoryHandle handle(repo);
    if (git_repository_is_bare(repo))
        return vcsError(QStringLiteral("%1 is a bare repository, without files to edit.").arg(path));
    return Repository(std::move(library), std::move(handle));
}

Result<Repository> Repository::discover(const QString &path)
{
    auto library = LibGit2::acquire();
    Buffer found;
    const QByteArray native = QFile::encodeName(QFileInfo(path).absoluteFilePath());
    if (int code = git_repository_discover(found.get(), native.constData(), 0, nullptr); code != 0) {
        if (code == GIT_ENOTFOUND) {
            git_error_clear();
            return vcsError(QStringLiteral("%1 is not inside a repository.").arg(path));
        }
        return gitError(QStringLiteral("Cannot look for a repository above %1").arg(path), code);
    }
    git_repository *repo = nullptr;
    if (int code = git_repository_open(&repo, found.data()); code != 0)
        return gitError(
            QStringLiteral("Cannot open the repository in %1").arg(QString::fromUtf8(found.data())), code);
    RepositoryHandle handle(repo);
    if (git_repository_is_bare(repo))
        return vcsError(QStringLiteral("%1 is in a bare repository, without files to edit.").arg(path));
    return Repository(std::move(library), std::move(handle));
}

QString Repository::workdir() const
{
    QString dir = QFile::decodeName(git_repository_workdir(m_repo.get()));
    while (dir.size() > 1 && dir.endsWith(QLatin1Char('/')))
        dir.chop(1);
    return dir;
}

bool Repository::isEmpty() const
{
    const int unborn = git_repository_head_unborn(m_repo.get());
    git_error_clear();
    return unborn == 1;
}

QString Repository::currentBranch() const
{
    git_reference *ref = nullptr;
    if (git_repository_head(&ref, m_repo.get()) != 0) {
        // Before the first commit HEAD names a branch that does not exist yet.
        git_error_clear();
        git_reference *symbolic = nullptr;
        if (git_reference_lookup(&symbolic, m_repo.get(), "HEAD") != 0) {
            git_error_clear();
            return QString();
        }
        ReferenceHandle owned(symbolic);
        const char *target = git_reference_symbolic_target(symbolic);
        return target ? QString::fromUtf8(target).remove(QStringLiteral("refs/heads/")) : QString();
    }
    ReferenceHandle owned(ref);
    if (!git_reference_is_branch(ref))
        return QString();
    return QString::fromUtf8(git_reference_shorthand(ref));
}

Result<CommitInfo> Repository::head() const
{
    auto commit = lookupCommit(m_repo.get(), QString());
    if (!commit)
        return commit.error();
    return toCommitInfo(commit->get(), collectLabels(m_repo.get()), headId(m_repo.get()));
}

namespace {
Result<IndexHandle> openIndex(git_repository *repo)
{
    git_index *index = nullptr;
    if (int code = git_repository_index(&index, repo); code != 0)
        return gitError(QStringLiteral("Cannot read the staging area"), code);
    IndexHandle owned(index);
    // The handle caches the index: another program (git itself) may have changed the file.
    if (int code = git_index_read(index, 0); code != 0)
        return gitError(QStringLiteral("Cannot read the staging area"), code);
    return owned;
}

Result<void> writeIndex(git_index *index)
{
    if (int code = git_index_write(index); code != 0)
        return gitError(QStringLiteral("Cannot save the staging area"), code);
    return {};
}
} // namespace

Result<void> Repository::stage(const QStringList &paths)
{
    auto index = openIndex(m_repo.get());
    if (!index)
        return index.error();
    const QDir root(workdir());
    for (const QString &path : paths) {
        const QByteArray bytes = toPath(path);
        const bool exists = QFileInfo::exists(root.filePath(path));
        const int code = exists ? git_index_add_bypath(index->get(), bytes.constData())
                                : git_index_remove_bypath(index->get(), bytes.constData());
        if (code != 0)
            return gitError(QStringLiteral("Cannot stage %1").arg(path), code);
    }
    return writeIndex(index->get());
}

Result<void> Repository::unstage(const QStringList &paths)
{
    if (paths.isEmpty())
        return {};
    StringArray specs(paths);
    if (isEmpty()) {
        // No HEAD to go back to: unstaging means leaving the index.
        auto index = openIndex(m_repo.get());
        if (!index)
            return index.error();
        for (const QString &path : paths) {
            if (int code = git_index_remove_bypath(index->get(), toPath(path).constData()); code != 0)
                return gitError(QStringLiteral("Cannot unstage %1").arg(path), code);
        }
        return writeIndex(index->get());
    }
    auto head = lookupCommit(m_repo.get(), QString());
    if (!head)
        return head.error();
    if (int code = git_reset_default(m_repo.get(), reinterpret_cast<git_object *>(head->get()), specs.get());
        code != 0)
        return gitError(QStringLiteral("Cannot unstage %1").arg(paths.join(QStringLiteral(", "))), code);
    return {};
}

Result<void> Repository::stageAll()
{
    auto index = openIndex(m_repo.get());
    if (!index)
        return index.error();
    StringArray everything({QStringLiteral("*")});
    // add_all adds new and modified files (ignored ones skipped); update_all stages deletions.
    if (int code = git_index_add_all(index->get(), everything.get(), GIT_INDEX_ADD_DEFAULT, nullptr, nullptr);
        code != 0)
        return gitError(QStringLiteral("Cannot stage the changes"), code);
    if (int code = git_index_update_all(index->get(), everything.get(), nullptr, nullptr); code != 0)
        return gitError(QStringLiteral("Cannot stage the deletions"), code);
    return writeIndex(index->get());
}

Result<CommitInfo> Repository::commit(const QString &message, const Person &author)
{
    Buffer cleaned;
    const QByteArray rawMessage = message.toUtf8();
    if (git_message_prettify(cleaned.get(), rawMessage.constData(), 0, '#') != 0 ||
        QByteArray(cleaned.data()).trimmed().isEmpty()) {
        git_error_clear();
        return vcsError(QStringLiteral("Write a message that says what changed."));
    }
    auto signature = makeSignature(author);
    if (!signature)
        return signature.error();
    auto index = openIndex(m_repo.get());
    if (!index)
        return index.error();
    if (git_index_has_conflicts(index->get()))
        return vcsError(QStringLiteral("Resolve the conflicting files before committing."));
    git_oid treeId;
    if (int code = git_index_write_tree(&treeId, index->get()); code != 0)
        return gitError(QStringLiteral("Cannot record the staged files"), code);
    git_tree *rawTree = nullptr;
    if (int code = git_tree_lookup(&rawTree, m_repo.get(), &treeId); code != 0)
        return gitError(QStringLiteral("Cannot record the staged files"), code);
    TreeHandle tree(rawTree);

    CommitHandle parent;
    if (!isEmpty()) {
        auto head = lookupCommit(m_repo.get(), QString());
        if (!head)
            return head.error();
        parent = std::move(*head);
        if (git_oid_equal(git_commit_tree_id(parent.get()), &treeId))
            return vcsError(QStringLiteral("Nothing to commit: no staged change since the last version."));
    }
    const git_commit *parents[] = {parent.get()};
    git_oid commitId;
    if (int code = git_commit_create(&commitId, m_repo.get(), "HEAD", signature->get(), signature->get(),
                                     nullptr, cleaned.data(), tree.get(), parent ? 1 : 0, parents);
        code != 0)
        return gitError(QStringLiteral("Cannot commit"), code);
    return commitInfo(toString(&commitId));
}

Result<CommitInfo> Repository::commitAll(const QString &message, const QString &authorName,
                                         const QString &authorEmail)
{
    if (auto staged = stageAll(); !staged)
        return staged.error();
    return commit(message, Person{authorName, authorEmail});
}

Result<CommitInfo> Repository::commitInfo(const QString &revision) const
{
    auto commit = lookupCommit(m_repo.get(), revision);
    if (!commit)
        return commit.error();
    return toCommitInfo(commit->get(), collectLabels(m_repo.get()), headId(m_repo.get()));
}

} // namespace bunny::vcs
