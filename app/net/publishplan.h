#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace bunny::net {

/// Exactly what publishing the current commit sends: the files of its tree (as a tar.gz) and
/// the recordings that led to it. The preview dialog shows this, the queue sends this.
struct PublishPlan
{
    struct File
    {
        QString path;
        qint64 size = 0;
    };
    struct Recording
    {
        QString path; ///< absolute, in <project>/.bunny/recordings
        QString fileName;
        qint64 size = 0;          ///< of what is sent: `filtered` when set, else the file
        QByteArray filtered;      ///< the recording without excluded files' events; empty: send the file
        QStringList removedPaths; ///< excluded files whose events were taken out
    };

    QString projectDir;
    QString projectName; ///< the folder's name: the project on the server
    QString commitId;
    QString shortId;
    QString subject;
    QList<File> files;
    QList<Recording> recordings;
    QStringList leftOut; ///< tree paths not sent (.bunnyignore, built-in secrets, links)
    QByteArray archive;  ///< tar.gz of `files`, deterministic for a commit
    QString archiveSha256;
};

/// Is this project-relative path kept off the server? (The app passes its IgnoreMatcher.)
using ExcludeFilter = std::function<bool(const QString &relativePath)>;

/// Reads HEAD's tree through libgit2 (committed bytes, not the working tree) and finds the
/// recordings of .bunny/recordings that led to HEAD: the stretch from the previous commit's
/// marker to this commit's (app/vcs findReplayStretch), else every recording started before
/// the commit. Fails with a readable message when the folder has no commit.
[[nodiscard]] Result<PublishPlan> planPublish(const QString &projectDir, const ExcludeFilter &exclude);

} // namespace bunny::net
