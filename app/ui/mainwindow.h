#pragma once

#include <QMainWindow>

class QFileSystemModel;
class QTreeView;
class QsciScintilla;

namespace bunny::app {

/// The IDE window: the project's file tree beside an editor.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);

    /// Opens a folder as the project, or a file's folder with that file focused.
    void openPath(const QString &path);
    QString projectPath() const { return m_projectPath; }
    QString currentFile() const { return m_currentFile; }
    QsciScintilla *editor() const { return m_editor; }

private:
    void openFile(const QString &filePath);

    QFileSystemModel *m_model = nullptr;
    QTreeView *m_tree = nullptr;
    QsciScintilla *m_editor = nullptr;
    QString m_projectPath;
    QString m_currentFile;
};

} // namespace bunny::app
