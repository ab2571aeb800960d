// The battle window's own behaviour against a real bunnyd: the problem statement rendered from
// Markdown, and the language switch (while the text is the starter code it changes the editor's
// text and lexer for the player and for what the opponent sees; after edits it is refused, with
// a message saying why).

#include "battlefixture.h"

#include "battleui/remoteeditor.h"
#include "projectfixture.h"

#include <QComboBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextDocument>
#include <QTextList>

#include <Qsci/qscilexer.h>

using bunny::battleui::BattleWindow;
using bunny::test::Account;
using Window = std::unique_ptr<BattleWindow>;

namespace {

QString lexerLanguage(QsciScintilla *editor)
{
    return editor->lexer() ? QString::fromLatin1(editor->lexer()->language()) : QString();
}

/// Picks language in the window's language box as a user does (the box's activation).
void pickLanguage(const Window &w, const QString &language)
{
    QComboBox *box = w->languageBox();
    const int index = box->findData(language);
    QVERIFY2(index >= 0, qPrintable(language));
    box->setCurrentIndex(index);
    Q_EMIT box->activated(index);
}

} // namespace

class tst_BattleWindow : public QObject
{
    Q_OBJECT

    bunny::test::BunnydFixture m_server;
    Account m_alice, m_bob;
    bunny::test::ProblemFiles m_problem;
    QString m_battle;
    Window m_aliceWindow, m_bobWindow;

    QByteArray starter(const QString &language) const
    {
        return m_aliceWindow->client()->state().problem.starter.value(language);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_problem = bunny::test::findProblem();
        if (!m_problem.error.isEmpty())
            QSKIP(qPrintable(m_problem.error));
        QVERIFY2(m_server.start(bunny::test::quickBattleSettings()), qPrintable(m_server.errorString()));
        m_alice = m_server.signUp("alice");
        m_bob = m_server.signUp("bob");
        m_battle = bunny::test::createBattle(m_server, m_problem.slug, m_alice, &m_bob, 600);
        QVERIFY(!m_battle.isEmpty());
        m_aliceWindow = bunny::test::openBattleWindow(m_server, m_alice, m_battle);
        m_bobWindow = bunny::test::openBattleWindow(m_server, m_bob, m_battle);
        QVERIFY(bunny::test::startBattle(m_aliceWindow.get(), m_bobWindow.get()));
    }

    void theStatementIsRenderedFromMarkdown()
    {
        const QString markdown = m_aliceWindow->client()->state().problem.statement;
        QVERIFY(markdown.contains(QLatin1String("```")) && markdown.contains(QLatin1String("\n## ")));
        QTextDocument *doc = m_aliceWindow->statementView()->document();
        const QString shown = doc->toPlainText();
        // No Markdown syntax left as text.
        for (const char *raw : {"```", "## ", "**", "`"})
            QVERIFY2(!shown.contains(QLatin1String(raw)), raw);
        QTextBlock first = doc->firstBlock();
        QCOMPARE(first.blockFormat().headingLevel(), 1);
        QCOMPARE(first.text(), m_aliceWindow->client()->state().problem.title);
        int sections = 0, listItems = 0, codeLines = 0, inlineCode = 0;
        for (QTextBlock block = first; block.isValid(); block = block.next()) {
            sections += block.blockFormat().headingLevel() == 2;
            listItems += block.textList() != nullptr;
            codeLines += block.blockFormat().hasProperty(QTextFormat::BlockCodeFence);
            for (auto it = block.begin(); !it.atEnd(); ++it)
                inlineCode += !block.blockFormat().hasProperty(QTextFormat::BlockCodeFence) &&
                              it.fragment().charFormat().fontFixedPitch();
        }
        QVERIFY2(sections >= 3, qPrintable(QString::number(sections))); // Input, Output, Constraints…
        QVERIFY(listItems >= 1 || !markdown.contains(QLatin1String("\n- ")));
        QVERIFY(codeLines >= 2);
        QVERIFY(inlineCode >= 1 || !markdown.contains(QLatin1Char('`')));
        // Samples the statement already shows as examples are not shown twice.
        for (const auto &sample : m_aliceWindow->client()->state().problem.samples)
            QCOMPARE(shown.count(sample.input.trimmed()), 1);
    }

    void switchingWhileTheTextIsTheStarterChangesTextAndLexerForBoth()
    {
        auto *editor = m_aliceWindow->ownEditor();
        auto *seenByBob = m_bobWindow->remoteEditor(0);
        QVERIFY(m_aliceWindow->languageBox()->isEnabled());
        QCOMPARE(m_aliceWindow->languageBox()->currentData().toString(), QStringLiteral("python"));
        QCOMPARE(editor->textBytes(), starter(QStringLiteral("python")));
        QCOMPARE(lexerLanguage(editor), QStringLiteral("Python"));
        QCOMPARE(lexerLanguage(seenByBob), QStringLiteral("Python"));

        pickLanguage(m_aliceWindow, QStringLiteral("cpp"));
        QTRY_COMPARE_WITH_TIMEOUT(editor->textBytes(), starter(QStringLiteral("cpp")), 10000);
        QCOMPARE(editor->filePath(), QStringLiteral("main.cpp"));
        QCOMPARE(lexerLanguage(editor), QStringLiteral("C++"));
        QCOMPARE(m_aliceWindow->languageBox()->currentData().toString(), QStringLiteral("cpp"));
        // The opponent's view of alice follows: the new starter, highlighted as C++.
        QTRY_COMPARE_WITH_TIMEOUT(seenByBob->textBytes(), starter(QStringLiteral("cpp")), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(lexerLanguage(seenByBob), QStringLiteral("C++"), 10000);
        QCOMPARE(m_bobWindow->client()->state().players[0].language, QStringLiteral("cpp"));
        // Bob's own language did not move.
        QCOMPARE(m_bobWindow->languageBox()->currentData().toString(), QStringLiteral("python"));
        QCOMPARE(lexerLanguage(m_bobWindow->ownEditor()), QStringLiteral("Python"));

        // Still the starter: switching again (to Java) works just the same.
        pickLanguage(m_aliceWindow, QStringLiteral("java"));
        QTRY_COMPARE_WITH_TIMEOUT(seenByBob->textBytes(), starter(QStringLiteral("java")), 10000);
        QCOMPARE(editor->filePath(), QStringLiteral("Main.java"));
        QCOMPARE(lexerLanguage(editor), QStringLiteral("Java"));
        QTRY_COMPARE_WITH_TIMEOUT(lexerLanguage(seenByBob), QStringLiteral("Java"), 10000);
    }

    void switchingAfterEditsIsRefusedWithAMessageSayingWhy()
    {
        auto *editor = m_aliceWindow->ownEditor();
        editor->setFocus();
        editor->SendScintilla(QsciScintillaBase::SCI_DOCUMENTEND);
        bunny::testing::typeText(editor, QStringLiteral("// mine now"));
        const QByteArray typed = editor->textBytes();
        QTRY_COMPARE_WITH_TIMEOUT(m_bobWindow->remoteEditor(0)->textBytes(), typed, 10000);

        pickLanguage(m_aliceWindow, QStringLiteral("python"));
        const QString message = m_aliceWindow->statusBar()->currentMessage();
        QVERIFY2(message.contains(QStringLiteral("starter code")) &&
                     message.contains(QStringLiteral("Python")),
                 qPrintable(message));
        QCOMPARE(m_aliceWindow->languageBox()->currentData().toString(), QStringLiteral("java"));
        QVERIFY(m_aliceWindow->languageBox()->toolTip().contains(QStringLiteral("fixed")));

        // Asked of the server all the same (as an older client would), it refuses too: its
        // message is shown and the box keeps the language in force.
        m_aliceWindow->client()->sendLanguage(QStringLiteral("go"));
        QTRY_VERIFY_WITH_TIMEOUT(m_aliceWindow->statusBar()->currentMessage().contains(
                                     QStringLiteral("only while your text is the starter code")),
                                 10000);
        QCOMPARE(m_aliceWindow->languageBox()->currentData().toString(), QStringLiteral("java"));
        QCOMPARE(editor->textBytes(), typed);
        QCOMPARE(lexerLanguage(editor), QStringLiteral("Java"));
        QCOMPARE(m_bobWindow->client()->state().players[0].language, QStringLiteral("java"));
        QCOMPARE(m_bobWindow->remoteEditor(0)->textBytes(), typed);
        QCOMPARE(lexerLanguage(m_bobWindow->remoteEditor(0)), QStringLiteral("Java"));
    }

    void cleanupTestCase()
    {
        m_aliceWindow.reset();
        m_bobWindow.reset();
        m_server.stop();
    }
};

QTEST_MAIN(tst_BattleWindow)
#include "tst_battlewindow.moc"
