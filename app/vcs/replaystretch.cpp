#include "vcs/replaystretch.h"

#include "vcs/giterror.h"

#include <QRegularExpression>

#include <algorithm>

namespace bunny::vcs {

QString commitMarkerLabel(const QString &shortId, const QString &subject)
{
    return QStringLiteral("%1 %2").arg(shortId, subject.simplified());
}

namespace {
constexpr int kMinimumIdLength = 4;

bool labelNames(const QString &label, const QString &commitId)
{
    static const QRegularExpression hex(QStringLiteral("^[0-9a-fA-F]+$"));
    const QString token = label.section(QLatin1Char(' '), 0, 0);
    return token.size() >= kMinimumIdLength && hex.match(token).hasMatch() &&
           commitId.startsWith(token, Qt::CaseInsensitive);
}

struct Position
{
    qsizetype recording = -1;
    qint64 t = 0;
    bool valid() const { return recording >= 0; }
};

bool isCommit(const RecordingMarkers::Marker &marker)
{
    return marker.kind == QLatin1String("commit");
}
} // namespace

Result<ReplayStretch> findReplayStretch(QList<RecordingMarkers> recordings, const QString &commitId,
                                        const QStringList &parentIds)
{
    std::stable_sort(recordings.begin(), recordings.end(),
                     [](const RecordingMarkers &a, const RecordingMarkers &b) {
                         return a.started != b.started ? a.started < b.started : a.file < b.file;
                     });

    // The end: the first marker naming this commit.
    Position end;
    for (qsizetype r = 0; r < recordings.size() && !end.valid(); ++r) {
        for (const auto &marker : recordings[r].markers) {
            if (isCommit(marker) && labelNames(marker.label, commitId)) {
                end = {r, marker.t};
                break;
            }
        }
    }
    if (!end.valid())
        return vcsError(QStringLiteral("No recording of this project shows how version %1 was written.")
                            .arg(commitId.left(7)));

    // The start: the latest parent marker before the end, else the latest commit marker.
    Position fromParent, fromAnyCommit;
    for (qsizetype r = 0; r <= end.recording; ++r) {
        for (const auto &marker : recordings[r].markers) {
            if (r == end.recording && marker.t > end.t)
                break;
            if (!isCommit(marker) || labelNames(marker.label, commitId))
                continue;
            fromAnyCommit = {r, marker.t};
            if (std::any_of(parentIds.cbegin(), parentIds.cend(),
                            [&](const QString &parent) { return labelNames(marker.label, parent); }))
                fromParent = {r, marker.t};
        }
    }
    Position start = fromParent.valid() ? fromParent : fromAnyCommit;
    ReplayStretch stretch;
    stretch.fromPreviousCommit = start.valid();
    if (!start.valid())
        start = {0, 0};

    for (qsizetype r = start.recording; r <= end.recording; ++r)
        stretch.files.append(recordings[r].file);
    stretch.startMs = start.t;
    stretch.endMs = end.t;
    stretch.startTime = recordings[start.recording].started.addMSecs(start.t);
    stretch.endTime = recordings[end.recording].started.addMSecs(end.t);
    return stretch;
}

} // namespace bunny::vcs
