// Drives the window's key bindings with real key events on the real widgets: what a VS Code
// user presses must do what VS Code does, and never silently change text.

#include "projectfixture.h"

#include "editor/codeeditor.h"
#include "editor/editortabs.h"
#include "editor/findbar.h"
#include "project/filetree.h"
#include "run/runconsole.h"
#include "ui/mainwindow.h"

#include <QInputDialog>
#include <QLineEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using bunny::app::CodeEditor;
using bunny::app::MainWindow;
using namespace bunny::testing;

namespace {

/// Types `text` into the next QInputDialog that opens and accepts it.
void answerNextInputDialog(const QString &text)
{
    auto *timer = new QTimer(qApp);
    timer->setInterval(10);
    QObject::connect(timer, &QTimer::timeout, qApp, [timer, text] {
        auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        timer->stop();
        timer->deleteLater();
        dialog->setTextValue(text);
        dialog->accept();
    });
    timer->start();
}

QList<QPair<long, long>> selections(CodeEditor *editor)
{
    QList<QPair<long, long>> ranges;
    const long count = editor->SendScintilla(QsciScintillaBase::SCI_GETSELECTIONS);
    for (long i = 0; i < count; ++i)
        ranges.append({editor->SendScintilla(QsciScintillaBase::SCI_GETSELECTIONNSTART, i),
                       editor->SendScintilla(QsciScintillaBase::SCI_GETSELECTIONNEND, i)});
    std::sort(ranges.begin(), ranges.end());
    return ranges;
}

} // namespace

class tst_Shortcuts : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir *m_dir = nullptr;
    QString m_root;
    MainWindow *m_window = nullptr;

    CodeEditor *openWith(const QByteArray &text)
    {
        writeFile(m_root + QStringLiteral("/main.py"), text);
        m_window = new MainWindow;
        m_window->show();
        if (!QTest::qWaitForWindowActive(m_window) || !m_window->openPath(m_root))
            return nullptr;
        CodeEditor *editor = m_window->editor();
        editor->setFocus();
        return editor;
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_dir = new QTemporaryDir;
        QVERIFY(m_dir->isValid());
        m_root = m_dir->path();
    }

    void cleanup()
    {
        delete m_window;
        m_window = nullptr;
        delete m_dir;
        m_dir = nullptr;
    }

    void ctrlShiftLSelectsEveryOccurrenceAndDeletesNothing()
    {
        CodeEditor *editor = openWith("foo = 1\nbar = foo\nfoo()\n");
        QVERIFY(editor);
        QTest::keyClick(editor, Qt::Key_L, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(editor->textBytes(), QByteArray("foo = 1\nbar = foo\nfoo()\n"));
        const QList<QPair<long, long>> expected = {{0, 3}, {14, 17}, {18, 21}};
        QCOMPARE(selections(editor), expected);
        typeText(editor, QStringLiteral("baz"));
        QCOMPARE(editor->textBytes(), QByteArray("baz = 1\nbar = baz\nbaz()\n"));
    }

    void ctrlUAndCtrlTLeaveTheTextAlone_data()
    {
        QTest::addColumn<int>("key");
        QTest::newRow("ctrlU") << int(Qt::Key_U);
        QTest::newRow("ctrlT") << int(Qt::Key_T);
    }

    void ctrlUAndCtrlTLeaveTheTextAlone()
    {
        QFETCH(int, key);
        CodeEditor *editor = openWith("First Line\nSecond Line\n");
        QVERIFY(editor);
        editor->setCursorPosition(1, 3);
        editor->selectAll();
        QTest::keyClick(editor, Qt::Key(key), Qt::ControlModifier);
        QCOMPARE(editor->textBytes(), QByteArray("First Line\nSecond Line\n"));
    }

    void ctrlAltUpAndDownAddCarets()
    {
        CodeEditor *editor = openWith("aaaa\nbbbb\ncccc\ndddd\n");
        QVERIFY(editor);
        editor->setCursorPosition(1, 2);
        QTest::keyClick(editor, Qt::Key_Down, Qt::ControlModifier | Qt::AltModifier);
        QTest::keyClick(editor, Qt::Key_Up, Qt::ControlModifier | Qt::AltModifier);
        QCOMPARE(editor->SendScintilla(QsciScintillaBase::SCI_GETSELECTIONS), 3L);
        typeText(editor, QStringLiteral("|"));
        QCOMPARE(editor->textBytes(), QByteArray("aa|aa\nbb|bb\ncc|cc\ndddd\n"));
    }

    void escClosesTheFindBar()
    {
        CodeEditor *editor = openWith("find me\n");
        QVERIFY(editor);
        QTest::keyClick(editor, Qt::Key_F, Qt::ControlModifier);
        auto *bar = m_window->findChild<bunny::app::FindBar *>();
        QVERIFY(bar);
        QVERIFY(bar->isVisible());
        auto *field = bar->findChild<QLineEdit *>();
        QVERIFY(field->hasFocus());
        QTest::keyClick(field, Qt::Key_Escape);
        QVERIFY(!bar->isVisible());
        QVERIFY(editor->hasFocus());
    }

    void f2RenamesAndDelDeletesInTheTree()
    {
        QVERIFY(openWith("print(1)\n"));
        writeFile(m_root + QStringLiteral("/old.txt"), "text\n");
        bunny::app::FileTree *tree = m_window->tree();
        QTRY_VERIFY(tree->indexOfPath(m_root + QStringLiteral("/old.txt")).isValid());
        tree->selectPath(m_root + QStringLiteral("/old.txt"));
        tree->setFocus();
        QSignalSpy renamed(tree, &bunny::app::FileTree::pathRenamed);
        answerNextInputDialog(QStringLiteral("new.txt"));
        QTest::keyClick(tree, Qt::Key_F2);
        QCOMPARE(renamed.count(), 1);
        QVERIFY(QFileInfo::exists(m_root + QStringLiteral("/new.txt")));

        QTRY_VERIFY(tree->indexOfPath(m_root + QStringLiteral("/new.txt")).isValid());
        tree->selectPath(m_root + QStringLiteral("/new.txt"));
        tree->setFocus();
        QSignalSpy removed(tree, &bunny::app::FileTree::pathRemoved);
        answerNextMessageBox(QMessageBox::Yes);
        QTest::keyClick(tree, Qt::Key_Delete);
        QCOMPARE(removed.count(), 1);
        QVERIFY(!QFileInfo::exists(m_root + QStringLiteral("/new.txt")));
    }

    void ctrlGGoesToTheLineTyped()
    {
        CodeEditor *editor = openWith("one\ntwo\nthree\nfour\n");
        QVERIFY(editor);
        auto *timer = new QTimer(m_window);
        timer->setInterval(10);
        connect(timer, &QTimer::timeout, m_window, [timer] {
            auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            timer->stop();
            dialog->setIntValue(3);
            dialog->accept();
        });
        timer->start();
        QTest::keyClick(editor, Qt::Key_G, Qt::ControlModifier);
        int line = -1, index = -1;
        editor->getCursorPosition(&line, &index);
        QCOMPARE(line, 2);
        QCOMPARE(index, 0);
    }

    void ctrlDInTheOutputInputLineIsEndOfInputNotAddNextOccurrence()
    {
        CodeEditor *editor = openWith("import sys\nprint(len(sys.stdin.read()))\n");
        QVERIFY(editor);
        QSignalSpy finished(m_window->console(), &bunny::app::RunConsole::finished);
        QTest::keyClick(editor, Qt::Key_F5);
        auto *input = m_window->console()->findChild<QLineEdit *>();
        QVERIFY(input);
        QTRY_VERIFY(input->isVisible());
        input->setFocus();
        QTest::keyClick(input, Qt::Key_D, Qt::ControlModifier);
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.first().at(0).toInt(), 0);
        QCOMPARE(editor->SendScintilla(QsciScintillaBase::SCI_GETSELECTIONS), 1L);
    }
};

QTEST_MAIN(tst_Shortcuts)
#include "tst_shortcuts.moc"
