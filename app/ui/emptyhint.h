#pragma once

#include <QObject>
#include <QString>

class QAbstractItemView;

namespace bunny::app {

/// A short text painted in the middle of an item view while it has no rows ("No open battles
/// right now…"), so an empty list says why it is empty and what to do. Belongs to the view.
class EmptyHint : public QObject
{
    Q_OBJECT

public:
    static EmptyHint *install(QAbstractItemView *view, const QString &text);

    void setText(const QString &text);
    QString text() const { return m_text; }
    /// True while the view has no rows, i.e. while the text shows.
    bool showing() const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    EmptyHint(QAbstractItemView *view, const QString &text);

    QAbstractItemView *m_view;
    QString m_text;
};

} // namespace bunny::app
