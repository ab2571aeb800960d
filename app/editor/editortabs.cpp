#include "editor/editortabs.h"

#include "editor/codeeditor.h"
#include "editor/editorsettings.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QMessageBox>
#include <QTabBar>

namespace bunny::app {

EditorTabs::EditorTabs(QWidget *parent)
    : QTabWidget(parent)
{
    setTabsClosable(true);
    setMovable(true);
    setDocumentMode(true);
    m_watcher = new QFileSystemWatcher(this);
    connect(this, &QTabWidget::tabCloseRequested, this, &EditorTabs::closeTab);
    connect(this, &QTabWidget::currentChanged, this,
            [this] { Q_EMIT currentEditorChanged(currentEditor()); });
    connect(m_watcher, &QFileSystemWatcher::fileChanged, this, &EditorTabs::checkExternalChange);
}

CodeEditor *EditorTabs::editorFor(const QString &filePath) const
{
    const QString clean = QDir::cleanPath(filePath);
    for (CodeEditor *editor : editors()) {
        if (editor->filePath() == clean)
            return editor;
    }
    return nullptr;
}

CodeEditor *EditorTabs::currentEditor() const
{
    return qobject_cast<CodeEditor *>(currentWidget());
}

QList<CodeEditor *> EditorTabs::editors() const
{
    QList<CodeEditor *> list;
    for (int i = 0; i < count(); ++i) {
        if (auto *editor = qobject_cast<CodeEditor *>(widget(i)))
            list.append(editor);
    }
    return list;
}

CodeEditor *EditorTabs::openFile(const QString &filePath)
{
    const QString clean = QDir::cleanPath(filePath);
    if (CodeEditor *existing = editorFor(clean)) {
        setCurrentWidget(existing);
        return existing;
    }
    auto *editor = new CodeEditor(this);
    editor->applySettings(EditorSettings::load());
    const Result<void> loaded = editor->loadFile(clean);
    if (!loaded) {
        delete editor;
        Q_EMIT errorOccurred(QString::fromStdString(loaded.message()));
        return nullptr;
    }
    editor->setCursorPosition(0, 0);
    connect(editor, &QsciScintilla::modificationChanged, this, [this, editor] { updateTitle(editor); });
    const int index = addTab(editor, QFileInfo(clean).fileName());
    setTabToolTip(index, clean);
    m_watcher->addPath(clean);
    Q_EMIT editorOpened(editor);
    setCurrentIndex(index);
    return editor;
}

void EditorTabs::updateTitle(CodeEditor *editor)
{
    const int index = indexOf(editor);
    if (index < 0)
        return;
    const QString name = QFileInfo(editor->filePath()).fileName();
    setTabText(index, editor->isModified() ? name + QStringLiteral(" ●") : name);
    setTabToolTip(index, editor->filePath());
}

bool EditorTabs::saveEditor(CodeEditor *editor)
{
    const Result<void> saved = editor->save();
    if (!saved) {
        Q_EMIT errorOccurred(QString::fromStdString(saved.message()));
        return false;
    }
    // An atomic save replaces the file, and inotify then forgets it: watch the new one.
    m_watcher->removePath(editor->filePath());
    m_watcher->addPath(editor->filePath());
    return true;
}

bool EditorTabs::closeTab(int index)
{
    auto *editor = qobject_cast<CodeEditor *>(widget(index));
    if (!editor)
        return false;
    if (editor->isModified()) {
        setCurrentIndex(index);
        const auto answer = QMessageBox::warning(
            this, tr("Unsaved changes"),
            tr("%1 has unsaved changes. Save them?").arg(QFileInfo(editor->filePath()).fileName()),
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
        if (answer == QMessageBox::Cancel)
            return false;
        if (answer == QMessageBox::Save && !saveEditor(editor))
            return false;
    }
    m_watcher->removePath(editor->filePath());
    removeTab(index);
    delete editor;
    return true;
}

bool EditorTabs::closeAll()
{
    QStringList unsaved;
    for (CodeEditor *editor : editors()) {
        if (editor->isModified())
            unsaved.append(QFileInfo(editor->filePath()).fileName());
    }
    if (!unsaved.isEmpty()) {
        const auto answer = QMessageBox::warning(
            this, tr("Unsaved changes"),
            tr("These files have unsaved changes:\n%1\n\nSave them?").arg(unsaved.join(QLatin1Char('\n'))),
            QMessageBox::SaveAll | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::SaveAll);
        if (answer == QMessageBox::Cancel)
            return false;
        if (answer == QMessageBox::SaveAll && !saveAll())
            return false;
    }
    while (count() > 0) {
        QWidget *page = widget(0);
        if (auto *editor = qobject_cast<CodeEditor *>(page))
            m_watcher->removePath(editor->filePath());
        removeTab(0);
        delete page;
    }
    return true;
}

bool EditorTabs::saveCurrent()
{
    CodeEditor *editor = currentEditor();
    return editor && saveEditor(editor);
}

bool EditorTabs::saveAll()
{
    bool ok = true;
    for (CodeEditor *editor : editors()) {
        if (editor->isModified())
            ok = saveEditor(editor) && ok;
    }
    return ok;
}

void EditorTabs::pathRenamed(const QString &from, const QString &to)
{
    for (CodeEditor *editor : editors()) {
        const QString path = editor->filePath();
        QString moved;
        if (path == from)
            moved = to;
        else if (path.startsWith(from + QLatin1Char('/')))
            moved = to + path.mid(from.size());
        if (moved.isEmpty())
            continue;
        m_watcher->removePath(path);
        editor->setFilePath(moved);
        m_watcher->addPath(moved);
        updateTitle(editor);
    }
}

void EditorTabs::pathRemoved(const QString &path)
{
    // The user confirmed the deletion in the tree, so the buffers go with the files.
    for (CodeEditor *editor : editors()) {
        const QString file = editor->filePath();
        if (file == path || file.startsWith(path + QLatin1Char('/'))) {
            m_watcher->removePath(file);
            removeTab(indexOf(editor));
            delete editor;
        }
    }
}

void EditorTabs::applySettings(const EditorSettings &settings)
{
    for (CodeEditor *editor : editors())
        editor->applySettings(settings);
}

void EditorTabs::checkExternalChange(const QString &filePath)
{
    CodeEditor *editor = editorFor(filePath);
    if (!editor)
        return;
    QFile file(filePath);
    if (!file.open(QIODevice::ReadOnly))
        return; // gone or unreadable for now: keep the buffer, the user can save it back
    if (!m_watcher->files().contains(filePath))
        m_watcher->addPath(filePath);
    const QByteArray data = file.readAll();
    file.close();
    if (data == editor->diskBytes())
        return; // our own save, or a touch without a change
    if (editor->isModified()) {
        // The watcher may fire again while the question is open; one question per file.
        if (m_asking.contains(filePath))
            return;
        m_asking.insert(filePath);
        const auto answer = QMessageBox::question(
            this, tr("File changed on disk"),
            tr("%1 changed on disk, and you have unsaved changes. Reload it and lose your changes?")
                .arg(QFileInfo(filePath).fileName()),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
        m_asking.remove(filePath);
        if (answer != QMessageBox::Yes || editorFor(filePath) != editor)
            return;
    }
    // Stay where the user was reading, as far as the new text allows.
    int line = 0, index = 0;
    editor->getCursorPosition(&line, &index);
    const int firstVisible = editor->firstVisibleLine();
    const Result<void> reloaded = editor->loadFile(filePath);
    if (!reloaded) {
        Q_EMIT errorOccurred(QString::fromStdString(reloaded.message()));
        return;
    }
    editor->setCursorPosition(std::min(line, editor->lines() - 1), 0);
    editor->setFirstVisibleLine(firstVisible);
}

} // namespace bunny::app
