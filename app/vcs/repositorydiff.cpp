#include "vcs/giterror.h"
#include "vcs/repository.h"
#include "vcs/repositorydetail.h"

namespace bunny::vcs {

using namespace detail;

namespace {
FileStatus deltaStatus(git_delta_t status)
{
    switch (status) {
    case GIT_DELTA_ADDED:
    case GIT_DELTA_UNTRACKED:
    case GIT_DELTA_COPIED:
        return FileStatus::New;
    case GIT_DELTA_DELETED:
        return FileStatus::Deleted;
    case GIT_DELTA_RENAMED:
        return FileStatus::Renamed;
    case GIT_DELTA_IGNORED:
        return FileStatus::Ignored;
    case GIT_DELTA_CONFLICTED:
        return FileStatus::Conflicted;
    default:
        return FileStatus::Modified;
    }
}

QString lineText(const git_diff_line *line)
{
    QByteArray bytes(line->content, int(line->content_len));
    if (bytes.endsWith('\n'))
        bytes.chop(1);
    if (bytes.endsWith('\r'))
        bytes.chop(1);
    return QString::fromUtf8(bytes);
}

/// Turns every delta of `diff` into a FileDiff with its hunks and numbered lines.
Result<QList<FileDiff>> readDiff(git_diff *diff)
{
    git_diff_find_options find = GIT_DIFF_FIND_OPTIONS_INIT;
    find.flags = GIT_DIFF_FIND_RENAMES | GIT_DIFF_FIND_FOR_UNTRACKED;
    if (int code = git_diff_find_similar(diff, &find); code != 0)
        return gitError(QStringLiteral("Cannot compare the versions"), code);

    QList<FileDiff> files;
    const size_t count = git_diff_num_deltas(diff);
    for (size_t i = 0; i < count; ++i) {
        git_patch *rawPatch = nullptr;
        if (int code = git_patch_from_diff(&rawPatch, diff, i); code != 0)
            return gitError(QStringLiteral("Cannot compare the versions"), code);
        PatchHandle patch(rawPatch);
        const git_diff_delta *delta = git_diff_get_delta(diff, i);
        FileDiff file;
        file.oldPath = QString::fromUtf8(delta->old_file.path);
        file.newPath = QString::fromUtf8(delta->new_file.path);
        file.status = deltaStatus(delta->status);
        file.binary = (delta->flags & GIT_DIFF_FLAG_BINARY) != 0;
        if (!patch) { // binary or unchanged content: no text patch
            files.append(file);
            continue;
        }
        for (size_t h = 0; h < git_patch_num_hunks(patch.get()); ++h) {
            const git_diff_hunk *rawHunk = nullptr;
            size_t lines = 0;
            if (int code = git_patch_get_hunk(&rawHunk, &lines, patch.get(), h); code != 0)
                return gitError(QStringLiteral("Cannot compare the versions"), code);
            DiffHunk hunk;
            hunk.header = QString::fromUtf8(rawHunk->header, int(rawHunk->header_len)).trimmed();
            hunk.oldStart = rawHunk->old_start;
            hunk.oldLines = rawHunk->old_lines;
            hunk.newStart = rawHunk->new_start;
            hunk.newLines = rawHunk->new_lines;
            for (size_t l = 0; l < lines; ++l) {
                const git_diff_line *rawLine = nullptr;
                if (git_patch_get_line_in_hunk(&rawLine, patch.get(), h, l) != 0)
                    continue;
                DiffLine line;
                switch (rawLine->origin) {
                case GIT_DIFF_LINE_ADDITION:
                    line.kind = DiffLine::Kind::Added;
                    break;
                case GIT_DIFF_LINE_DELETION:
                    line.kind = DiffLine::Kind::Removed;
                    break;
                case GIT_DIFF_LINE_CONTEXT:
                    line.kind = DiffLine::Kind::Context;
                    break;
                default: // "\ No newline at end of file" markers
                    continue;
                }
                line.oldLine = rawLine->old_lineno;
                line.newLine = rawLine->new_lineno;
                line.text = lineText(rawLine);
                hunk.lines.append(line);
            }
            file.hunks.append(hunk);
        }
        files.append(file);
    }
    git_error_clear();
    return files;
}

git_diff_options diffOptions()
{
    git_diff_options options = GIT_DIFF_OPTIONS_INIT;
    options.flags =
        GIT_DIFF_INCLUDE_UNTRACKED | GIT_DIFF_RECURSE_UNTRACKED_DIRS | GIT_DIFF_SHOW_UNTRACKED_CONTENT;
    options.context_lines = 3;
    return options;
}
} // namespace

Result<QList<FileDiff>> Repository::diffWorkingTree() const
{
    TreeHandle headTree;
    if (!isEmpty()) {
        auto head = lookupCommit(m_repo.get(), QString());
        if (!head)
            return head.error();
        git_tree *raw = nullptr;
        if (int code = git_commit_tree(&raw, head->get()); code != 0)
            return gitError(QStringLiteral("Cannot read the last version"), code);
        headTree.reset(raw);
    }
    const git_diff_options options = diffOptions();
    git_diff *raw = nullptr;
    if (int code = git_diff_tree_to_workdir_with_index(&raw, m_repo.get(), headTree.get(), &options);
        code != 0)
        return gitError(QStringLiteral("Cannot compare the files with the last version"), code);
    DiffHandle diff(raw);
    return readDiff(diff.get());
}

Result<QList<FileDiff>> Repository::diffCommit(const QString &revision) const
{
    auto commit = lookupCommit(m_repo.get(), revision);
    if (!commit)
        return commit.error();
    git_tree *rawTree = nullptr;
    if (int code = git_commit_tree(&rawTree, commit->get()); code != 0)
        return gitError(QStringLiteral("Cannot read version %1").arg(revision), code);
    TreeHandle tree(rawTree);
    TreeHandle parentTree;
    if (git_commit_parentcount(commit->get()) > 0) {
        git_commit *rawParent = nullptr;
        if (int code = git_commit_parent(&rawParent, commit->get(), 0); code != 0)
            return gitError(QStringLiteral("Cannot read the version before %1").arg(revision), code);
        CommitHandle parent(rawParent);
        git_tree *raw = nullptr;
        if (int code = git_commit_tree(&raw, parent.get()); code != 0)
            return gitError(QStringLiteral("Cannot read the version before %1").arg(revision), code);
        parentTree.reset(raw);
    }
    const git_diff_options options = diffOptions();
    git_diff *raw = nullptr;
    if (int code = git_diff_tree_to_tree(&raw, m_repo.get(), parentTree.get(), tree.get(), &options);
        code != 0)
        return gitError(QStringLiteral("Cannot compare version %1 with the one before").arg(revision), code);
    DiffHandle diff(raw);
    return readDiff(diff.get());
}

} // namespace bunny::vcs
