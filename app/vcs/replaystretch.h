#pragma once

#include "core/result.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace bunny::vcs {

/// What the replay search needs from one recording: when it started and its markers.
struct RecordingMarkers
{
    struct Marker
    {
        qint64 t = 0;  ///< ms since the recording started
        QString kind;  ///< "commit", "run", …
        QString label; ///< for commits "<short id> <subject>"
    };

    QString file;
    QDateTime started;
    QList<Marker> markers;
};

/// The part of a project's recordings that shows how one commit was written: from the end of
/// startMs in files.first() to endMs in files.last(), through every file in between.
struct ReplayStretch
{
    QStringList files;               ///< recordings in the order they were made
    qint64 startMs = 0;              ///< offset into files.first()
    qint64 endMs = 0;                ///< offset into files.last()
    QDateTime startTime;             ///< absolute time of startMs
    QDateTime endTime;               ///< absolute time of endMs
    bool fromPreviousCommit = false; ///< false when it starts at a recording's beginning
};

/// The label of the commit marker for a commit: "<short id> <subject>".
QString commitMarkerLabel(const QString &shortId, const QString &subject);

/// Finds the stretch that ends at the commit marker of `commitId` and starts at the last
/// marker before it of one of `parentIds`; failing that, at the last commit marker before
/// it (the work since then led to this commit); failing that, at the beginning of the
/// earliest recording. Recordings are ordered by their start time. Marker labels match a
/// full id when their first word is a prefix of it (at least 4 hex digits).
Result<ReplayStretch> findReplayStretch(QList<RecordingMarkers> recordings, const QString &commitId,
                                        const QStringList &parentIds);

/// Reads the start time and the markers of every `<projectDir>/.bunny/recordings/*.bunnyrec`
/// and `*.bunnyrec.gz` (the files "Replay This Project's Sessions" plays).
/// Files that cannot be read are left out and named in `warnings` when given.
QList<RecordingMarkers> loadRecordingMarkers(const QString &projectDir, QStringList *warnings = nullptr);

} // namespace bunny::vcs
