#include "vcsui/branchmenu.h"

#include <QActionGroup>

namespace bunny::vcsui {

BranchMenu::BranchMenu(QWidget *parent)
    : QMenu(tr("Branches"), parent)
{
    rebuild();
}

void BranchMenu::setBranches(const QList<vcs::BranchInfo> &branches)
{
    m_branches = branches;
    rebuild();
}

void BranchMenu::setTags(const QList<vcs::TagInfo> &tags)
{
    m_tags = tags;
    rebuild();
}

void BranchMenu::rebuild()
{
    clear();
    addSection(tr("Branches"));
    auto *group = new QActionGroup(this);
    for (const vcs::BranchInfo &branch : m_branches) {
        QAction *action = addAction(branch.name);
        action->setCheckable(true);
        action->setChecked(branch.isCurrent);
        action->setActionGroup(group);
        const QString name = branch.name;
        const bool current = branch.isCurrent;
        connect(action, &QAction::triggered, this, [this, name, current] {
            if (!current)
                Q_EMIT switchRequested(name);
        });
    }
    if (m_branches.isEmpty())
        addAction(tr("(no commit yet)"))->setEnabled(false);
    addAction(tr("New branch…"), this, &BranchMenu::newBranchRequested);

    QMenu *tags = addMenu(tr("Tags"));
    for (const vcs::TagInfo &tag : m_tags) {
        QAction *action = tags->addAction(QStringLiteral("%1  (%2)").arg(tag.name, tag.targetId.left(7)));
        action->setToolTip(tag.message);
        const QString name = tag.name, id = tag.targetId;
        connect(action, &QAction::triggered, this, [this, name, id] { Q_EMIT tagSelected(name, id); });
    }
    if (m_tags.isEmpty())
        tags->addAction(tr("(no tags)"))->setEnabled(false);
    tags->addSeparator();
    tags->addAction(tr("New tag on the current version…"), this, &BranchMenu::newTagRequested);
}

} // namespace bunny::vcsui
