#include "vcs/giterror.h"
#include "vcs/repository.h"
#include "vcs/repositorydetail.h"

namespace bunny::vcs {

using namespace detail;

namespace {
QString listPaths(const QStringList &paths)
{
    constexpr int kShown = 5;
    QString text = paths.mid(0, kShown).join(QStringLiteral(", "));
    if (paths.size() > kShown)
        text += QStringLiteral(" and %1 more").arg(paths.size() - kShown);
    return text;
}
} // namespace

Result<QByteArray> Repository::fileAt(const QString &revision, const QString &path) const
{
    auto commit = lookupCommit(m_repo.get(), revision);
    if (!commit)
        return commit.error();
    git_tree *rawTree = nullptr;
    if (int code = git_commit_tree(&rawTree, commit->get()); code != 0)
        return gitError(QStringLiteral("Cannot read version %1").arg(revision), code);
    TreeHandle tree(rawTree);
    git_tree_entry *rawEntry = nullptr;
    if (int code = git_tree_entry_bypath(&rawEntry, tree.get(), toPath(path).constData()); code != 0) {
        if (code == GIT_ENOTFOUND) {
            git_error_clear();
            return vcsError(
                QStringLiteral("%1 does not exist in version %2.").arg(path, shortId(commit->get())));
        }
        return gitError(QStringLiteral("Cannot find %1").arg(path), code);
    }
    Handle<git_tree_entry, git_tree_entry_free> entry(rawEntry);
    if (git_tree_entry_type(entry.get()) != GIT_OBJECT_BLOB)
        return vcsError(QStringLiteral("%1 is a folder in version %2.").arg(path, shortId(commit->get())));
    git_blob *rawBlob = nullptr;
    if (int code = git_blob_lookup(&rawBlob, m_repo.get(), git_tree_entry_id(entry.get())); code != 0)
        return gitError(QStringLiteral("Cannot read %1").arg(path), code);
    BlobHandle blob(rawBlob);
    return QByteArray(static_cast<const char *>(git_blob_rawcontent(blob.get())),
                      qsizetype(git_blob_rawsize(blob.get())));
}

Result<void> Repository::restoreFile(const QString &revision, const QString &path, Overwrite overwrite)
{
    auto commit = lookupCommit(m_repo.get(), revision);
    if (!commit)
        return commit.error();
    if (auto content = fileAt(revision, path); !content)
        return content.error();
    if (overwrite == Overwrite::Refuse) {
        auto entries = status();
        if (!entries)
            return entries.error();
        for (const StatusEntry &entry : *entries) {
            if (entry.path == path || entry.oldPath == path)
                return vcsError(
                    QStringLiteral("%1 has changes that are not committed; restoring it would lose "
                                   "them. Commit first, or restore anyway.")
                        .arg(path));
        }
    }
    // Forced per path: our own check above is what guards the user's work.
    return checkout(m_repo.get(), reinterpret_cast<git_object *>(commit->get()), {path}, true,
                    QStringLiteral("Restoring %1").arg(path));
}

Result<void> Repository::restoreTree(const QString &revision, Overwrite overwrite)
{
    auto commit = lookupCommit(m_repo.get(), revision);
    if (!commit)
        return commit.error();
    if (overwrite == Overwrite::Refuse) {
        auto entries = status();
        if (!entries)
            return entries.error();
        QStringList changed;
        for (const StatusEntry &entry : *entries)
            changed.append(entry.path);
        if (!changed.isEmpty())
            return vcsError(
                QStringLiteral("Restoring version %1 would lose changes that are not committed (%2). "
                               "Commit them first, or restore anyway.")
                    .arg(shortId(commit->get()), listPaths(changed)));
    }
    return checkout(m_repo.get(), reinterpret_cast<git_object *>(commit->get()), {}, true,
                    QStringLiteral("Restoring version %1").arg(shortId(commit->get())));
}

} // namespace bunny::vcs
