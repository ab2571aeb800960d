#pragma once

#include <core/result.h>

#include <Qsci/qsciscintilla.h>

namespace bunny::app {

struct EditorSettings;

/// One file's editor: QScintilla set up the way a VS Code or Qt Creator user expects, plus
/// loading/saving the file's exact bytes. Positions in its signals are UTF-8 byte offsets.
class CodeEditor : public QsciScintilla
{
    Q_OBJECT

public:
    explicit CodeEditor(QWidget *parent = nullptr);
    ~CodeEditor() override;

    /// Replaces the text with the file's bytes on disk (first open or a reload); not undoable.
    /// Enter then inserts the file's line end (CRLF when its first line ends so, else LF).
    /// A file that is not UTF-8 text is refused, so saving can never change its bytes.
    [[nodiscard]] Result<void> loadFile(const QString &filePath);
    /// Writes the text atomically to filePath().
    [[nodiscard]] Result<void> save();

    QString filePath() const { return m_filePath; }
    /// A rename: the file moved, the text did not change.
    void setFilePath(const QString &filePath);
    QString language() const { return m_language; }
    /// True while loadFile() replaces the text, so observers can tell a reload from an edit.
    bool isLoading() const { return m_loading; }
    /// The bytes last read from or written to disk: what an external change is compared to.
    QByteArray diskBytes() const { return m_diskBytes; }
    QByteArray textBytes() const;

    void applySettings(const EditorSettings &settings);
    /// Line comment on/off for every line of every selection, as one undo step.
    void toggleComment();
    /// Ctrl+D: select the word under the caret, or add the next occurrence of the selection.
    void addNextOccurrence();
    /// Ctrl+Shift+L: a selection on every occurrence of the selection (or the word at the caret).
    void selectAllOccurrences();
    /// Ctrl+Alt+Up/Down: another caret on the line above (-1) or below (+1) the outermost one.
    void addCaret(int direction);
    void paste() override;

Q_SIGNALS:
    /// Emitted before a paste inserts its text, so the recorder can mark it.
    void aboutToPaste();
    void loaded();
    void saved();
    /// From the destructor, while the text and path can still be read (QObject::destroyed
    /// comes too late for that).
    void aboutToBeDestroyed();

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void setLanguage(const QString &language);
    void onCharAdded(int character);
    void updateMarginWidth();

    QString m_filePath;
    QString m_language;
    QByteArray m_diskBytes;
    bool m_loading = false;
    bool m_dark = false;
    QFont m_font;
};

} // namespace bunny::app
