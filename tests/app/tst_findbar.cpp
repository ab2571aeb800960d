#include "editor/codeeditor.h"
#include "editor/findbar.h"

#include <QTest>

using bunny::app::CodeEditor;
using bunny::app::FindBar;

class tst_FindBar : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void replaceAllIsOneUndoStep_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("replacement");
        QTest::addColumn<bool>("regex");
        QTest::addColumn<bool>("matchCase");
        QTest::addColumn<QByteArray>("expected");
        QTest::addColumn<int>("count");

        QTest::newRow("plain") << QByteArray("a.b a.b") << "a.b"
                               << "x" << false << true << QByteArray("x x") << 2;
        QTest::newRow("plainDotIsLiteral") << QByteArray("a.b acb") << "a.b"
                                           << "x" << false << true << QByteArray("x acb") << 1;
        QTest::newRow("regexBackReference") << QByteArray("f(1) f(22)") << "f\\((\\d+)\\)"
                                            << "g[\\1]" << true << true << QByteArray("g[1] g[22]") << 2;
        QTest::newRow("emptyMatchesAtLineStarts") << QByteArray("a\nb\n") << "^"
                                                  << "> " << true << true << QByteArray("> a\n> b\n> ") << 3;
        QTest::newRow("multibyte") << QByteArray("é中é") << "é"
                                   << "😀" << false << true << QByteArray("😀中😀") << 2;
        QTest::newRow("caseInsensitive") << QByteArray("Foo foo FOO") << "foo"
                                         << "bar" << false << false << QByteArray("bar bar bar") << 3;
        QTest::newRow("noMatch") << QByteArray("abc") << "z"
                                 << "y" << true << true << QByteArray("abc") << 0;
    }

    void replaceAllIsOneUndoStep()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, pattern);
        QFETCH(QString, replacement);
        QFETCH(bool, regex);
        QFETCH(bool, matchCase);
        QFETCH(QByteArray, expected);
        QFETCH(int, count);

        CodeEditor editor;
        editor.SendScintilla(QsciScintillaBase::SCI_SETTEXT, text.constData());
        FindBar bar;
        bar.setEditor(&editor);
        bar.setPattern(pattern);
        bar.setReplacement(replacement);
        bar.setRegex(regex);
        bar.setCaseSensitive(matchCase);
        QCOMPARE(bar.replaceAll(), count);
        QCOMPARE(editor.textBytes(), expected);
        if (count > 0) {
            editor.undo();
            QCOMPARE(editor.textBytes(), text);
        }
    }

    void anInvalidRegexSaysSoAndChangesNothing()
    {
        bunny::app::CodeEditor editor;
        editor.setText(QStringLiteral("a(b\n"));
        bunny::app::FindBar bar;
        bar.setEditor(&editor);
        bar.setRegex(true);
        bar.setPattern(QStringLiteral("a(b"));
        bar.setReplacement(QStringLiteral("x"));
        QVERIFY(!bar.findNext(true));
        QCOMPARE(bar.statusText(), QStringLiteral("Invalid regular expression"));
        QCOMPARE(bar.replaceAll(), 0);
        QCOMPARE(bar.statusText(), QStringLiteral("Invalid regular expression"));
        QCOMPARE(editor.text(), QStringLiteral("a(b\n"));
        bar.setPattern(QStringLiteral("zz+"));
        QVERIFY(!bar.findNext(true));
        QCOMPARE(bar.statusText(), QStringLiteral("No match"));
    }

    void findNextWrapsAndFindPreviousGoesBack()
    {
        CodeEditor editor;
        editor.SendScintilla(QsciScintillaBase::SCI_SETTEXT, "one two one two");
        FindBar bar;
        bar.setEditor(&editor);
        bar.setPattern(QStringLiteral("two"));
        QVERIFY(bar.findNext());
        QCOMPARE(editor.SendScintilla(QsciScintillaBase::SCI_GETSELECTIONSTART), 4L);
        QVERIFY(bar.findNext());
        QCOMPARE(editor.SendScintilla(QsciScintillaBase::SCI_GETSELECTIONSTART), 12L);
        QVERIFY(bar.findNext()); // wraps
        QCOMPARE(editor.SendScintilla(QsciScintillaBase::SCI_GETSELECTIONSTART), 4L);
        QVERIFY(bar.findNext(false)); // wraps backwards to the last one
        QCOMPARE(editor.SendScintilla(QsciScintillaBase::SCI_GETSELECTIONSTART), 12L);
        bar.setPattern(QStringLiteral("three"));
        QVERIFY(!bar.findNext());
    }

    void replaceReplacesTheSelectedMatchThenFindsTheNext()
    {
        CodeEditor editor;
        editor.SendScintilla(QsciScintillaBase::SCI_SETTEXT, "cat cat cat");
        FindBar bar;
        bar.setEditor(&editor);
        bar.setPattern(QStringLiteral("cat"));
        bar.setReplacement(QStringLiteral("dog"));
        QVERIFY(bar.replaceCurrent()); // nothing selected yet: only finds
        QCOMPARE(editor.textBytes(), QByteArray("cat cat cat"));
        QVERIFY(bar.replaceCurrent());
        QCOMPARE(editor.textBytes(), QByteArray("dog cat cat"));
        QCOMPARE(editor.SendScintilla(QsciScintillaBase::SCI_GETSELECTIONSTART), 4L);
    }
};

QTEST_MAIN(tst_FindBar)
#include "tst_findbar.moc"
