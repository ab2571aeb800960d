#include "recorder/ignorematcher.h"

#include <QDir>
#include <QFile>

namespace bunny::app {

namespace {

QString globToRegex(const QString &glob)
{
    QString out;
    for (qsizetype i = 0; i < glob.size(); ++i) {
        const QChar c = glob.at(i);
        if (c == QLatin1Char('*')) {
            if (i + 1 < glob.size() && glob.at(i + 1) == QLatin1Char('*')) {
                ++i;
                // "**/" matches zero or more folders; a lone "**" anything.
                if (i + 1 < glob.size() && glob.at(i + 1) == QLatin1Char('/')) {
                    ++i;
                    out += QStringLiteral("(?:.*/)?");
                } else {
                    out += QStringLiteral(".*");
                }
            } else {
                out += QStringLiteral("[^/]*");
            }
        } else if (c == QLatin1Char('?')) {
            out += QStringLiteral("[^/]");
        } else if (c == QLatin1Char('[')) {
            const qsizetype close = glob.indexOf(QLatin1Char(']'), i + 1);
            if (close < 0) {
                out += QStringLiteral("\\[");
            } else {
                QString set = glob.mid(i + 1, close - i - 1);
                if (set.startsWith(QLatin1Char('!')))
                    set[0] = QLatin1Char('^');
                out += QLatin1Char('[') + set.replace(QLatin1Char('\\'), QStringLiteral("\\\\")) +
                       QLatin1Char(']');
                i = close;
            }
        } else if (c == QLatin1Char('\\') && i + 1 < glob.size()) {
            out += QRegularExpression::escape(glob.at(++i));
        } else {
            out += QRegularExpression::escape(c);
        }
    }
    return QStringLiteral("^") + out + QStringLiteral("$");
}

QString readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

} // namespace

IgnoreMatcher::IgnoreMatcher(const QString &root)
{
    addPatterns(QStringLiteral(".git/\n.bunny/\n"));
    addPatterns(defaultPatterns().join(QLatin1Char('\n')));
    addPatterns(readFile(root + QStringLiteral("/.gitignore")));
    addPatterns(readFile(root + QStringLiteral("/.bunnyignore")));
    addNestedIgnoreFiles(root, QString());
    // Whatever the ignore files re-include, .git/ and .bunny/ stay out.
    addPatterns(QStringLiteral(".git/\n.bunny/\n"));
}

QStringList IgnoreMatcher::defaultPatterns()
{
    return {QStringLiteral(".env"),       QStringLiteral(".env.*"),  QStringLiteral("*.pem"),
            QStringLiteral("*.key"),      QStringLiteral("*.p12"),   QStringLiteral("*.pfx"),
            QStringLiteral("*.crt"),      QStringLiteral("*.cer"),   QStringLiteral("*.der"),
            QStringLiteral("id_rsa*"),    QStringLiteral("id_dsa*"), QStringLiteral("id_ecdsa*"),
            QStringLiteral("id_ed25519*")};
}

void IgnoreMatcher::addNestedIgnoreFiles(const QString &root, const QString &relativeDir)
{
    // Parents before children, so a deeper file's rules come later and win.
    const QString dirPath = relativeDir.isEmpty() ? root : root + QLatin1Char('/') + relativeDir;
    const auto folders =
        QDir(dirPath).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden, QDir::Name);
    for (const QFileInfo &folder : folders) {
        if (folder.isSymLink())
            continue;
        const QString rel =
            relativeDir.isEmpty() ? folder.fileName() : relativeDir + QLatin1Char('/') + folder.fileName();
        if (isIgnored(rel, true))
            continue; // git does not look inside ignored folders either
        const QString path = folder.absoluteFilePath();
        addPatterns(readFile(path + QStringLiteral("/.gitignore")), rel);
        addPatterns(readFile(path + QStringLiteral("/.bunnyignore")), rel);
        addNestedIgnoreFiles(root, rel);
    }
}

void IgnoreMatcher::addPatterns(const QString &text, const QString &base)
{
    const auto lines = text.split(QLatin1Char('\n'));
    for (QString line : lines) {
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        // Trailing spaces are not significant in gitignore unless escaped.
        while (line.endsWith(QLatin1Char(' ')) && !line.endsWith(QStringLiteral("\\ ")))
            line.chop(1);
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        Rule rule;
        if (line.startsWith(QLatin1Char('!'))) {
            rule.negated = true;
            line.remove(0, 1);
        }
        if (line.endsWith(QLatin1Char('/'))) {
            rule.dirOnly = true;
            line.chop(1);
        }
        if (line.startsWith(QLatin1Char('/'))) {
            rule.anchored = true;
            line.remove(0, 1);
        } else if (line.contains(QLatin1Char('/'))) {
            rule.anchored = true;
        }
        if (line.isEmpty())
            continue;
        rule.base = base;
        rule.regex = QRegularExpression(globToRegex(line));
        if (rule.regex.isValid())
            m_rules.append(rule);
    }
}

bool IgnoreMatcher::isIgnored(const QString &relativePath, bool isDir) const
{
    const QStringList parts = relativePath.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    bool ignored = false;
    // A path is ignored when it or one of its folders is: check every prefix, last rule wins.
    QString prefix;
    for (qsizetype i = 0; i < parts.size(); ++i) {
        prefix = i == 0 ? parts[i] : prefix + QLatin1Char('/') + parts[i];
        const bool prefixIsDir = i + 1 < parts.size() || isDir;
        for (const Rule &rule : m_rules) {
            if (rule.dirOnly && !prefixIsDir)
                continue;
            QString subject = rule.anchored ? prefix : parts[i];
            if (!rule.base.isEmpty()) {
                // A nested file's rules see only paths below its folder, relative to it.
                if (prefix.size() <= rule.base.size() || !prefix.startsWith(rule.base) ||
                    prefix.at(rule.base.size()) != QLatin1Char('/'))
                    continue;
                if (rule.anchored)
                    subject = prefix.mid(rule.base.size() + 1);
            }
            if (rule.regex.match(subject).hasMatch())
                ignored = !rule.negated;
        }
        if (ignored)
            return true; // git cannot re-include a file inside an ignored folder either
    }
    return ignored;
}

} // namespace bunny::app
