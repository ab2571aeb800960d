#pragma once
// Shared by the problem suites: the bundled set's folder and a small valid problem written into
// a temporary folder, which tests then break one way at a time.

#include <QDir>
#include <QFile>
#include <QString>

#include <string>

namespace bunny::test {

/// The repository's resources/problems.
inline QString bundledProblemsDir()
{
    return QStringLiteral(BUNNY_SOURCE_DIR "/resources/problems");
}

inline bool writeText(const QString &path, const std::string &text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
           file.write(text.data(), static_cast<qint64>(text.size())) == static_cast<qint64>(text.size());
}

/// Writes `set`/`slug`: "add two numbers", 10 tests (01 and 02 samples), every starter.
inline bool writeSumProblem(const QString &set, const std::string &slug)
{
    const QString dir = set + "/" + QString::fromStdString(slug);
    bool ok =
        writeText(dir + "/problem.json", R"({"slug": ")" + slug +
                                             R"(", "title": "Add", "level": "easy", "time_limit_ms": 1000,
                               "memory_limit_kb": 65536, "tolerance": null, "samples": ["01", "02"],
                               "tags": ["math"]})");
    ok = ok && writeText(dir + "/statement.md", "# Add\n\nPrint a + b.\n");
    for (int i = 1; i <= 10; ++i) {
        const QString name = QString("%1").arg(i, 2, 10, QChar('0'));
        const int a = i * 7 - 30, b = i * i;
        ok = ok &&
             writeText(dir + "/tests/" + name + ".in", std::to_string(a) + " " + std::to_string(b) + "\n");
        ok = ok && writeText(dir + "/tests/" + name + ".out", std::to_string(a + b) + "\n");
    }
    for (const char *file : {"main.py", "main.js", "main.c", "main.cpp", "Main.java", "main.go", "main.rs"})
        ok = ok && writeText(dir + "/starter/" + file, "// read a and b, print a + b\n");
    return ok;
}

} // namespace bunny::test
