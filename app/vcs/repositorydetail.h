#pragma once

#include "core/result.h"
#include "vcs/handles.h"
#include "vcs/types.h"

#include <QMap>
#include <QString>
#include <QStringList>

// Helpers shared by the Repository implementation files; not part of the library's API.
namespace bunny::vcs::detail {

QString toString(const git_oid *oid);
QString shortId(git_commit *commit);
QByteArray toPath(const QString &path); // UTF-8, for libgit2

/// Holds UTF-8 copies of strings for a git_strarray that points into them.
class StringArray
{
public:
    explicit StringArray(const QStringList &strings);
    git_strarray *get() { return &m_array; }

private:
    QList<QByteArray> m_bytes;
    std::vector<char *> m_pointers;
    git_strarray m_array{};
};

Result<CommitHandle> lookupCommit(git_repository *repo, const QString &revision);
Result<SignatureHandle> makeSignature(const Person &person);
/// Commit ids mapped to the local branches (first) and tags (second) that point at them.
struct Labels
{
    QMap<QString, QStringList> branches;
    QMap<QString, QStringList> tags;
};
Labels collectLabels(git_repository *repo);
CommitInfo toCommitInfo(git_commit *commit, const Labels &labels, const QString &headId);
QString headId(git_repository *repo);
/// Checks `treeish` out into the working tree and index (only `paths` when not empty).
/// Without `force` it refuses, naming the files, when it would overwrite local changes.
/// `what` starts the error message ("Switching to main").
Result<void> checkout(git_repository *repo, git_object *treeish, const QStringList &paths, bool force,
                      const QString &what);

} // namespace bunny::vcs::detail
