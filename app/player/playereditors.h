#pragma once

#include <recording/event.h>

#include <QColor>
#include <QTabWidget>

#include <map>
#include <string>
#include <vector>

class QsciScintilla;

namespace bunny::app {

class PlayerModel;

/// Read-only editors, one tab per file of the recording, following the recording's focus and
/// showing the author's caret and selection. A seek sets the text of changed files only; small
/// steps while playing are applied to the widgets op by op.
class PlayerEditors : public QTabWidget
{
    Q_OBJECT

public:
    explicit PlayerEditors(PlayerModel *model, QWidget *parent = nullptr);

    QsciScintilla *editorFor(const QString &path) const;
    QString currentPath() const;
    QStringList paths() const;
    /// How often a whole text was put into an editor (a seek costs one per changed file).
    int textLoads() const { return m_textLoads; }
    /// Installed on every editor, present and future (the window routes player keys with it).
    void setKeyFilter(QObject *filter);
    /// Shows only the files under `prefix` (a battle player's "p1/"), titled without it, with the
    /// caret and selection in `colour`; the file shown is the last one of theirs in focus.
    void setPathPrefix(const QString &prefix, const QColor &colour);

    /// The indicator that draws the author's selection (the caret is an AuthorCaret).
    static constexpr int kSelectionIndicator = 8;

private:
    void syncAll();
    void applyOps(const std::vector<rec::Event> &ops);
    QsciScintilla *ensureEditor(const std::string &path);
    void removeEditor(const std::string &path);
    void setEditorText(QsciScintilla *editor, const std::string &text);
    void showFocus();
    void showSelection(const std::string &path);
    bool shows(const std::string &path) const { return path.starts_with(m_prefix); }

    PlayerModel *m_model = nullptr;
    std::map<std::string, QsciScintilla *> m_editors;
    QObject *m_keyFilter = nullptr;
    int m_textLoads = 0;
    std::string m_prefix;
    QColor m_colour;
};

} // namespace bunny::app
