#pragma once

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace bunny::vcs {

/// What happened to a file compared to the last commit, as the file tree shows it.
enum class FileStatus {
    Unmodified,
    New,
    Modified,
    Deleted,
    Renamed,
    Ignored,
    Conflicted,
};

QString fileStatusName(FileStatus status);

/// One path's status. `staged` is the change between HEAD and the index, `unstaged` the change
/// between the index and the working tree; either may be Unmodified.
struct StatusEntry
{
    QString path;    ///< relative to the working tree, '/' separated
    QString oldPath; ///< for renames, the path before
    FileStatus staged = FileStatus::Unmodified;
    FileStatus unstaged = FileStatus::Unmodified;

    /// The single status a file tree shows: the working tree's if any, else the index's.
    FileStatus combined() const { return unstaged != FileStatus::Unmodified ? unstaged : staged; }
    bool isStaged() const { return staged != FileStatus::Unmodified; }
    bool hasUnstaged() const { return unstaged != FileStatus::Unmodified; }
};

struct Person
{
    QString name;
    QString email;
};

struct CommitInfo
{
    QString id;      ///< full hex id
    QString shortId; ///< unambiguous abbreviation, at least 7 characters
    QString subject; ///< first line of the message
    QString message; ///< whole message
    Person author;
    QDateTime time;       ///< author time, with its UTC offset
    QStringList parents;  ///< full ids
    QStringList branches; ///< local branch names pointing here
    QStringList tags;     ///< tag names pointing here (annotated tags peeled)
    bool isHead = false;
};

struct DiffLine
{
    enum class Kind { Context, Added, Removed };
    Kind kind = Kind::Context;
    int oldLine = -1; ///< 1-based line in the old file, -1 for added lines
    int newLine = -1; ///< 1-based line in the new file, -1 for removed lines
    QString text;     ///< without the end of line
};

struct DiffHunk
{
    QString header; ///< "@@ -1,3 +1,4 @@ ..."
    int oldStart = 0;
    int oldLines = 0;
    int newStart = 0;
    int newLines = 0;
    QList<DiffLine> lines;
};

struct FileDiff
{
    QString oldPath;
    QString newPath;
    FileStatus status = FileStatus::Modified;
    bool binary = false;
    QList<DiffHunk> hunks;

    int added() const;
    int removed() const;
};

struct BranchInfo
{
    QString name;
    QString targetId;
    bool isCurrent = false;
};

struct TagInfo
{
    QString name;
    QString targetId; ///< the commit it points to
    QString message;  ///< empty for lightweight tags
};

/// Everything the VCS panel shows, read in one go on the worker thread.
struct RepositorySnapshot
{
    QString workdir;
    QString currentBranch;
    QList<StatusEntry> changes;             ///< ignored files left out
    QMap<QString, FileStatus> fileStatuses; ///< for the file tree, ignored paths included
    QList<CommitInfo> history;
    QList<BranchInfo> branches;
    QList<TagInfo> tags;
};

} // namespace bunny::vcs
