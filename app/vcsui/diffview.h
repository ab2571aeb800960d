#pragma once

#include "vcs/types.h"

#include <QWidget>

class QLabel;
class QListWidget;
class QsciScintilla;

namespace bunny::vcsui {

/// Shows a diff read-only: a file list (status, +added −removed) over a QScintilla view of
/// every file's hunks, with the old and new line numbers and a +/− sign in the margin and
/// green/red backgrounds on added/removed lines. For a commit's diff, a file's context menu
/// offers "Restore this file as in this version" (restoreFileRequested).
class DiffView : public QWidget
{
    Q_OBJECT

public:
    /// Marker numbers, for tests and for hosts that style them differently.
    enum Marker { AddedMarker = 1, RemovedMarker = 2, FileHeaderMarker = 3, HunkHeaderMarker = 4 };

    explicit DiffView(QWidget *parent = nullptr);

    /// `commitId` names the version the diff shows (empty for the working tree).
    void setDiff(const QList<vcs::FileDiff> &files, const QString &title, const QString &commitId = {});
    /// Replaces the diff with a sentence (nothing selected, an error, a binary file…).
    void showMessage(const QString &message);
    /// Scrolls to the header of `path`; false when the diff does not contain it.
    bool scrollToFile(const QString &path);

    QsciScintilla *editor() const { return m_editor; }
    QListWidget *fileList() const { return m_files; }
    /// The margin text of `line`: " old new sign", for tests.
    QString marginText(int line) const;
    /// The line of the editor where each file's section starts, by new path.
    QMap<QString, int> fileLines() const { return m_fileLines; }
    QString commitId() const { return m_commitId; }

Q_SIGNALS:
    void restoreFileRequested(const QString &commitId, const QString &path);

private:
    void showFileMenu(const QPoint &pos);

    QLabel *m_title = nullptr;
    QListWidget *m_files = nullptr;
    QsciScintilla *m_editor = nullptr;
    QMap<QString, int> m_fileLines;
    QString m_commitId;
};

} // namespace bunny::vcsui
