#include "vcsui/filestatusproxymodel.h"

#include "vcsui/filestatusstyle.h"

#include <QDir>
#include <QFileSystemModel>

namespace bunny::vcsui {

using vcs::FileStatus;

namespace {
/// Which of two statuses a folder shows: conflicts first, ignored last.
int weight(FileStatus status)
{
    switch (status) {
    case FileStatus::Conflicted:
        return 6;
    case FileStatus::Modified:
        return 5;
    case FileStatus::Deleted:
        return 4;
    case FileStatus::Renamed:
        return 3;
    case FileStatus::New:
        return 2;
    case FileStatus::Ignored:
        return 1;
    case FileStatus::Unmodified:
        break;
    }
    return 0;
}
} // namespace

FileStatusProxyModel::FileStatusProxyModel(QObject *parent)
    : QIdentityProxyModel(parent)
{}

void FileStatusProxyModel::setStatuses(const QString &root, const QMap<QString, FileStatus> &statuses)
{
    m_root = QDir::cleanPath(root);
    m_statuses = statuses;
    m_folders.clear();
    m_deleted.clear();
    for (auto it = statuses.cbegin(); it != statuses.cend(); ++it) {
        if (it.value() == FileStatus::Ignored)
            continue; // an ignored file does not make its folder look changed
        if (it.value() == FileStatus::Deleted)
            m_deleted.append(it.key()); // QMap keys come sorted
        QString folder = it.key();
        while (folder.contains(QLatin1Char('/'))) {
            folder = folder.section(QLatin1Char('/'), 0, -2);
            FileStatus &shown = m_folders[folder];
            if (weight(it.value()) > weight(shown))
                shown = it.value();
        }
    }
    // A range signal makes views repaint their whole viewport, deeper rows included.
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1),
                           {Qt::ForegroundRole, Qt::ToolTipRole, StatusRole});
}

FileStatus FileStatusProxyModel::statusOf(const QString &absolutePath) const
{
    if (m_root.isEmpty())
        return FileStatus::Unmodified;
    const QString clean = QDir::cleanPath(absolutePath);
    if (!clean.startsWith(m_root + QLatin1Char('/')))
        return FileStatus::Unmodified;
    const QString relative = clean.mid(m_root.size() + 1);
    if (auto it = m_statuses.constFind(relative); it != m_statuses.cend())
        return *it;
    if (auto it = m_folders.constFind(relative); it != m_folders.cend())
        return *it;
    // Inside an ignored folder (git reports the folder, with a trailing slash, or its files).
    for (QString folder = relative; folder.contains(QLatin1Char('/'));) {
        folder = folder.section(QLatin1Char('/'), 0, -2);
        if (m_statuses.value(folder) == FileStatus::Ignored ||
            m_statuses.value(folder + QLatin1Char('/')) == FileStatus::Ignored)
            return FileStatus::Ignored;
    }
    return m_statuses.value(relative + QLatin1Char('/'), FileStatus::Unmodified);
}

QStringList FileStatusProxyModel::deletedUnder(const QString &absolutePath) const
{
    const QString clean = QDir::cleanPath(absolutePath);
    QString prefix;
    if (clean != m_root) {
        if (m_root.isEmpty() || !clean.startsWith(m_root + QLatin1Char('/')))
            return {};
        prefix = clean.mid(m_root.size() + 1) + QLatin1Char('/');
    }
    QStringList deleted;
    for (const QString &path : m_deleted) {
        if (path.startsWith(prefix))
            deleted.append(path.mid(prefix.size()));
    }
    return deleted;
}

QVariant FileStatusProxyModel::data(const QModelIndex &index, int role) const
{
    if (role != Qt::ForegroundRole && role != Qt::ToolTipRole && role != StatusRole)
        return QIdentityProxyModel::data(index, role);
    const QString path = QIdentityProxyModel::data(index, QFileSystemModel::FilePathRole).toString();
    const FileStatus status = path.isEmpty() ? FileStatus::Unmodified : statusOf(path);
    if (role == StatusRole)
        return int(status);
    if (status == FileStatus::Unmodified)
        return QIdentityProxyModel::data(index, role);
    if (role == Qt::ForegroundRole)
        return statusColor(status);
    // A folder names the deleted files inside, which have no row of their own.
    QString tip = statusDescription(status);
    if (const QStringList deleted = deletedUnder(path); !deleted.isEmpty()) {
        constexpr qsizetype kMaxNamed = 10;
        tip += QLatin1Char('\n') +
               tr("Deleted inside: %1").arg(deleted.mid(0, kMaxNamed).join(QStringLiteral(", ")));
        if (deleted.size() > kMaxNamed)
            tip += tr(" and %n more", nullptr, int(deleted.size() - kMaxNamed));
    }
    return tip;
}

} // namespace bunny::vcsui
