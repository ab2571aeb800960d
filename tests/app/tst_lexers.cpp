#include "editor/lexers.h"

#include <Qsci/qscilexer.h>

#include <QTest>

class tst_Lexers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void languageAndLexerFollowTheFileName_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("lexerLanguage");

        QTest::newRow("python") << "src/hello.py"
                                << "python"
                                << "Python";
        QTest::newRow("c") << "main.c"
                           << "c"
                           << "C";
        QTest::newRow("cppUpperCaseSuffix") << "Main.CPP"
                                            << "cpp"
                                            << "C++";
        QTest::newRow("header") << "a/b.hpp"
                                << "cpp"
                                << "C++";
        QTest::newRow("javascript") << "app.js"
                                    << "javascript"
                                    << "JavaScript";
        QTest::newRow("typescript") << "app.ts"
                                    << "typescript"
                                    << "TypeScript";
        QTest::newRow("java") << "Main.java"
                              << "java"
                              << "Java";
        QTest::newRow("go") << "main.go"
                            << "go"
                            << "Go";
        QTest::newRow("rust") << "main.rs"
                              << "rust"
                              << "Rust";
        QTest::newRow("json") << "package.json"
                              << "json"
                              << "JSON";
        QTest::newRow("markdown") << "README.md"
                                  << "markdown"
                                  << "Markdown";
        QTest::newRow("yaml") << "ci.yml"
                              << "yaml"
                              << "YAML";
        QTest::newRow("shell") << "run.sh"
                               << "shell"
                               << "Bash";
        QTest::newRow("cmakeLists") << "CMakeLists.txt"
                                    << "cmake"
                                    << "CMake";
        QTest::newRow("cmakeModule") << "Find.cmake"
                                     << "cmake"
                                     << "CMake";
        QTest::newRow("html") << "index.html"
                              << "html"
                              << "HTML";
        QTest::newRow("css") << "style.css"
                             << "css"
                             << "CSS";
    }

    void languageAndLexerFollowTheFileName()
    {
        QFETCH(QString, fileName);
        QFETCH(QString, language);
        QFETCH(QString, lexerLanguage);

        QCOMPARE(bunny::app::languageForFile(fileName), language);
        QObject owner;
        QsciLexer *lexer = bunny::app::createLexerForFile(fileName, &owner);
        QVERIFY(lexer);
        QCOMPARE(lexer->parent(), &owner);
        QCOMPARE(QString::fromLatin1(lexer->language()), lexerLanguage);
    }

    void goAndRustHaveTheirOwnKeywords()
    {
        QObject owner;
        const QString go = QString::fromLatin1(
            bunny::app::createLexerForLanguage(QStringLiteral("go"), &owner)->keywords(1));
        QVERIFY(go.split(QLatin1Char(' ')).contains(QStringLiteral("func")));
        const QString rust = QString::fromLatin1(
            bunny::app::createLexerForLanguage(QStringLiteral("rust"), &owner)->keywords(1));
        QVERIFY(rust.split(QLatin1Char(' ')).contains(QStringLiteral("fn")));
        QVERIFY(!rust.split(QLatin1Char(' ')).contains(QStringLiteral("func")));
    }

    void cHasCKeywordsNotCppOnes()
    {
        QObject owner;
        const QStringList c =
            QString::fromLatin1(bunny::app::createLexerForLanguage(QStringLiteral("c"), &owner)->keywords(1))
                .split(QLatin1Char(' '));
        QVERIFY(c.contains(QStringLiteral("typedef")));
        QVERIFY(c.contains(QStringLiteral("restrict")));
        QVERIFY(!c.contains(QStringLiteral("class")));
        QVERIFY(!c.contains(QStringLiteral("template")));
        const QStringList cpp =
            QString::fromLatin1(
                bunny::app::createLexerForLanguage(QStringLiteral("cpp"), &owner)->keywords(1))
                .split(QLatin1Char(' '));
        QVERIFY(cpp.contains(QStringLiteral("class")));
    }

    void unknownFilesArePlainTextWithoutALexer()
    {
        QObject owner;
        QCOMPARE(bunny::app::languageForFile(QStringLiteral("notes.txt")), QStringLiteral("text"));
        QCOMPARE(bunny::app::languageForFile(QStringLiteral("Makefile.unknownext")), QStringLiteral("text"));
        QCOMPARE(bunny::app::createLexerForFile(QStringLiteral("notes.txt"), &owner), nullptr);
        QCOMPARE(bunny::app::languageDisplayName(QStringLiteral("text")), QStringLiteral("Plain text"));
    }

    void commentPrefixesFitTheLanguage()
    {
        QCOMPARE(bunny::app::lineCommentPrefix(QStringLiteral("python")), QStringLiteral("#"));
        QCOMPARE(bunny::app::lineCommentPrefix(QStringLiteral("rust")), QStringLiteral("//"));
        QCOMPARE(bunny::app::lineCommentPrefix(QStringLiteral("json")), QString());
    }
};

QTEST_MAIN(tst_Lexers)
#include "tst_lexers.moc"
