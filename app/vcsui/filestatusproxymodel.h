#pragma once

#include "vcs/types.h"

#include <QIdentityProxyModel>
#include <QMap>

namespace bunny::vcsui {

/// Colours a file tree by version-control status. Put it between a QFileSystemModel (or any
/// model answering QFileSystemModel::FilePathRole) and the view; feed it setStatuses() with
/// the map VcsPanel::statusesChanged or Repository::fileStatuses gives. Changed files get
/// their status colour, a tooltip and StatusRole; folders holding changes get the colour of
/// the strongest change inside, and ignored paths turn grey. A deleted file has no row (the
/// model lists what is on disk; VS Code, too, shows deleted files only in its SCM view, here
/// the Git dock): the folders above it take the Deleted colour unless a stronger change is
/// inside, and their tooltips name the deleted files.
class FileStatusProxyModel : public QIdentityProxyModel
{
    Q_OBJECT

public:
    /// The vcs::FileStatus of a path, as an int; Unmodified when nothing changed.
    static constexpr int StatusRole = Qt::UserRole + 40;

    explicit FileStatusProxyModel(QObject *parent = nullptr);

    /// `statuses` maps paths relative to `root` (the repository's working tree) to their status.
    void setStatuses(const QString &root, const QMap<QString, vcs::FileStatus> &statuses);
    vcs::FileStatus statusOf(const QString &absolutePath) const;
    /// The deleted files under the folder `absolutePath`, relative to it, sorted.
    QStringList deletedUnder(const QString &absolutePath) const;

    QVariant data(const QModelIndex &index, int role) const override;

private:
    QString m_root;
    QMap<QString, vcs::FileStatus> m_statuses;
    QMap<QString, vcs::FileStatus> m_folders; // folders (relative) holding a change
    QStringList m_deleted;                    // deleted files (relative), sorted
};

} // namespace bunny::vcsui
