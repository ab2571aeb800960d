#include "vcsui/labeldelegate.h"

#include "vcsui/historymodel.h"

#include <QApplication>
#include <QPainter>

namespace bunny::vcsui {

void LabelDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const
{
    const QStringList labels = index.data(HistoryModel::LabelsRole).toStringList();
    if (labels.isEmpty()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    QWidget *widget = const_cast<QWidget *>(option.widget);
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    painter->save();
    QFont small = opt.font;
    small.setPointSizeF(small.pointSizeF() * 0.85);
    const QFontMetrics metrics(small);
    const QRect area = style->subElementRect(QStyle::SE_ItemViewItemText, &opt, widget);
    int x = area.left() + 2;
    const int height = metrics.height() + 2;
    const int top = area.top() + (area.height() - height) / 2;
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setFont(small);
    for (const QString &label : labels) {
        const bool tag = label.startsWith(QLatin1String("tag: "));
        const QString shown = tag ? label.mid(5) : label;
        const int width = metrics.horizontalAdvance(shown) + 10;
        const QRect pill(x, top, width, height);
        painter->setPen(Qt::NoPen);
        painter->setBrush(tag ? QColor(0xf0, 0xb4, 0x29) : QColor(0x2f, 0x6f, 0xd6));
        painter->drawRoundedRect(pill, 4, 4);
        painter->setPen(tag ? QColor(0x33, 0x26, 0x00) : QColor(Qt::white));
        painter->drawText(pill, Qt::AlignCenter, shown);
        x += width + 4;
    }
    painter->restore();

    QRect textRect = area;
    textRect.setLeft(x + 2);
    painter->setFont(opt.font);
    painter->setPen(
        opt.palette.color(opt.state & QStyle::State_Selected ? QPalette::HighlightedText : QPalette::Text));
    painter->drawText(textRect, Qt::AlignVCenter | Qt::AlignLeft,
                      opt.fontMetrics.elidedText(text, Qt::ElideRight, textRect.width()));
}

} // namespace bunny::vcsui
