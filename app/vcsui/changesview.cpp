#include "vcsui/changesview.h"

#include "vcsui/filestatusstyle.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace bunny::vcsui {

namespace {
constexpr int kPathRole = Qt::UserRole + 1;

Qt::CheckState checkState(const vcs::StatusEntry &entry)
{
    if (entry.isStaged() && entry.hasUnstaged())
        return Qt::PartiallyChecked;
    return entry.isStaged() ? Qt::Checked : Qt::Unchecked;
}

QStringList pathsOf(const QList<vcs::StatusEntry> &entries, bool wantStaged)
{
    QStringList paths;
    for (const vcs::StatusEntry &entry : entries)
        if ((wantStaged ? entry.hasUnstaged() : entry.isStaged()))
            paths.append(entry.path);
    return paths;
}
} // namespace

ChangesView::ChangesView(QWidget *parent)
    : QWidget(parent)
    , m_tree(new QTreeWidget(this))
    , m_summary(new QLabel(this))
{
    m_tree->setHeaderHidden(true);
    m_tree->setRootIsDecorated(false);
    m_tree->setUniformRowHeights(true);
    m_tree->setColumnCount(1);

    auto *stageAll = new QPushButton(tr("Stage all"), this);
    auto *unstageAll = new QPushButton(tr("Unstage all"), this);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_summary, 1);
    buttons->addWidget(stageAll);
    buttons->addWidget(unstageAll);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tree);
    layout->addLayout(buttons);

    connect(m_tree, &QTreeWidget::itemChanged, this, &ChangesView::onItemChanged);
    connect(m_tree, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        if (item)
            Q_EMIT fileSelected(item->data(0, kPathRole).toString());
    });
    connect(stageAll, &QPushButton::clicked, this, [this] {
        if (const QStringList paths = pathsOf(m_entries, true); !paths.isEmpty())
            Q_EMIT stageRequested(paths);
    });
    connect(unstageAll, &QPushButton::clicked, this, [this] {
        if (const QStringList paths = pathsOf(m_entries, false); !paths.isEmpty())
            Q_EMIT unstageRequested(paths);
    });
    setEntries({});
}

void ChangesView::setEntries(const QList<vcs::StatusEntry> &entries)
{
    const QString current =
        m_tree->currentItem() ? m_tree->currentItem()->data(0, kPathRole).toString() : QString();
    m_entries = entries;
    m_filling = true;
    m_tree->clear();
    int staged = 0;
    for (const vcs::StatusEntry &entry : entries) {
        auto *item = new QTreeWidgetItem(m_tree);
        const vcs::FileStatus shown = entry.combined();
        item->setText(0, entry.oldPath.isEmpty() ? entry.path
                                                 : QStringLiteral("%1 → %2").arg(entry.oldPath, entry.path));
        item->setIcon(0, statusIcon(shown));
        item->setToolTip(0, statusDescription(shown));
        // A deleted file exists nowhere else on screen (the file tree lists what is on disk):
        // struck out in red here, beside its "D", as VS Code's and Qt Creator's views show it.
        if (shown == vcs::FileStatus::Deleted) {
            QFont font = item->font(0);
            font.setStrikeOut(true);
            item->setFont(0, font);
            item->setForeground(0, statusColor(shown));
        }
        item->setData(0, kPathRole, entry.path);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
        item->setCheckState(0, checkState(entry));
        staged += entry.isStaged() ? 1 : 0;
        if (entry.path == current)
            m_tree->setCurrentItem(item);
    }
    m_filling = false;
    m_summary->setText(entries.isEmpty() ? tr("No changes since the last commit.")
                                         : tr("%1 changed, %2 staged").arg(entries.size()).arg(staged));
}

void ChangesView::onItemChanged(QTreeWidgetItem *item, int column)
{
    if (m_filling || column != 0)
        return;
    const QString path = item->data(0, kPathRole).toString();
    QStringList paths{path};
    // A rename is two paths to git: the old name's removal goes along with the new one.
    for (const vcs::StatusEntry &entry : m_entries)
        if (entry.path == path && !entry.oldPath.isEmpty())
            paths.append(entry.oldPath);
    if (item->checkState(0) == Qt::Unchecked)
        Q_EMIT unstageRequested(paths);
    else
        Q_EMIT stageRequested(paths);
}

} // namespace bunny::vcsui
