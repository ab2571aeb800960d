#pragma once

#include <QString>

class QObject;
class QsciLexer;

namespace bunny::app {

/// The language id of a file, from its name: "python", "c", "cpp", "javascript", "typescript",
/// "java", "go", "rust", "json", "markdown", "yaml", "shell", "cmake", "html", "css", or "text"
/// when nothing fits. The ids of compiled/run languages match the server's GET /languages ids.
QString languageForFile(const QString &fileName);

/// A name for people: "C++", "Python", "Plain text"...
QString languageDisplayName(const QString &language);

/// What starts a line comment in the language ("#", "//", "--"...), or empty when the
/// language has only block comments or none (JSON, HTML, CSS, Markdown, text).
QString lineCommentPrefix(const QString &language);

/// A new lexer for the language (the caller's parent owns it), or nullptr for plain text.
QsciLexer *createLexerForLanguage(const QString &language, QObject *parent);

/// createLexerForLanguage(languageForFile(fileName), parent).
QsciLexer *createLexerForFile(const QString &fileName, QObject *parent);

} // namespace bunny::app
