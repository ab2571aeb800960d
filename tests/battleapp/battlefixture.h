#pragma once

// Whole battles in one process: a real bunnyd (tests/backend/bunnydfixture) and real battle
// windows of the app talking to it over WebSocket on loopback.

#include "battle/battleclient.h"
#include "battleui/battleeditor.h"
#include "battleui/battlewindow.h"
#include "bunnydfixture.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <memory>

namespace bunny::test {

/// A problem of the bundled set with a right, a partly right and a wrong Python solution.
struct ProblemFiles
{
    QString slug;
    QByteArray solution;
    QByteArray partial; ///< prints test 01's answer: passes some tests, not all
    QByteArray wrong;
    QString error;
};

inline QString sourceDir()
{
    return QStringLiteral(BUNNY_SOURCE_DIR);
}

inline QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// The first easy problem (by slug) that has solutions/ref.py.
inline ProblemFiles findProblem()
{
    ProblemFiles p;
    const QDir root(sourceDir() + QStringLiteral("/resources/problems"));
    for (const QString &slug : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        const QString dir = root.filePath(slug);
        const QJsonObject meta =
            QJsonDocument::fromJson(readAll(dir + QStringLiteral("/problem.json"))).object();
        const QByteArray ref = readAll(dir + QStringLiteral("/solutions/ref.py"));
        const QByteArray firstAnswer = readAll(dir + QStringLiteral("/tests/01.out"));
        if (meta.value(QLatin1String("level")).toString() != QLatin1String("easy") || ref.isEmpty() ||
            firstAnswer.isEmpty())
            continue;
        p.slug = slug;
        p.solution = ref;
        p.partial = "import sys\nsys.stdout.write(" +
                    QJsonDocument(QJsonArray{QString::fromUtf8(firstAnswer)})
                        .toJson(QJsonDocument::Compact)
                        .mid(1)
                        .chopped(1) +
                    ")\n";
        p.wrong = "print('no idea')\n";
        return p;
    }
    p.error = QStringLiteral("no easy problem with solutions/ref.py under ") + root.path();
    return p;
}

/// A battle window of `who`, connected; owned by the test.
inline std::unique_ptr<battleui::BattleWindow> openBattleWindow(const BunnydFixture &server,
                                                                const Account &who, const QString &battleId)
{
    auto *client = new battle::BattleClient;
    client->setServerUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.port())));
    const QString token = QString::fromStdString(who.accessToken);
    client->setTokenProvider([token] { return token; });
    client->setPingInterval(500);
    client->setReconnectWindow(20000);
    auto window = std::make_unique<battleui::BattleWindow>(client, nullptr);
    window->setAttribute(Qt::WA_DeleteOnClose, false);
    window->setWindowTitle(QString::fromStdString(who.username));
    window->show();
    client->connectToBattle(battleId);
    return window;
}

/// Replaces the whole text of a player's editor the way a user does: select all, paste.
inline void pasteText(battleui::BattleEditor *editor, const QByteArray &text)
{
    QApplication::clipboard()->setText(QString::fromUtf8(text));
    editor->setFocus();
    QTest::keyClick(editor, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(editor, Qt::Key_V, Qt::ControlModifier);
}

} // namespace bunny::test
