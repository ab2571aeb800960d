#pragma once

#include "vcs/types.h"

#include <QMenu>

namespace bunny::vcsui {

/// The branch and tag menu: local branches (the current one checked; picking another asks to
/// switch), "New branch…", and a Tags submenu with "New tag…". It only asks, through signals;
/// VcsPanel carries the requests out and refills the menu with setBranches()/setTags().
class BranchMenu : public QMenu
{
    Q_OBJECT

public:
    explicit BranchMenu(QWidget *parent = nullptr);

    void setBranches(const QList<vcs::BranchInfo> &branches);
    void setTags(const QList<vcs::TagInfo> &tags);

Q_SIGNALS:
    void switchRequested(const QString &branch);
    void newBranchRequested();
    void newTagRequested();
    void tagSelected(const QString &tag, const QString &commitId);

private:
    void rebuild();

    QList<vcs::BranchInfo> m_branches;
    QList<vcs::TagInfo> m_tags;
};

} // namespace bunny::vcsui
