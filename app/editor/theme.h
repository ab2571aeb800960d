#pragma once

class QFont;
class QsciScintilla;

namespace bunny::app {

/// Colours and font for an editor and its lexer (if any). Dark derives every lexer style's
/// colour from the lexer's light default, so each language gets a dark variant without a
/// hand-written palette per lexer.
void applyTheme(QsciScintilla *editor, const QFont &font, bool dark);

} // namespace bunny::app
