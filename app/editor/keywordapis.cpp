#include "editor/keywordapis.h"

#include <algorithm>

namespace bunny::app {

KeywordApis::KeywordApis(QsciLexer *lexer, QStringList words)
    : QsciAbstractAPIs(lexer)
    , m_words(std::move(words))
{
    m_words.sort(Qt::CaseInsensitive);
    m_words.removeDuplicates();
}

void KeywordApis::updateAutoCompletionList(const QStringList &context, QStringList &list)
{
    // Scintilla splits "console.lo" into ["console", "lo"]: complete the whole dotted name.
    const QString prefix = context.join(QLatin1Char('.'));
    if (prefix.isEmpty())
        return;
    for (const QString &word : std::as_const(m_words)) {
        if (word.startsWith(prefix, Qt::CaseInsensitive) && word != prefix)
            list.append(word.mid(prefix.size() - context.last().size()));
    }
}

QStringList KeywordApis::callTips(const QStringList &, int, QsciScintilla::CallTipsStyle, QList<int> &)
{
    return {};
}

} // namespace bunny::app
