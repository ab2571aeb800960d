#pragma once

#include "vcs/types.h"

#include <QAbstractTableModel>
#include <QDateTime>

namespace bunny::vcsui {

/// The commits of a history, one per row: subject (with branch/tag labels), author, when, id.
class HistoryModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Subject, Author, When, Id, ColumnCount };
    /// QStringList of branch names, then tag names prefixed with "tag: ", for the delegate.
    static constexpr int LabelsRole = Qt::UserRole + 1;
    static constexpr int CommitIdRole = Qt::UserRole + 2;
    static constexpr int IsHeadRole = Qt::UserRole + 3;

    explicit HistoryModel(QObject *parent = nullptr);

    void setCommits(const QList<vcs::CommitInfo> &commits);
    const QList<vcs::CommitInfo> &commits() const { return m_commits; }
    const vcs::CommitInfo *commitAt(int row) const;
    /// The commit before `row` in history order (its first parent), if listed.
    const vcs::CommitInfo *parentOf(int row) const;
    /// For tests and screenshots: the "now" relative times are measured against.
    void setNow(const QDateTime &now) { m_now = now; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<vcs::CommitInfo> m_commits;
    QDateTime m_now;
};

} // namespace bunny::vcsui
