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

    /// One commit by id, short id, branch, tag or any revision git understands.
    [[nodiscard]] Result<CommitInfo> commitInfo(const QString &revision) const;

    /// The raw handle, for code in this library only.
    git_repository *raw() const { return m_repo.get(); }

private:
    Repository(std::shared_ptr<LibGit2> library, RepositoryHandle repo);

    std::shared_ptr<LibGit2> m_library; // declared first: destroyed after the handle
    RepositoryHandle m_repo;
};

} // namespace bunny::vcs
