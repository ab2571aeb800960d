#pragma once

#include <Qsci/qsciabstractapis.h>

#include <QStringList>

namespace bunny::app {

/// Completion of a language's keywords and well-known API names. Unlike QsciAPIs it needs no
/// preparation thread, so an editor can be closed at any moment.
class KeywordApis : public QsciAbstractAPIs
{
    Q_OBJECT

public:
    /// Sets itself as `lexer`'s APIs (the lexer owns it).
    KeywordApis(QsciLexer *lexer, QStringList words);

    void updateAutoCompletionList(const QStringList &context, QStringList &list) override;
    QStringList callTips(const QStringList &context, int commas, QsciScintilla::CallTipsStyle style,
                         QList<int> &shifts) override;

private:
    QStringList m_words; // sorted, unique
};

} // namespace bunny::app
