#pragma once

#include <QStyledItemDelegate>

namespace bunny::vcsui {

/// Draws HistoryModel::LabelsRole as small rounded labels before the message: branches in
/// blue, tags in amber, the way users know them from other git tools.
class LabelDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
};

} // namespace bunny::vcsui
