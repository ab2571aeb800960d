#include "ui/emptyhint.h"

#include <QAbstractItemView>
#include <QEvent>
#include <QPainter>

namespace bunny::app {

EmptyHint *EmptyHint::install(QAbstractItemView *view, const QString &text)
{
    return new EmptyHint(view, text);
}

EmptyHint::EmptyHint(QAbstractItemView *view, const QString &text)
    : QObject(view)
    , m_view(view)
    , m_text(text)
{
    view->viewport()->installEventFilter(this);
}

void EmptyHint::setText(const QString &text)
{
    m_text = text;
    m_view->viewport()->update();
}

bool EmptyHint::showing() const
{
    return !m_text.isEmpty() && (!m_view->model() || m_view->model()->rowCount(m_view->rootIndex()) == 0);
}

bool EmptyHint::eventFilter(QObject *watched, QEvent *event)
{
    // Painted before the view paints its (absent) rows: an empty view draws nothing over it.
    if (event->type() == QEvent::Paint && watched == m_view->viewport() && showing()) {
        QPainter painter(m_view->viewport());
        painter.setPen(m_view->palette().color(QPalette::PlaceholderText));
        const QRect area = m_view->viewport()->rect().adjusted(16, 16, -16, -16);
        painter.drawText(area, Qt::AlignCenter | Qt::TextWordWrap, m_text);
    }
    return QObject::eventFilter(watched, event);
}

} // namespace bunny::app
