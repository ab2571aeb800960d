#include "project/filetree.h"

#include "vcsui/filestatusproxymodel.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFileSystemModel>
#include <QHeaderView>
#include <QInputDialog>
#include <QKeyEvent>
#include <QMenu>
#include <QMessageBox>
#include <QSortFilterProxyModel>

namespace bunny::app {

namespace {

// .git/ is git's business and .bunny/ holds the recordings; neither is project content.
class HiddenFoldersFilter : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override
    {
        const QString name = sourceModel()->index(row, 0, parent).data().toString();
        return name != QLatin1String(".git") && name != QLatin1String(".bunny");
    }
};

} // namespace

FileTree::FileTree(QWidget *parent)
    : QTreeView(parent)
{
    m_model = new QFileSystemModel(this);
    m_model->setFilter(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
    m_model->setReadOnly(true);
    m_status = new vcsui::FileStatusProxyModel(this);
    m_status->setSourceModel(m_model);
    m_proxy = new HiddenFoldersFilter(this);
    m_proxy->setSourceModel(m_status);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    setModel(m_proxy);
    for (int column = 1; column < m_model->columnCount(); ++column)
        hideColumn(column);
    setHeaderHidden(true);
    setSortingEnabled(true);
    sortByColumn(0, Qt::AscendingOrder);
    setContextMenuPolicy(Qt::CustomContextMenu);

    connect(this, &QTreeView::activated, this, [this](const QModelIndex &index) {
        const QModelIndex source = toSource(index);
        if (!m_model->isDir(source))
            Q_EMIT fileActivated(m_model->filePath(source));
    });
    connect(this, &QWidget::customContextMenuRequested, this, &FileTree::showContextMenu);
}

void FileTree::setRootPath(const QString &path)
{
    m_root = QDir::cleanPath(path);
    setRootIndex(m_proxy->mapFromSource(m_status->mapFromSource(m_model->setRootPath(m_root))));
}

void FileTree::setFileStatuses(const QString &root, const QMap<QString, vcs::FileStatus> &statuses)
{
    m_status->setStatuses(root, statuses);
}

vcs::FileStatus FileTree::fileStatus(const QString &path) const
{
    return m_status->statusOf(QDir::cleanPath(path));
}

QModelIndex FileTree::indexOfPath(const QString &path) const
{
    return m_proxy->mapFromSource(m_status->mapFromSource(m_model->index(path)));
}

QModelIndex FileTree::toSource(const QModelIndex &viewIndex) const
{
    return m_status->mapToSource(m_proxy->mapToSource(viewIndex));
}

bool FileTree::isInside(const QString &path) const
{
    const QString clean = QDir::cleanPath(path);
    return !m_root.isEmpty() && clean.startsWith(m_root + QLatin1Char('/'));
}

Result<void> FileTree::createFile(const QString &filePath)
{
    if (!isInside(filePath))
        return makeError(tr("%1 is outside the project.").arg(filePath).toStdString());
    if (QFileInfo::exists(filePath))
        return makeError(tr("%1 already exists.").arg(QFileInfo(filePath).fileName()).toStdString());
    QDir().mkpath(QFileInfo(filePath).absolutePath());
    QFile file(filePath);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly))
        return makeError(tr("Cannot create %1: %2").arg(filePath, file.errorString()).toStdString());
    file.close();
    Q_EMIT fileCreated(QDir::cleanPath(filePath));
    return {};
}

Result<void> FileTree::createFolder(const QString &folderPath)
{
    if (!isInside(folderPath))
        return makeError(tr("%1 is outside the project.").arg(folderPath).toStdString());
    if (QFileInfo::exists(folderPath))
        return makeError(tr("%1 already exists.").arg(QFileInfo(folderPath).fileName()).toStdString());
    if (!QDir().mkpath(folderPath))
        return makeError(tr("Cannot create the folder %1.").arg(folderPath).toStdString());
    return {};
}

Result<void> FileTree::renamePath(const QString &from, const QString &to)
{
    if (!isInside(from) || !isInside(to))
        return makeError(tr("Only files inside the project can be renamed.").toStdString());
    if (QFileInfo::exists(to))
        return makeError(tr("%1 already exists.").arg(QFileInfo(to).fileName()).toStdString());
    QDir().mkpath(QFileInfo(to).absolutePath());
    if (!QDir().rename(from, to))
        return makeError(tr("Cannot rename %1 to %2.").arg(from, to).toStdString());
    Q_EMIT pathRenamed(QDir::cleanPath(from), QDir::cleanPath(to));
    return {};
}

Result<void> FileTree::removePath(const QString &path)
{
    if (!isInside(path))
        return makeError(tr("Only files inside the project can be deleted.").toStdString());
    const QFileInfo info(path);
    const bool removed =
        info.isDir() && !info.isSymLink() ? QDir(path).removeRecursively() : QFile::remove(path);
    if (!removed)
        return makeError(tr("Cannot delete %1.").arg(path).toStdString());
    Q_EMIT pathRemoved(QDir::cleanPath(path));
    return {};
}

QString FileTree::selectedPath() const
{
    const QModelIndex index = currentIndex();
    if (!index.isValid())
        return m_root;
    return m_model->filePath(toSource(index));
}

void FileTree::selectPath(const QString &path)
{
    const QModelIndex index = indexOfPath(path);
    if (index.isValid())
        setCurrentIndex(index);
}

void FileTree::newFileInteractive(bool folder)
{
    const QString selected = selectedPath();
    const QString dir = QFileInfo(selected).isDir() ? selected : QFileInfo(selected).absolutePath();
    bool ok = false;
    const QString name = QInputDialog::getText(this, folder ? tr("New Folder") : tr("New File"),
                                               tr("Name (may contain folders, e.g. src/main.py):"),
                                               QLineEdit::Normal, QString(), &ok)
                             .trimmed();
    if (!ok || name.isEmpty())
        return;
    const QString path = QDir::cleanPath(dir + QLatin1Char('/') + name);
    const Result<void> result = folder ? createFolder(path) : createFile(path);
    if (!result)
        Q_EMIT errorOccurred(QString::fromStdString(result.message()));
    else if (!folder)
        Q_EMIT fileActivated(path);
}

void FileTree::renameInteractive()
{
    const QString from = selectedPath();
    if (from == m_root)
        return;
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Rename"), tr("New name:"), QLineEdit::Normal,
                                               QFileInfo(from).fileName(), &ok)
                             .trimmed();
    if (!ok || name.isEmpty() || name == QFileInfo(from).fileName())
        return;
    const Result<void> result = renamePath(from, QFileInfo(from).absolutePath() + QLatin1Char('/') + name);
    if (!result)
        Q_EMIT errorOccurred(QString::fromStdString(result.message()));
}

void FileTree::removeInteractive()
{
    const QString path = selectedPath();
    if (path == m_root)
        return;
    const auto answer = QMessageBox::question(
        this, tr("Delete"), tr("Delete %1? This cannot be undone.").arg(QDir(m_root).relativeFilePath(path)));
    if (answer != QMessageBox::Yes)
        return;
    const Result<void> result = removePath(path);
    if (!result)
        Q_EMIT errorOccurred(QString::fromStdString(result.message()));
}

void FileTree::keyPressEvent(QKeyEvent *event)
{
    // F2 renames and Del deletes the selection, as in VS Code's explorer; the view would take
    // F2 to edit in place (the model is read-only) and ignore Del.
    if (event->key() == Qt::Key_F2 && event->modifiers() == Qt::NoModifier) {
        renameInteractive();
        event->accept();
        return;
    }
    if (event->matches(QKeySequence::Delete)) {
        removeInteractive();
        event->accept();
        return;
    }
    QTreeView::keyPressEvent(event);
}

void FileTree::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = indexAt(pos);
    if (index.isValid())
        setCurrentIndex(index);
    else
        setCurrentIndex({});
    QMenu menu(this);
    menu.addAction(tr("New File…"), this, [this] { newFileInteractive(false); });
    menu.addAction(tr("New Folder…"), this, [this] { newFileInteractive(true); });
    if (index.isValid()) {
        menu.addSeparator();
        menu.addAction(tr("Rename…"), this, &FileTree::renameInteractive)
            ->setShortcut(QKeySequence(Qt::Key_F2));
        menu.addAction(tr("Delete"), this, &FileTree::removeInteractive)->setShortcut(QKeySequence::Delete);
    }
    menu.exec(viewport()->mapToGlobal(pos));
}

} // namespace bunny::app
