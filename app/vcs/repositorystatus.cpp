#include "vcs/giterror.h"
#include "vcs/repository.h"
#include "vcs/repositorydetail.h"

namespace bunny::vcs {

namespace {
FileStatus indexStatus(unsigned flags)
{
    if (flags & GIT_STATUS_INDEX_NEW)
        return FileStatus::New;
    if (flags & GIT_STATUS_INDEX_DELETED)
        return FileStatus::Deleted;
    if (flags & GIT_STATUS_INDEX_RENAMED)
        return FileStatus::Renamed;
    if (flags & (GIT_STATUS_INDEX_MODIFIED | GIT_STATUS_INDEX_TYPECHANGE))
        return FileStatus::Modified;
    return FileStatus::Unmodified;
}

FileStatus worktreeStatus(unsigned flags)
{
    if (flags & GIT_STATUS_CONFLICTED)
        return FileStatus::Conflicted;
    if (flags & GIT_STATUS_IGNORED)
        return FileStatus::Ignored;
    if (flags & GIT_STATUS_WT_NEW)
        return FileStatus::New;
    if (flags & GIT_STATUS_WT_DELETED)
        return FileStatus::Deleted;
    if (flags & GIT_STATUS_WT_RENAMED)
        return FileStatus::Renamed;
    if (flags & (GIT_STATUS_WT_MODIFIED | GIT_STATUS_WT_TYPECHANGE))
        return FileStatus::Modified;
    return FileStatus::Unmodified;
}

QString deltaPath(const git_diff_delta *delta, bool newSide)
{
    if (!delta)
        return QString();
    const char *path = newSide ? delta->new_file.path : delta->old_file.path;
    return path ? QString::fromUtf8(path) : QString();
}
} // namespace

Result<QList<StatusEntry>> Repository::status(bool includeIgnored) const
{
    git_status_options options = GIT_STATUS_OPTIONS_INIT;
    options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
    options.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS |
                    GIT_STATUS_OPT_RENAMES_HEAD_TO_INDEX | GIT_STATUS_OPT_RENAMES_INDEX_TO_WORKDIR |
                    GIT_STATUS_OPT_SORT_CASE_SENSITIVELY;
    if (includeIgnored)
        options.flags |= GIT_STATUS_OPT_INCLUDE_IGNORED; // an ignored folder is one entry, "build/"
    git_status_list *rawList = nullptr;
    if (int code = git_status_list_new(&rawList, m_repo.get(), &options); code != 0)
        return gitError(QStringLiteral("Cannot read what changed"), code);
    StatusListHandle list(rawList);

    QList<StatusEntry> entries;
    const size_t count = git_status_list_entrycount(list.get());
    for (size_t i = 0; i < count; ++i) {
        const git_status_entry *raw = git_status_byindex(list.get(), i);
        if (!raw || raw->status == GIT_STATUS_CURRENT)
            continue;
        StatusEntry entry;
        entry.staged = indexStatus(raw->status);
        entry.unstaged = worktreeStatus(raw->status);
        // The newest name wins: the working tree's, else the index's.
        const git_diff_delta *last = raw->index_to_workdir ? raw->index_to_workdir : raw->head_to_index;
        const git_diff_delta *first = raw->head_to_index ? raw->head_to_index : raw->index_to_workdir;
        entry.path = deltaPath(last, true);
        if (entry.path.isEmpty())
            entry.path = deltaPath(last, false);
        const QString before = deltaPath(first, false);
        if (entry.staged == FileStatus::Renamed || entry.unstaged == FileStatus::Renamed)
            entry.oldPath = before;
        entries.append(entry);
    }
    return entries;
}

Result<QMap<QString, FileStatus>> Repository::fileStatuses() const
{
    auto entries = status(true);
    if (!entries)
        return entries.error();
    QMap<QString, FileStatus> statuses;
    for (const StatusEntry &entry : *entries)
        statuses.insert(entry.path, entry.combined());
    return statuses;
}

bool Repository::isIgnored(const QString &path) const
{
    int ignored = 0;
    if (git_ignore_path_is_ignored(&ignored, m_repo.get(), detail::toPath(path).constData()) != 0) {
        git_error_clear();
        return false;
    }
    return ignored == 1;
}

} // namespace bunny::vcs
