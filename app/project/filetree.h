#pragma once

#include <core/result.h>
#include <vcs/types.h>

#include <QMap>

#include <QTreeView>

class QFileSystemModel;
class QSortFilterProxyModel;

namespace bunny::vcsui {
class FileStatusProxyModel;
}

namespace bunny::app {

/// The project's files, without .git/ and .bunny/, with create/rename/delete. Every change it
/// makes is announced, so the tabs and the recorder follow it.
class FileTree : public QTreeView
{
    Q_OBJECT

public:
    explicit FileTree(QWidget *parent = nullptr);

    void setRootPath(const QString &path);
    QString rootPath() const { return m_root; }

    /// Creates an empty file (and missing folders) at an absolute path inside the project.
    [[nodiscard]] Result<void> createFile(const QString &filePath);
    [[nodiscard]] Result<void> createFolder(const QString &folderPath);
    [[nodiscard]] Result<void> renamePath(const QString &from, const QString &to);
    /// Deletes a file, or a folder with everything in it.
    [[nodiscard]] Result<void> removePath(const QString &path);

    /// Colours changed files (and the folders holding them) by their version-control status.
    /// `statuses` maps paths relative to `root`, the repository's working tree.
    void setFileStatuses(const QString &root, const QMap<QString, vcs::FileStatus> &statuses);
    /// The status the tree shows for an absolute path (Unmodified when it shows none).
    vcs::FileStatus fileStatus(const QString &path) const;
    /// The index of an absolute path in the view's model (invalid when not shown).
    QModelIndex indexOfPath(const QString &path) const;

    /// The file or folder under the selection (the root when nothing is selected).
    QString selectedPath() const;
    void selectPath(const QString &path);

    /// Asks for a name and creates a file/folder beside or inside the selection.
    void newFileInteractive(bool folder);
    void renameInteractive();
    void removeInteractive();

Q_SIGNALS:
    void fileActivated(const QString &filePath);
    void fileCreated(const QString &filePath);
    void pathRenamed(const QString &from, const QString &to);
    void pathRemoved(const QString &path);
    void errorOccurred(const QString &message);

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    bool isInside(const QString &path) const;
    void showContextMenu(const QPoint &pos);
    QModelIndex toSource(const QModelIndex &viewIndex) const;

    QFileSystemModel *m_model = nullptr;
    vcsui::FileStatusProxyModel *m_status = nullptr; // between the file system and the filter
    QSortFilterProxyModel *m_proxy = nullptr;
    QString m_root;
};

} // namespace bunny::app
