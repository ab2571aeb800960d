#include "player/authorcaret.h"

#include <Qsci/qsciscintilla.h>

#include <QEvent>
#include <QPainter>

namespace bunny::app {

namespace {
constexpr int kWidth = 2;
}

AuthorCaret::AuthorCaret(QsciScintilla *editor, const QColor &colour)
    : QWidget(editor->viewport())
    , m_editor(editor)
    , m_colour(colour)
{
    setAttribute(Qt::WA_TransparentForMouseEvents);
    hide();
    // Scrolling, zooming and edits all end in an UPDATEUI notification.
    connect(editor, &QsciScintillaBase::SCN_UPDATEUI, this, [this](int) { place(); });
    // A first show or a resize moves text without an UPDATEUI.
    editor->viewport()->installEventFilter(this);
}

bool AuthorCaret::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Resize || event->type() == QEvent::Show)
        place();
    return QWidget::eventFilter(watched, event);
}

AuthorCaret *AuthorCaret::of(QsciScintilla *editor)
{
    return editor->viewport()->findChild<AuthorCaret *>(QString(), Qt::FindDirectChildrenOnly);
}

void AuthorCaret::setPosition(long position)
{
    m_position = position;
    place();
}

void AuthorCaret::place()
{
    if (m_position < 0) {
        hide();
        return;
    }
    const long x = m_editor->SendScintilla(QsciScintillaBase::SCI_POINTXFROMPOSITION, 0UL, m_position);
    const long y = m_editor->SendScintilla(QsciScintillaBase::SCI_POINTYFROMPOSITION, 0UL, m_position);
    const long line = m_editor->SendScintilla(QsciScintillaBase::SCI_LINEFROMPOSITION, m_position);
    const long height = m_editor->SendScintilla(QsciScintillaBase::SCI_TEXTHEIGHT, line);
    setGeometry(int(x) - kWidth / 2, int(y), kWidth, int(height));
    show();
    raise();
}

void AuthorCaret::paintEvent(QPaintEvent *)
{
    QPainter(this).fillRect(rect(), m_colour);
}

} // namespace bunny::app
