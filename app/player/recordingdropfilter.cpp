#include "player/recordingdropfilter.h"

#include <QApplication>
#include <QDropEvent>
#include <QMimeData>
#include <QUrl>
#include <QWidget>

namespace bunny::app {

RecordingDropFilter::RecordingDropFilter(QWidget *window)
    : QObject(window)
    , m_window(window)
{
    window->setAcceptDrops(true);
    qApp->installEventFilter(this);
}

RecordingDropFilter::~RecordingDropFilter()
{
    qApp->removeEventFilter(this);
}

bool RecordingDropFilter::isRecordingFile(const QString &path)
{
    return path.endsWith(QLatin1String(".bunnyrec"), Qt::CaseInsensitive) ||
           path.endsWith(QLatin1String(".bunnyrec.gz"), Qt::CaseInsensitive);
}

QStringList RecordingDropFilter::recordingPaths(const QMimeData *mime)
{
    QStringList paths;
    if (!mime || !mime->hasUrls())
        return paths;
    for (const QUrl &url : mime->urls()) {
        if (url.isLocalFile() && isRecordingFile(url.toLocalFile()))
            paths << url.toLocalFile();
    }
    return paths;
}

bool RecordingDropFilter::eventFilter(QObject *watched, QEvent *event)
{
    const QEvent::Type type = event->type();
    if (type != QEvent::DragEnter && type != QEvent::DragMove && type != QEvent::Drop)
        return false;
    if (!watched->isWidgetType() || static_cast<QWidget *>(watched)->window() != m_window)
        return false;
    auto *drop = static_cast<QDropEvent *>(event); // QDragEnterEvent and QDragMoveEvent derive from it
    const QStringList paths = recordingPaths(drop->mimeData());
    if (paths.isEmpty())
        return false;
    drop->acceptProposedAction();
    if (type == QEvent::Drop)
        Q_EMIT recordingsDropped(paths);
    return true;
}

} // namespace bunny::app
