#include "battleui/remoteeditor.h"

#include "editor/lexers.h"
#include "player/authorcaret.h"
#include "player/scintillabytes.h"

#include <Qsci/qscilexer.h>

#include <QFontDatabase>

namespace bunny::battleui {

RemoteEditor::RemoteEditor(const QColor &colour, QWidget *parent)
    : QsciScintilla(parent)
{
    setUtf8(true);
    setReadOnly(true);
    setAcceptDrops(false);
    SendScintilla(SCI_SETUNDOCOLLECTION, false);
    const QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    setFont(font);
    setMarginsFont(font);
    setMarginLineNumbers(0, true);
    setMarginWidth(0, QStringLiteral("0000"));
    SendScintilla(SCI_INDICSETSTYLE, kSelectionIndicator, INDIC_STRAIGHTBOX);
    SendScintilla(SCI_INDICSETFORE, kSelectionIndicator, colour);
    SendScintilla(SCI_INDICSETALPHA, kSelectionIndicator, 70);
    SendScintilla(SCI_INDICSETUNDER, kSelectionIndicator, true);
    m_caret = new app::AuthorCaret(this, colour);
}

void RemoteEditor::setEntryFile(const QString &fileName)
{
    if (fileName == m_entryFile)
        return;
    m_entryFile = fileName;
    QsciLexer *old = lexer();
    QsciLexer *lexer = app::createLexerForFile(fileName, this);
    if (lexer)
        lexer->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setLexer(lexer);
    delete old;
}

void RemoteEditor::setTextBytes(const QByteArray &text)
{
    app::replaceScintillaBytes(this, 0, SendScintilla(SCI_GETLENGTH),
                               {text.constData(), std::size_t(text.size())});
}

void RemoteEditor::applyOps(const battle::EditOps &ops)
{
    for (const battle::EditOp &op : ops) {
        const long to =
            op.kind == battle::EditOp::Kind::Insert ? long(op.pos) : long(op.pos + op.text.size());
        const std::string_view text = op.kind == battle::EditOp::Kind::Insert
                                          ? std::string_view(op.text.constData(), std::size_t(op.text.size()))
                                          : std::string_view();
        app::replaceScintillaBytes(this, long(op.pos), to, text);
    }
}

void RemoteEditor::showCursor(qint64 anchor, qint64 caret)
{
    const long length = SendScintilla(SCI_GETLENGTH);
    const long a = std::clamp(long(anchor), 0L, length);
    const long c = std::clamp(long(caret), 0L, length);
    SendScintilla(SCI_SETINDICATORCURRENT, kSelectionIndicator);
    SendScintilla(SCI_INDICATORCLEARRANGE, 0, length);
    if (a != c)
        SendScintilla(SCI_INDICATORFILLRANGE, std::min(a, c), std::abs(c - a));
    // Scintilla's own (hidden) caret scrolls the player's line into view.
    SendScintilla(SCI_SETEMPTYSELECTION, c);
    SendScintilla(SCI_SCROLLCARET);
    m_caret->setPosition(c);
}

QByteArray RemoteEditor::textBytes() const
{
    const std::string_view bytes = app::scintillaBytes(const_cast<RemoteEditor *>(this));
    return QByteArray(bytes.data(), qsizetype(bytes.size()));
}

long RemoteEditor::caretPosition() const
{
    return m_caret->position();
}

} // namespace bunny::battleui
