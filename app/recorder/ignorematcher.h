#pragma once

#include <QList>
#include <QRegularExpression>
#include <QString>

namespace bunny::app {

/// Decides which project paths the recorder must never see: .git/ and .bunny/, the project's
/// .gitignore, its .bunnyignore, and built-in secrets (.env, keys, certificates). Patterns use
/// the gitignore syntax most projects need: `*`, `**`, `?`, `[...]`, a leading `/` anchors to
/// the root, a trailing `/` matches folders only, `!` re-includes; the last match wins.
/// Nested .gitignore (and .bunnyignore) files apply to their own folder, deeper ones winning,
/// as in git; folders already ignored are not searched for them.
class IgnoreMatcher
{
public:
    IgnoreMatcher() = default;
    /// Reads <root>/.gitignore and <root>/.bunnyignore, then those of every folder below.
    explicit IgnoreMatcher(const QString &root);

    /// Adds patterns in gitignore syntax, one per line, read from the ignore file of the folder
    /// `base` (relative to the root, '/'-separated; empty for the root itself).
    void addPatterns(const QString &text, const QString &base = QString());
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
        bool anchored = false; // matches the path from its base folder, not any single name
        QString base;          // the folder whose ignore file holds the rule ("" = the root)
    };
    void addNestedIgnoreFiles(const QString &root, const QString &relativeDir);
    QList<Rule> m_rules;
};

} // namespace bunny::app
