#pragma once

// Generates real .bunnyrec files with the recording library's Writer, for the replay tests.

#include "recording/writer.h"

#include <QDir>
#include <QList>
#include <QPair>
#include <QString>

namespace bunny::vcs::test {

/// Writes `<project>/.bunny/recordings/<name>.bunnyrec`: a keyframe at 0, then before each
/// marker an insert one millisecond earlier and the commit marker (time, label) itself.
inline bool writeRecording(const QString &project, const QString &name, const QString &started,
                           const QList<QPair<qint64, QString>> &commitMarkers, bool gzip = false)
{
    const QString dir = QDir(project).filePath(QStringLiteral(".bunny/recordings"));
    QDir().mkpath(dir);
    rec::Header header;
    header.id = name.toStdString();
    header.started = started.toStdString();
    header.title = "session " + name.toStdString();
    header.author = "ada";
    header.language = "python";
    rec::Writer::Options options;
    options.gzip = gzip;
    auto writer = rec::Writer::create(QDir(dir).filePath(name + QStringLiteral(".bunnyrec")).toStdString(),
                                      header, options);
    if (!writer)
        return false;
    bool ok = (*writer)->append(rec::Event::keyframe(0, "main.py", "")).ok();
    std::int64_t pos = 0;
    for (const auto &[t, label] : commitMarkers) {
        ok = ok && (*writer)->append(rec::Event::insert(t - 1, "main.py", pos++, "x")).ok();
        ok = ok && (*writer)->append(rec::Event::marker(t, "run", "python main.py")).ok();
        ok = ok && (*writer)->append(rec::Event::marker(t, "commit", label.toStdString())).ok();
    }
    return ok && (*writer)->close().ok();
}

} // namespace bunny::vcs::test
