#pragma once

#include "battle/editops.h"

#include <Qsci/qsciscintilla.h>

namespace bunny::app {
class AuthorCaret;
}

namespace bunny::battleui {

/// A player's document as others see it: read-only, following the server's relayed ops, with
/// that player's caret and selection drawn in their colour.
class RemoteEditor : public QsciScintilla
{
    Q_OBJECT

public:
    explicit RemoteEditor(const QColor &colour, QWidget *parent = nullptr);

    void setTextBytes(const QByteArray &text);
    /// Applies relayed ops (already checked against the client's copy).
    void applyOps(const battle::EditOps &ops);
    void showCursor(qint64 anchor, qint64 caret);
    /// The lexer by the player's entry file (main.py, main.cpp…).
    void setEntryFile(const QString &fileName);

    QByteArray textBytes() const;
    /// The player's caret as drawn (-1: none).
    long caretPosition() const;

    static constexpr int kSelectionIndicator = 9;

private:
    app::AuthorCaret *m_caret = nullptr;
    QString m_entryFile;
};

} // namespace bunny::battleui
