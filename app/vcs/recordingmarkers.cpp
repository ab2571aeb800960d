#include "vcs/replaystretch.h"

#include "recording/reader.h"

#include <QDir>
#include <QFile>

namespace bunny::vcs {

namespace {
/// Streams one file through the recording library's reader, keeping only the markers, so a
/// long recording costs no document state. Plain or gzip.
Result<RecordingMarkers> readMarkers(const QString &path)
{
    RecordingMarkers recording;
    recording.file = path;
    rec::Reader reader([&recording](const rec::Event &event, std::size_t) -> Result<void> {
        if (event.code == rec::Code::Marker)
            recording.markers.append(
                {event.t, QString::fromStdString(event.arg), QString::fromStdString(event.text)});
        return {};
    });
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(file.errorString().toStdString());
    constexpr qint64 kChunk = 64 * 1024;
    while (!file.atEnd()) {
        const QByteArray bytes = file.read(kChunk);
        if (bytes.isEmpty() && file.error() != QFileDevice::NoError)
            return makeError(file.errorString().toStdString());
        if (auto fed = reader.feed(std::string_view(bytes.constData(), std::size_t(bytes.size()))); !fed)
            return fed.error();
    }
    if (auto finished = reader.finish(); !finished)
        return finished.error();
    if (!reader.header())
        return makeError("empty file");
    recording.started =
        QDateTime::fromString(QString::fromStdString(reader.header()->started), Qt::ISODateWithMs);
    if (!recording.started.isValid())
        return makeError("the header's start time is not an RFC 3339 time");
    return recording;
}
} // namespace

QList<RecordingMarkers> loadRecordingMarkers(const QString &projectDir, QStringList *warnings)
{
    QList<RecordingMarkers> recordings;
    const QDir dir(QDir(projectDir).filePath(QStringLiteral(".bunny/recordings")));
    const QStringList names = dir.entryList({QStringLiteral("*.bunnyrec"), QStringLiteral("*.bunnyrec.gz")},
                                            QDir::Files, QDir::Name);
    for (const QString &name : names) {
        auto recording = readMarkers(dir.filePath(name));
        if (recording)
            recordings.append(std::move(*recording));
        else if (warnings)
            warnings->append(QStringLiteral("%1: %2").arg(name, QString::fromStdString(recording.message())));
    }
    return recordings;
}

} // namespace bunny::vcs
