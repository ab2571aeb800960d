#pragma once

#include <QSet>
#include <QTabWidget>

class QFileSystemWatcher;

namespace bunny::app {

class CodeEditor;
struct EditorSettings;

/// The open files, one CodeEditor per tab. Guards unsaved changes on close and reloads a file
/// changed on disk (asking first when its buffer has unsaved changes).
class EditorTabs : public QTabWidget
{
    Q_OBJECT

public:
    explicit EditorTabs(QWidget *parent = nullptr);

    /// Shows the file's tab, opening it first if needed; nullptr (and errorOccurred) on failure.
    CodeEditor *openFile(const QString &filePath);
    CodeEditor *editorFor(const QString &filePath) const;
    CodeEditor *currentEditor() const;
    QList<CodeEditor *> editors() const;

    /// Closes a tab, asking to save unsaved changes; false if the user cancelled.
    bool closeTab(int index);
    /// Closes every tab (the window is closing or the project changes); false if cancelled.
    bool closeAll();
    bool saveCurrent();
    bool saveAll();

    /// The tree renamed or removed a file or folder: follow it.
    void pathRenamed(const QString &from, const QString &to);
    void pathRemoved(const QString &path);
    void applySettings(const EditorSettings &settings);

    /// Re-reads a watched file now (what the watcher does on a change).
    void checkExternalChange(const QString &filePath);

Q_SIGNALS:
    void editorOpened(bunny::app::CodeEditor *editor);
    void currentEditorChanged(bunny::app::CodeEditor *editor);
    void errorOccurred(const QString &message);

private:
    void updateTitle(CodeEditor *editor);
    bool saveEditor(CodeEditor *editor);

    QFileSystemWatcher *m_watcher = nullptr;
    QSet<QString> m_asking;
};

} // namespace bunny::app
