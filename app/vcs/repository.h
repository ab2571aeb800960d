#pragma once

#include "core/result.h"
#include "vcs/handles.h"
#include "vcs/types.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>

namespace bunny::vcs {

class LibGit2;

/// Whether an operation may overwrite changes that are not committed.
enum class Overwrite {
    Refuse, ///< fail with a readable error rather than lose anything
    Force,  ///< the caller asked the user and may throw the changes away
};

/// A git repository with a working tree, read and written through libgit2.
///
/// Move-only. Not thread-safe: use one Repository from one thread at a time (AsyncRepository
/// runs them on a worker). Paths in and out are relative to the working tree with '/'
/// separators; ids are full hex ids unless named short. Every fallible call returns a
/// Result whose message a user can read.
class Repository
{
public:
    /// Creates a repository in `path` (made if missing), or opens the one already there.
    static Result<Repository> init(const QString &path);
    /// Opens the repository whose working tree is exactly `path`.
    static Result<Repository> open(const QString &path);
    /// Opens the repository that contains `path`, looking upwards.
    static Result<Repository> discover(const QString &path);

    Repository(Repository &&) noexcept;
    Repository &operator=(Repository &&) noexcept;
    ~Repository();

    /// The working tree, absolute, without a trailing slash.
    QString workdir() const;
    /// True until the first commit.
    bool isEmpty() const;
    /// The checked-out branch, or an empty string for a detached HEAD.
    QString currentBranch() const;
    /// The commit HEAD points at, or an error before the first commit.
    Result<CommitInfo> head() const;

    // Status ---------------------------------------------------------------------------------
    /// Every changed path, untracked files included and ignored ones only on request.
    [[nodiscard]] Result<QList<StatusEntry>> status(bool includeIgnored = false) const;
    /// The status of every changed path as a file tree shows it; ignored paths included, an
    /// ignored folder as one entry with a trailing slash ("build/").
    [[nodiscard]] Result<QMap<QString, FileStatus>> fileStatuses() const;
    [[nodiscard]] bool isIgnored(const QString &path) const;

    // Staging and committing ---------------------------------------------------------------------
    /// Stages the current content of `paths` (a deleted path stages its deletion).
    [[nodiscard]] Result<void> stage(const QStringList &paths);
    /// Takes `paths` out of the next commit, back to their state in HEAD.
    [[nodiscard]] Result<void> unstage(const QStringList &paths);
    /// Stages every change that .gitignore does not exclude, deletions included.
    [[nodiscard]] Result<void> stageAll();
    /// Commits the index on the current branch. The first commit has no parent; later ones
    /// refuse when nothing changed. The message is cleaned up as git does.
    [[nodiscard]] Result<CommitInfo> commit(const QString &message, const Person &author);
    /// stageAll() then commit(): what "Fork from here" and "Commit all" need.
    [[nodiscard]] Result<CommitInfo> commitAll(const QString &message, const QString &authorName,
                                               const QString &authorEmail);

    // History --------------------------------------------------------------------------------------
    /// Commits reachable from HEAD, newest first, with branch and tag labels; empty before the
    /// first commit.
    [[nodiscard]] Result<QList<CommitInfo>> log(int maxCount = 2000) const;
    /// One commit by id, short id, branch, tag or any revision git understands.
    [[nodiscard]] Result<CommitInfo> commitInfo(const QString &revision) const;

    // Diffs ----------------------------------------------------------------------------------------
    /// The working tree (untracked files included) against HEAD, renames detected.
    [[nodiscard]] Result<QList<FileDiff>> diffWorkingTree() const;
    /// A commit against its first parent (against nothing for the first commit).
    [[nodiscard]] Result<QList<FileDiff>> diffCommit(const QString &revision) const;

    // Restoring ------------------------------------------------------------------------------------
    /// The bytes of `path` as committed in `revision`.
    [[nodiscard]] Result<QByteArray> fileAt(const QString &revision, const QString &path) const;
    /// Writes `path` back to its content in `revision` (working tree and index). Refuses when
    /// the file has uncommitted changes, unless forced.
    [[nodiscard]] Result<void> restoreFile(const QString &revision, const QString &path,
                                           Overwrite overwrite = Overwrite::Refuse);
    /// Makes the working tree and index match `revision` without moving the branch, so the
    /// next commit records the restored version. Refuses when anything is uncommitted
    /// (untracked files included), unless forced; untracked files are never deleted.
    [[nodiscard]] Result<void> restoreTree(const QString &revision, Overwrite overwrite = Overwrite::Refuse);

    // Branches and tags ----------------------------------------------------------------------------
    [[nodiscard]] Result<QList<BranchInfo>> branches() const;
    /// Creates a branch at `revision` (HEAD when empty) without switching to it.
    [[nodiscard]] Result<void> createBranch(const QString &name, const QString &revision = {});
    /// Checks out `name`. Refuses when that would overwrite uncommitted changes, unless forced;
    /// changes that do not clash are carried over, as git does.
    [[nodiscard]] Result<void> switchBranch(const QString &name, Overwrite overwrite = Overwrite::Refuse);
    [[nodiscard]] Result<QList<TagInfo>> tags() const;
    /// A lightweight tag, or an annotated one when `message` is not empty.
    [[nodiscard]] Result<void> createTag(const QString &name, const QString &revision = {},
                                         const QString &message = {}, const Person &tagger = {});

    /// The raw handle, for code in this library only.
    git_repository *raw() const { return m_repo.get(); }

private:
    Repository(std::shared_ptr<LibGit2> library, RepositoryHandle repo);

    std::shared_ptr<LibGit2> m_library; // declared first: destroyed after the handle
    RepositoryHandle m_repo;
};

} // namespace bunny::vcs
