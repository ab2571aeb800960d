#include "vcsui/historyview.h"

#include "vcsui/historymodel.h"
#include "vcsui/labeldelegate.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QHeaderView>
#include <QMenu>
#include <QTreeView>
#include <QVBoxLayout>

namespace bunny::vcsui {

HistoryView::HistoryView(QWidget *parent)
    : QWidget(parent)
    , m_model(new HistoryModel(this))
    , m_tree(new QTreeView(this))
{
    m_tree->setModel(m_model);
    m_tree->setRootIsDecorated(false);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tree->setItemDelegateForColumn(HistoryModel::Subject, new LabelDelegate(m_tree));
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(HistoryModel::Subject, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(HistoryModel::Author, QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(HistoryModel::When, QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(HistoryModel::Id, QHeaderView::ResizeToContents);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tree);

    connect(m_tree, &QWidget::customContextMenuRequested, this, &HistoryView::showContextMenu);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (const vcs::CommitInfo *commit = m_model->commitAt(current.row()))
                    Q_EMIT commitSelected(*commit);
            });
}

void HistoryView::setCommits(const QList<vcs::CommitInfo> &commits)
{
    m_model->setCommits(commits);
}

QMenu *HistoryView::createContextMenu(int row, QWidget *parent)
{
    const vcs::CommitInfo *found = m_model->commitAt(row);
    if (!found)
        return nullptr;
    const vcs::CommitInfo commit = *found;
    auto *menu = new QMenu(parent);
    menu->addAction(tr("Replay how this was written"), this,
                    [this, commit] { Q_EMIT replayRequested(commit); });
    menu->addAction(tr("Restore this version…"), this, [this, commit] { Q_EMIT restoreRequested(commit); });
    menu->addSeparator();
    menu->addAction(tr("New branch here…"), this, [this, commit] { Q_EMIT branchRequested(commit); });
    menu->addAction(tr("New tag here…"), this, [this, commit] { Q_EMIT tagRequested(commit); });
    menu->addAction(tr("Copy id"), this, [commit] { QGuiApplication::clipboard()->setText(commit.id); });
    return menu;
}

void HistoryView::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_tree->indexAt(pos);
    QMenu *menu = createContextMenu(index.row(), this);
    if (!menu)
        return;
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(m_tree->viewport()->mapToGlobal(pos));
}

} // namespace bunny::vcsui
