#pragma once

// Helpers for vcs tests: the real git command line (to build fixtures and to check what bunny
// wrote) and small file helpers.

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTest>

namespace bunny::vcs::test {

struct GitOutput
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

/// Runs `git args...` in `dir` with a fixed identity and no user or system configuration.
inline GitOutput git(const QString &dir, const QStringList &args)
{
    QProcess process;
    process.setWorkingDirectory(dir);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("GIT_CONFIG_NOSYSTEM"), QStringLiteral("1"));
    env.insert(QStringLiteral("GIT_CONFIG_GLOBAL"), QStringLiteral("/dev/null"));
    env.insert(QStringLiteral("GIT_AUTHOR_NAME"), QStringLiteral("Git Author"));
    env.insert(QStringLiteral("GIT_AUTHOR_EMAIL"), QStringLiteral("git@example.org"));
    env.insert(QStringLiteral("GIT_COMMITTER_NAME"), QStringLiteral("Git Author"));
    env.insert(QStringLiteral("GIT_COMMITTER_EMAIL"), QStringLiteral("git@example.org"));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral("git"), args);
    process.waitForFinished(30000);
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            process.readAllStandardOutput(), process.readAllStandardError()};
}

/// Runs git and fails the calling test when git fails.
#define BUNNY_GIT(dir, ...)                                                                                  \
    [&] {                                                                                                    \
        const auto output = ::bunny::vcs::test::git(dir, __VA_ARGS__);                                       \
        if (output.exitCode != 0)                                                                            \
            qWarning("git failed: %s", output.err.constData());                                              \
        return output;                                                                                       \
    }()

inline bool writeFile(const QString &dir, const QString &path, const QByteArray &bytes)
{
    const QString full = QDir(dir).filePath(path);
    QDir().mkpath(QFileInfo(full).path());
    QFile file(full);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

inline QByteArray readFile(const QString &dir, const QString &path)
{
    QFile file(QDir(dir).filePath(path));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
}

} // namespace bunny::vcs::test
