#pragma once

#include <QObject>
#include <QStringList>

class QMimeData;
class QWidget;

namespace bunny::app {

/// Lets a window take .bunnyrec(.gz) files dropped anywhere on it, editors included (QScintilla
/// would otherwise paste the file's URL as text). Watches the application's events, and acts only
/// on drags over `window`; other drops go on as before.
class RecordingDropFilter : public QObject
{
    Q_OBJECT

public:
    explicit RecordingDropFilter(QWidget *window);
    ~RecordingDropFilter() override;

    /// The local recording files among dropped URLs (empty if there are none).
    static QStringList recordingPaths(const QMimeData *mime);
    static bool isRecordingFile(const QString &path);

Q_SIGNALS:
    void recordingsDropped(const QStringList &paths);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QWidget *m_window = nullptr;
};

} // namespace bunny::app
