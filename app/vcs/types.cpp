#include "vcs/types.h"

namespace bunny::vcs {

QString fileStatusName(FileStatus status)
{
    switch (status) {
    case FileStatus::Unmodified:
        return QStringLiteral("unmodified");
    case FileStatus::New:
        return QStringLiteral("new");
    case FileStatus::Modified:
        return QStringLiteral("modified");
    case FileStatus::Deleted:
        return QStringLiteral("deleted");
    case FileStatus::Renamed:
        return QStringLiteral("renamed");
    case FileStatus::Ignored:
        return QStringLiteral("ignored");
    case FileStatus::Conflicted:
        return QStringLiteral("conflicted");
    }
    return QString();
}

namespace {
int countLines(const QList<DiffHunk> &hunks, DiffLine::Kind kind)
{
    int count = 0;
    for (const DiffHunk &hunk : hunks)
        for (const DiffLine &line : hunk.lines)
            count += line.kind == kind ? 1 : 0;
    return count;
}
} // namespace

int FileDiff::added() const
{
    return countLines(hunks, DiffLine::Kind::Added);
}

int FileDiff::removed() const
{
    return countLines(hunks, DiffLine::Kind::Removed);
}

} // namespace bunny::vcs
