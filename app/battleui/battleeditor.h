#pragma once

#include "battle/editops.h"
#include "editor/codeeditor.h"

namespace bunny::battleui {

/// The player's own editor in a battle: the app's CodeEditor, turning every change of its text
/// into battle ops and optionally refusing text from outside.
///
/// Ops come from Scintilla's SCN_MODIFIED (insert: the inserted bytes; before a delete: the
/// bytes still there), so typing, paste, undo/redo, replace-all and multi-caret edits are all
/// caught exactly. The ops of one turn of the event loop go out together as one opsMade().
///
/// "No outside paste" (a battle option) is enforced here: a paste is taken only when the
/// clipboard holds what this editor itself last copied or cut; drops from elsewhere are refused.
class BattleEditor : public app::CodeEditor
{
    Q_OBJECT

public:
    explicit BattleEditor(QWidget *parent = nullptr);

    /// Replaces the whole text without making ops (the server's snapshot).
    void setTextBytes(const QByteArray &text);
    /// The language's lexer, by the file name the server gives (main.py, Main.java…).
    void setEntryFile(const QString &fileName);

    void setOutsidePasteBlocked(bool blocked) { m_outsidePasteBlocked = blocked; }
    bool outsidePasteBlocked() const { return m_outsidePasteBlocked; }

    void copy() override;
    void cut() override;
    void paste() override;

    /// Sends the ops collected so far now rather than at the end of the event-loop turn.
    void flushOps();

Q_SIGNALS:
    void opsMade(const bunny::battle::EditOps &ops);
    /// A paste or drop was refused; the text did not change.
    void outsidePasteRefused();

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void onModified(int position, int type, const char *text, int length);
    void rememberCopied();

    battle::EditOps m_pending;
    bool m_flushQueued = false;
    bool m_silent = false;
    bool m_outsidePasteBlocked = false;
    QString m_copied;
};

} // namespace bunny::battleui
