#pragma once

#include "vcs/types.h"

#include <QWidget>

class QTreeView;

namespace bunny::vcsui {

class HistoryModel;

/// The list of commits: message with branch/tag labels, author, relative time, short id.
/// Right-click offers the actions below as signals; VcsPanel carries them out.
class HistoryView : public QWidget
{
    Q_OBJECT

public:
    explicit HistoryView(QWidget *parent = nullptr);

    void setCommits(const QList<vcs::CommitInfo> &commits);
    HistoryModel *model() const { return m_model; }
    QTreeView *treeView() const { return m_tree; }
    /// The context menu of the commit in `row`, for tests and for hosts adding actions.
    QMenu *createContextMenu(int row, QWidget *parent);

Q_SIGNALS:
    void commitSelected(const bunny::vcs::CommitInfo &commit);
    void restoreRequested(const bunny::vcs::CommitInfo &commit);
    void replayRequested(const bunny::vcs::CommitInfo &commit);
    void branchRequested(const bunny::vcs::CommitInfo &commit);
    void tagRequested(const bunny::vcs::CommitInfo &commit);

private:
    void showContextMenu(const QPoint &pos);

    HistoryModel *m_model = nullptr;
    QTreeView *m_tree = nullptr;
};

} // namespace bunny::vcsui
