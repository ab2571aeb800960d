#include "vcs/replaystretch.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace bunny::vcs {

// Reads only what the replay search needs: the header's start time and the `m` events.
QList<RecordingMarkers> loadRecordingMarkers(const QString &projectDir, QStringList *warnings)
{
    QList<RecordingMarkers> recordings;
    const QDir dir(QDir(projectDir).filePath(QStringLiteral(".bunny/recordings")));
    const QStringList names = dir.entryList({QStringLiteral("*.bunnyrec")}, QDir::Files, QDir::Name);
    for (const QString &name : names) {
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::ReadOnly)) {
            if (warnings)
                warnings->append(QStringLiteral("%1: %2").arg(name, file.errorString()));
            continue;
        }
        RecordingMarkers recording;
        recording.file = file.fileName();
        const QJsonObject header = QJsonDocument::fromJson(file.readLine()).object();
        recording.started =
            QDateTime::fromString(header.value(QStringLiteral("started")).toString(), Qt::ISODateWithMs);
        if (header.value(QStringLiteral("bunnyrec")).toInt() != 1 || !recording.started.isValid()) {
            if (warnings)
                warnings->append(QStringLiteral("%1: not a bunnyrec v1 recording").arg(name));
            continue;
        }
        while (!file.atEnd()) {
            const QJsonArray event = QJsonDocument::fromJson(file.readLine()).array();
            if (event.size() >= 4 && event.at(1).toString() == QLatin1String("m"))
                recording.markers.append(
                    {event.at(0).toInteger(), event.at(2).toString(), event.at(3).toString()});
        }
        recordings.append(recording);
    }
    return recordings;
}

} // namespace bunny::vcs
