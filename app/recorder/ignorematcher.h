#pragma once

#include <QList>
#include <QRegularExpression>
#include <QString>

namespace bunny::app {

/// Decides which project paths the recorder must never see: .git/ and .bunny/, the project's
/// .gitignore, its .bunnyignore, and built-in secrets (.env, keys, certificates). Patterns use
/// the gitignore syntax most projects need: `*`, `**`, `?`, `[...]`, a leading `/` anchors to
/// the root, a trailing `/` matches folders only, `!` re-includes; the last match wins.
/// Only the root's ignore files are read (nested .gitignore files are not).
class IgnoreMatcher
{
public:
    IgnoreMatcher() = default;
    /// Reads <root>/.gitignore and <root>/.bunnyignore.
    explicit IgnoreMatcher(const QString &root);

    /// Adds patterns in gitignore syntax, one per line.
    void addPatterns(const QString &text);
    /// `relativePath` uses '/' and is relative to the project root.
    bool isIgnored(const QString &relativePath, bool isDir = false) const;

    /// The secrets that are never recorded, even without a .bunnyignore.
    static QStringList defaultPatterns();

private:
    struct Rule
    {
        QRegularExpression regex;
        bool negated = false;
        bool dirOnly = false;
        bool anchored = false; // matches the path from the root, not any single name
    };
    QList<Rule> m_rules;
};

} // namespace bunny::app
