#include "battleui/battleeditor.h"

#include <QApplication>
#include <QClipboard>
#include <QDropEvent>
#include <QKeyEvent>
#include <QTimer>

namespace bunny::battleui {

BattleEditor::BattleEditor(QWidget *parent)
    : app::CodeEditor(parent)
{
    connect(this, &QsciScintillaBase::SCN_MODIFIED, this,
            [this](int position, int type, const char *text, int length, int, int, int, int, int, int) {
                onModified(position, type, text, length);
            });
}

void BattleEditor::setTextBytes(const QByteArray &text)
{
    flushOps();
    // Scintilla refuses every change to a read-only document, the server's text included.
    const bool readOnly = isReadOnly();
    setReadOnly(false);
    m_silent = true;
    SendScintilla(SCI_SETTEXT, text.constData());
    SendScintilla(SCI_EMPTYUNDOBUFFER);
    m_silent = false;
    setReadOnly(readOnly);
}

void BattleEditor::setEntryFile(const QString &fileName)
{
    setFilePath(fileName);
}

void BattleEditor::onModified(int position, int type, const char *text, int length)
{
    if (m_silent || length <= 0 || !(type & (SC_MOD_INSERTTEXT | SC_MOD_BEFOREDELETE)))
        return;
    if (type & SC_MOD_INSERTTEXT) {
        m_pending.push_back(battle::EditOp::insert(position, QByteArray(text, length)));
    } else {
        // Before the delete the bytes are still in the document (bytes() adds a NUL).
        m_pending.push_back(battle::EditOp::erase(position, bytes(position, position + length).chopped(1)));
    }
    if (!m_flushQueued) {
        m_flushQueued = true;
        QTimer::singleShot(0, this, &BattleEditor::flushOps);
    }
}

void BattleEditor::flushOps()
{
    m_flushQueued = false;
    if (m_pending.empty())
        return;
    battle::EditOps ops = std::move(m_pending);
    m_pending.clear();
    Q_EMIT opsMade(ops);
}

void BattleEditor::rememberCopied()
{
    m_copied = QApplication::clipboard()->text();
}

void BattleEditor::copy()
{
    app::CodeEditor::copy();
    rememberCopied();
}

void BattleEditor::cut()
{
    app::CodeEditor::cut();
    rememberCopied();
}

void BattleEditor::paste()
{
    if (m_outsidePasteBlocked && QApplication::clipboard()->text() != m_copied) {
        Q_EMIT outsidePasteRefused();
        return;
    }
    app::CodeEditor::paste();
}

void BattleEditor::keyPressEvent(QKeyEvent *event)
{
    // Scintilla copies and cuts by itself on these keys, without calling copy() or cut().
    if (event->matches(QKeySequence::Copy)) {
        copy();
        event->accept();
        return;
    }
    if (event->matches(QKeySequence::Cut)) {
        cut();
        event->accept();
        return;
    }
    app::CodeEditor::keyPressEvent(event);
}

void BattleEditor::dropEvent(QDropEvent *event)
{
    if (m_outsidePasteBlocked && event->source() != this) {
        event->ignore();
        Q_EMIT outsidePasteRefused();
        return;
    }
    app::CodeEditor::dropEvent(event);
}

} // namespace bunny::battleui
