#include "projectfixture.h"

#include "editor/codeeditor.h"
#include "editor/editortabs.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using bunny::app::CodeEditor;
using bunny::app::EditorTabs;
using namespace bunny::testing;

class tst_EditorTabs : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir *m_dir = nullptr;
    QString path(const char *name) const { return m_dir->filePath(QString::fromUtf8(name)); }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init()
    {
        m_dir = new QTemporaryDir;
        writeFile(path("a.py"), "a = 1\n");
        writeFile(path("b.py"), "b = 2\n");
    }
    void cleanup() { delete m_dir; }

    void openingTwiceShowsTheSameTab()
    {
        EditorTabs tabs;
        QSignalSpy opened(&tabs, &EditorTabs::editorOpened);
        CodeEditor *a = tabs.openFile(path("a.py"));
        tabs.openFile(path("b.py"));
        QCOMPARE(tabs.openFile(path("a.py")), a);
        QCOMPARE(tabs.count(), 2);
        QCOMPARE(opened.count(), 2);
        QCOMPARE(tabs.currentEditor(), a);
    }

    void anUnreadableFileOpensNoTab()
    {
        EditorTabs tabs;
        QSignalSpy errors(&tabs, &EditorTabs::errorOccurred);
        QVERIFY(!tabs.openFile(path("missing.py")));
        QCOMPARE(tabs.count(), 0);
        QCOMPARE(errors.count(), 1);
    }

    void aModifiedTabIsMarkedAndItsCloseAsks_data()
    {
        QTest::addColumn<int>("answer");
        QTest::addColumn<bool>("closed");
        QTest::addColumn<QByteArray>("onDisk");
        QTest::newRow("save") << int(QMessageBox::Save) << true << QByteArray("# x\na = 1\n");
        QTest::newRow("discard") << int(QMessageBox::Discard) << true << QByteArray("a = 1\n");
        QTest::newRow("cancel") << int(QMessageBox::Cancel) << false << QByteArray("a = 1\n");
    }

    void aModifiedTabIsMarkedAndItsCloseAsks()
    {
        QFETCH(int, answer);
        QFETCH(bool, closed);
        QFETCH(QByteArray, onDisk);
        EditorTabs tabs;
        CodeEditor *editor = tabs.openFile(path("a.py"));
        typeText(editor, QStringLiteral("# x\n"));
        QCOMPARE(tabs.tabText(0), QStringLiteral("a.py ●"));
        answerNextMessageBox(QMessageBox::StandardButton(answer));
        QCOMPARE(tabs.closeTab(0), closed);
        QCOMPARE(tabs.count(), closed ? 0 : 1);
        QCOMPARE(readFile(path("a.py")), onDisk);
    }

    void closeAllAsksOnceForEveryUnsavedFile()
    {
        EditorTabs tabs;
        typeText(tabs.openFile(path("a.py")), QStringLiteral("1"));
        typeText(tabs.openFile(path("b.py")), QStringLiteral("2"));
        answerNextMessageBox(QMessageBox::Cancel);
        QVERIFY(!tabs.closeAll());
        QCOMPARE(tabs.count(), 2);
        answerNextMessageBox(QMessageBox::SaveAll);
        QVERIFY(tabs.closeAll());
        QCOMPARE(tabs.count(), 0);
        QCOMPARE(readFile(path("a.py")), QByteArray("1a = 1\n"));
        QCOMPARE(readFile(path("b.py")), QByteArray("2b = 2\n"));
    }

    void anExternalChangeReloadsAnUnmodifiedBuffer()
    {
        EditorTabs tabs;
        CodeEditor *editor = tabs.openFile(path("a.py"));
        QSignalSpy loaded(editor, &CodeEditor::loaded);
        writeFile(path("a.py"), "changed = 'outside' # é\n");
        // The real QFileSystemWatcher notices it.
        QTRY_COMPARE(editor->textBytes(), QByteArray("changed = 'outside' # é\n"));
        QVERIFY(!editor->isModified());
        QCOMPARE(loaded.count(), 1);
        // It keeps watching after the change (an atomic replace makes inotify forget a file).
        writeFile(path("a.py"), "again\n");
        QTRY_COMPARE(editor->textBytes(), QByteArray("again\n"));
    }

    void anExternalChangeOfAModifiedBufferAsksFirst()
    {
        EditorTabs tabs;
        CodeEditor *editor = tabs.openFile(path("a.py"));
        typeText(editor, QStringLiteral("mine "));
        writeFile(path("a.py"), "theirs\n");
        answerNextMessageBox(QMessageBox::No);
        tabs.checkExternalChange(path("a.py"));
        QCOMPARE(editor->textBytes(), QByteArray("mine a = 1\n"));
        answerNextMessageBox(QMessageBox::Yes);
        tabs.checkExternalChange(path("a.py"));
        QCOMPARE(editor->textBytes(), QByteArray("theirs\n"));
        QVERIFY(!editor->isModified());
    }

    void ownSavesAreNotTakenForExternalChanges()
    {
        EditorTabs tabs;
        CodeEditor *editor = tabs.openFile(path("a.py"));
        QSignalSpy loaded(editor, &CodeEditor::loaded);
        typeText(editor, QStringLiteral("x"));
        QVERIFY(tabs.saveCurrent());
        tabs.checkExternalChange(path("a.py"));
        QTest::qWait(100);
        QCOMPARE(loaded.count(), 0);
        QCOMPARE(editor->textBytes(), QByteArray("xa = 1\n"));
    }

    void renamesAndRemovalsFollowTheTree()
    {
        EditorTabs tabs;
        QDir().mkpath(path("pkg"));
        writeFile(path("pkg/c.py"), "c\n");
        CodeEditor *c = tabs.openFile(path("pkg/c.py"));
        CodeEditor *a = tabs.openFile(path("a.py"));
        QVERIFY(QDir().rename(path("pkg"), path("lib")));
        tabs.pathRenamed(path("pkg"), path("lib"));
        QCOMPARE(c->filePath(), path("lib/c.py"));
        tabs.pathRenamed(path("a.py"), path("a.rs"));
        QCOMPARE(a->language(), QStringLiteral("rust"));
        QCOMPARE(tabs.tabText(tabs.indexOf(a)), QStringLiteral("a.rs"));
        tabs.pathRemoved(path("lib"));
        QCOMPARE(tabs.count(), 1);
        QCOMPARE(tabs.currentEditor(), a);
    }
};

QTEST_MAIN(tst_EditorTabs)
#include "tst_editortabs.moc"
