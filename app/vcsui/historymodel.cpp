#include "vcsui/historymodel.h"

#include "vcsui/relativetime.h"

#include <QFont>
#include <QLocale>

namespace bunny::vcsui {

HistoryModel::HistoryModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void HistoryModel::setCommits(const QList<vcs::CommitInfo> &commits)
{
    beginResetModel();
    m_commits = commits;
    endResetModel();
}

const vcs::CommitInfo *HistoryModel::commitAt(int row) const
{
    return row >= 0 && row < m_commits.size() ? &m_commits[row] : nullptr;
}

const vcs::CommitInfo *HistoryModel::parentOf(int row) const
{
    const vcs::CommitInfo *commit = commitAt(row);
    if (!commit || commit->parents.isEmpty())
        return nullptr;
    for (const vcs::CommitInfo &candidate : m_commits)
        if (candidate.id == commit->parents.first())
            return &candidate;
    return nullptr;
}

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_commits.size());
}

int HistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    const vcs::CommitInfo *commit = commitAt(index.row());
    if (!commit)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Subject:
            return commit->subject;
        case Author:
            return commit->author.name;
        case When:
            return relativeTime(commit->time, m_now.isValid() ? m_now : QDateTime::currentDateTime());
        case Id:
            return commit->shortId;
        }
        break;
    case Qt::ToolTipRole:
        return QStringLiteral("%1\n\n%2 <%3>\n%4\n%5")
            .arg(commit->message.trimmed(), commit->author.name, commit->author.email,
                 QLocale().toString(commit->time.toLocalTime(), QLocale::LongFormat), commit->id);
    case Qt::FontRole:
        if (index.column() == Id) {
            QFont font(QStringLiteral("monospace"));
            font.setStyleHint(QFont::Monospace);
            return font;
        }
        if (commit->isHead && index.column() == Subject) {
            QFont font;
            font.setBold(true);
            return font;
        }
        break;
    case LabelsRole: {
        QStringList labels = commit->branches;
        for (const QString &tag : commit->tags)
            labels.append(QStringLiteral("tag: ") + tag);
        return labels;
    }
    case CommitIdRole:
        return commit->id;
    case IsHeadRole:
        return commit->isHead;
    }
    return {};
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Subject:
        return tr("Message");
    case Author:
        return tr("Author");
    case When:
        return tr("When");
    case Id:
        return tr("Id");
    }
    return {};
}

} // namespace bunny::vcsui
