#pragma once

#include <QWidget>

class QsciScintilla;

namespace bunny::app {

/// The recording author's caret, drawn over a read-only editor: Scintilla hides its own caret
/// while the widget has no focus, and the viewer's focus is not the author's.
class AuthorCaret : public QWidget
{
    Q_OBJECT

public:
    explicit AuthorCaret(QsciScintilla *editor, const QColor &colour);

    /// Places the caret before byte `position`; follows scrolling until moved again.
    void setPosition(long position);
    long position() const { return m_position; }
    /// The caret of `editor`, if it has one.
    static AuthorCaret *of(QsciScintilla *editor);

protected:
    void paintEvent(QPaintEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void place();

    QsciScintilla *m_editor = nullptr;
    QColor m_colour;
    long m_position = -1;
};

} // namespace bunny::app
