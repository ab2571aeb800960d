#pragma once

#include "vcs/types.h"

#include <QWidget>

class QLabel;
class QTreeWidget;
class QTreeWidgetItem;

namespace bunny::vcsui {

/// The uncommitted changes, one row per file with a check box: checked files go into the
/// next commit (staged), half-checked ones have further unstaged edits. Toggling a box asks
/// for the change through a signal; VcsPanel does it and calls setEntries() again.
class ChangesView : public QWidget
{
    Q_OBJECT

public:
    explicit ChangesView(QWidget *parent = nullptr);

    void setEntries(const QList<vcs::StatusEntry> &entries);
    const QList<vcs::StatusEntry> &entries() const { return m_entries; }
    QTreeWidget *treeWidget() const { return m_tree; }

Q_SIGNALS:
    void stageRequested(const QStringList &paths);
    void unstageRequested(const QStringList &paths);
    void fileSelected(const QString &path);

private:
    void onItemChanged(QTreeWidgetItem *item, int column);

    QTreeWidget *m_tree = nullptr;
    QLabel *m_summary = nullptr;
    QList<vcs::StatusEntry> m_entries;
    bool m_filling = false;
};

} // namespace bunny::vcsui
