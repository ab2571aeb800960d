#pragma once

// Helpers shared by the app suites: a scratch project on disk and the check that a recording
// replays to the exact bytes of the project's files.

#include <recording/recording.h>

#include <QAbstractButton>
#include <QApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QMessageBox>
#include <QString>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QWidget>

#include <map>
#include <string>

namespace bunny::testing {

inline void writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        file.write(bytes);
}

inline QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// Clicks `button` in the next message box that opens (modal, so it is answered from a timer
/// inside its own event loop).
inline void answerNextMessageBox(QMessageBox::StandardButton button)
{
    auto *timer = new QTimer(qApp);
    timer->setInterval(10);
    QObject::connect(timer, &QTimer::timeout, qApp, [timer, button] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        timer->stop();
        timer->deleteLater();
        if (QAbstractButton *b = box->button(button))
            b->click();
    });
    timer->start();
}

/// Types like a keyboard: one key event per character (emoji included), so the editor's own
/// key handling (auto-indent, multiple carets) runs. QTest::keyClicks only knows ASCII.
inline void typeText(QWidget *widget, const QString &text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        QString character(text.at(i));
        if (text.at(i).isHighSurrogate() && i + 1 < text.size())
            character += text.at(++i);
        if (character == QLatin1String("\t"))
            QTest::keyClick(widget, Qt::Key_Tab);
        else if (character == QLatin1String("\n"))
            QTest::keyClick(widget, Qt::Key_Return);
        else
            QTest::sendKeyEvent(QTest::Click, widget, Qt::Key_unknown, character, Qt::NoModifier);
    }
}

/// Every file under `root` except .git/ and .bunny/, by relative path.
inline std::map<std::string, std::string> filesOnDisk(const QString &root)
{
    std::map<std::string, std::string> files;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString rel = QDir(root).relativeFilePath(path);
        if (rel.startsWith(QLatin1String(".git/")) || rel.startsWith(QLatin1String(".bunny/")))
            continue;
        files[rel.toStdString()] = readFile(path).toStdString();
    }
    return files;
}

/// A project with multi-byte text, a nested folder, a secret, a git-ignored build output and a
/// .git folder; none of the last three may ever reach a recording.
inline void makeSampleProject(const QString &root)
{
    writeFile(root + QStringLiteral("/main.py"), "def greet(name):\n    return f\"héllo {name} 中\"\n");
    writeFile(root + QStringLiteral("/notes.md"), "# Notes 😀\n\n- one\n");
    writeFile(root + QStringLiteral("/src/app.js"), "function add(a, b) {\n  return a + b;\n}\n");
    writeFile(root + QStringLiteral("/.env"), "TOKEN=secret\n");
    writeFile(root + QStringLiteral("/.gitignore"), "build/\n*.log\n");
    writeFile(root + QStringLiteral("/build/out.txt"), "generated\n");
    writeFile(root + QStringLiteral("/debug.log"), "log line\n");
    writeFile(root + QStringLiteral("/.git/config"), "[core]\n");
}

inline bool isPrivate(const std::string &path)
{
    return path == ".env" || path.starts_with("build/") || path.ends_with(".log") ||
           path.starts_with(".git/") || path.starts_with(".bunny/") || path.ends_with(".pem");
}

} // namespace bunny::testing
