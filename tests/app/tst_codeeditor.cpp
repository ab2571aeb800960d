#include "projectfixture.h"

#include "editor/codeeditor.h"
#include "editor/editorsettings.h"

#include <Qsci/qscicommandset.h>
#include <Qsci/qscilexer.h>

#include <QClipboard>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using bunny::app::CodeEditor;
using namespace bunny::testing;

class tst_CodeEditor : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void loadThenSaveKeepsTheExactBytes_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("unixLines") << QByteArray("a\nb\n");
        QTest::newRow("windowsLines") << QByteArray("a\r\nb\r\n");
        QTest::newRow("multibyte") << QByteArray("é 中 😀\n");
        QTest::newRow("noTrailingNewline") << QByteArray("x = 1");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("tabsAndSpaces") << QByteArray("\tif x:\n        pass\n");
    }

    void loadThenSaveKeepsTheExactBytes()
    {
        QFETCH(QByteArray, bytes);
        const QString path = m_dir.filePath(QStringLiteral("roundtrip.py"));
        writeFile(path, bytes);
        CodeEditor editor;
        QVERIFY(editor.loadFile(path).ok());
        QCOMPARE(editor.textBytes(), bytes);
        QVERIFY(!editor.isModified());
        writeFile(path, "overwritten");
        QVERIFY(editor.save().ok());
        QCOMPARE(readFile(path), bytes);
    }

    void enterKeepsTheFilesLineEnds_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("crlf") << QByteArray("a\r\nb\r\n") << QByteArray("a\r\n\r\nb\r\n");
        QTest::newRow("lf") << QByteArray("a\nb\n") << QByteArray("a\n\nb\n");
    }

    void enterKeepsTheFilesLineEnds()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QByteArray, expected);
        const QString path = m_dir.filePath(QStringLiteral("eol.txt"));
        writeFile(path, bytes);
        bunny::app::CodeEditor editor;
        QVERIFY(editor.loadFile(path).ok());
        editor.setCursorPosition(0, 1);
        QTest::keyClick(&editor, Qt::Key_Return);
        QCOMPARE(editor.textBytes(), expected);
    }

    void filesThatAreNotUtf8TextAreRefused_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("latin1") << QByteArray("caf\xe9\n");
        QTest::newRow("binaryWithNul") << QByteArray("ELF\0\x01\x02", 6);
    }

    void filesThatAreNotUtf8TextAreRefused()
    {
        QFETCH(QByteArray, bytes);
        const QString path = m_dir.filePath(QStringLiteral("data.bin"));
        writeFile(path, bytes);
        CodeEditor editor;
        const bunny::Result<void> result = editor.loadFile(path);
        QVERIFY(!result.ok());
        QVERIFY(QString::fromStdString(result.message()).contains(QStringLiteral("not UTF-8")));
        QVERIFY(editor.filePath().isEmpty());
    }

    void toggleCommentUsesTheLanguageAndTheBlockIndent_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QByteArray>("before");
        QTest::addColumn<QByteArray>("after");
        QTest::newRow("python") << "a.py" << QByteArray("    a = 1\n\n        b = 2\n")
                                << QByteArray("    # a = 1\n\n    #     b = 2\n");
        QTest::newRow("cpp") << "a.cpp" << QByteArray("int x;\nint y;\n")
                             << QByteArray("// int x;\n// int y;\n");
        QTest::newRow("uncommentPython") << "a.py" << QByteArray("  # x\n  #y\n") << QByteArray("  x\n  y\n");
        QTest::newRow("jsonHasNoLineComment") << "a.json" << QByteArray("{}\n") << QByteArray("{}\n");
    }

    void toggleCommentUsesTheLanguageAndTheBlockIndent()
    {
        QFETCH(QString, fileName);
        QFETCH(QByteArray, before);
        QFETCH(QByteArray, after);
        const QString path = m_dir.filePath(fileName);
        writeFile(path, before);
        CodeEditor editor;
        QVERIFY(editor.loadFile(path).ok());
        editor.selectAll();
        editor.toggleComment();
        QCOMPARE(editor.textBytes(), after);
        editor.undo(); // one step
        QCOMPARE(editor.textBytes(), before);
    }

    void ctrlDAddsTheNextOccurrenceAndTypingEditsAll()
    {
        const QString path = m_dir.filePath(QStringLiteral("occ.py"));
        writeFile(path, "foo = foo + foo\n");
        CodeEditor editor;
        QVERIFY(editor.loadFile(path).ok());
        editor.SendScintilla(QsciScintillaBase::SCI_GOTOPOS, 1);
        editor.addNextOccurrence(); // selects the word
        editor.addNextOccurrence();
        editor.addNextOccurrence();
        QCOMPARE(editor.SendScintilla(QsciScintillaBase::SCI_GETSELECTIONS), 3L);
        typeText(&editor, QStringLiteral("bär"));
        QCOMPARE(editor.textBytes(), QByteArray("bär = bär + bär\n"));
    }

    void scintillaKeysDoNotShadowTheWindowShortcuts()
    {
        CodeEditor editor;
        for (const QKeyCombination key :
             {Qt::CTRL | Qt::Key_D, Qt::CTRL | Qt::Key_L, Qt::CTRL | Qt::Key_Slash})
            QVERIFY(!editor.standardCommands()->boundTo(key.toCombined()));
    }

    void enterKeepsTheIndentation()
    {
        const QString path = m_dir.filePath(QStringLiteral("indent.py"));
        writeFile(path, "");
        CodeEditor editor;
        QVERIFY(editor.loadFile(path).ok());
        typeText(&editor, QStringLiteral("    x = 1\ny"));
        QCOMPARE(editor.textBytes(), QByteArray("    x = 1\n    y"));
    }

    void pasteIsAnnouncedBeforeItsText()
    {
        CodeEditor editor;
        QSignalSpy spy(&editor, &CodeEditor::aboutToPaste);
        QApplication::clipboard()->setText(QStringLiteral("pasted"));
        QTest::keyClick(&editor, Qt::Key_V, Qt::ControlModifier);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(editor.textBytes(), QByteArray("pasted"));
        QTest::keyClick(&editor, Qt::Key_Insert, Qt::ShiftModifier);
        QCOMPARE(spy.count(), 2);
    }

    void renamingChangesTheLexer()
    {
        const QString path = m_dir.filePath(QStringLiteral("x.txt"));
        writeFile(path, "fn main() {}\n");
        CodeEditor editor;
        QVERIFY(editor.loadFile(path).ok());
        QCOMPARE(editor.language(), QStringLiteral("text"));
        QVERIFY(!editor.lexer());
        editor.setFilePath(m_dir.filePath(QStringLiteral("x.rs")));
        QCOMPARE(editor.language(), QStringLiteral("rust"));
        QCOMPARE(QString::fromLatin1(editor.lexer()->language()), QStringLiteral("Rust"));
        QCOMPARE(editor.textBytes(), QByteArray("fn main() {}\n"));
    }

    void settingsAndDarkThemeApply()
    {
        const QString path = m_dir.filePath(QStringLiteral("theme.py"));
        writeFile(path, "x = 1\n");
        CodeEditor editor;
        QVERIFY(editor.loadFile(path).ok());
        bunny::app::EditorSettings settings;
        settings.tabWidth = 2;
        settings.fontSize = 15;
        settings.darkTheme = true;
        editor.applySettings(settings);
        QCOMPARE(editor.tabWidth(), 2);
        QVERIFY(editor.lexer()->defaultPaper().lightness() < 60);
        QVERIFY(editor.lexer()->color(1).lightness() > 120); // comments stay readable
        QCOMPARE(editor.lexer()->font(0).pointSize(), 15);
        settings.darkTheme = false;
        editor.applySettings(settings);
        QVERIFY(editor.lexer()->defaultPaper().lightness() > 200);
    }

    void completionOffersKeywordsApisAndWords()
    {
        const QString path = m_dir.filePath(QStringLiteral("complete.py"));
        writeFile(path, "counter_total = 1\n");
        CodeEditor editor;
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        QVERIFY(editor.loadFile(path).ok());
        editor.SendScintilla(QsciScintillaBase::SCI_DOCUMENTEND);
        typeText(&editor, QStringLiteral("isinst"));
        QVERIFY(editor.isListActive());
        QTest::keyClick(&editor, Qt::Key_Return);
        typeText(&editor, QStringLiteral(" coun"));
        QVERIFY(editor.isListActive());
        QTest::keyClick(&editor, Qt::Key_Return);
        QCOMPARE(editor.textBytes(), QByteArray("counter_total = 1\nisinstance counter_total"));
    }

    void zoomInOutAndReset()
    {
        CodeEditor editor;
        editor.zoomIn();
        editor.zoomIn();
        QCOMPARE(editor.SendScintilla(QsciScintillaBase::SCI_GETZOOM), 2L);
        editor.zoomOut();
        QCOMPARE(editor.SendScintilla(QsciScintillaBase::SCI_GETZOOM), 1L);
        editor.zoomTo(0);
        QCOMPARE(editor.SendScintilla(QsciScintillaBase::SCI_GETZOOM), 0L);
    }

    void settingsPersistWithQSettings()
    {
        bunny::app::EditorSettings settings;
        settings.fontSize = 17;
        settings.tabWidth = 3;
        settings.darkTheme = true;
        settings.recorderEnabled = false;
        settings.serverUrl = QStringLiteral("http://example.test:1");
        settings.save();
        const bunny::app::EditorSettings loaded = bunny::app::EditorSettings::load();
        QCOMPARE(loaded.fontSize, 17);
        QCOMPARE(loaded.tabWidth, 3);
        QCOMPARE(loaded.darkTheme, true);
        QCOMPARE(loaded.recorderEnabled, false);
        QCOMPARE(loaded.serverUrl, QStringLiteral("http://example.test:1"));
        bunny::app::EditorSettings().save();
    }
};

QTEST_MAIN(tst_CodeEditor)
#include "tst_codeeditor.moc"
