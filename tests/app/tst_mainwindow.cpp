#include "projectfixture.h"

#include "editor/codeeditor.h"
#include "editor/editortabs.h"
#include "project/filetree.h"
#include "project/recentprojects.h"
#include "recorder/recorder.h"
#include "run/runconsole.h"
#include "ui/mainwindow.h"

#include <Qsci/qscilexer.h>

#include <QDockWidget>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using bunny::app::MainWindow;
using namespace bunny::testing;

class tst_MainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void openingAFileOpensItsFolderWithTheFileFocused()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        writeFile(dir.filePath(QStringLiteral("b.py")), "first\nsecond\n");
        writeFile(dir.filePath(QStringLiteral("main.py")), "print('é 中')\n");
        MainWindow window;
        QVERIFY(window.openPath(dir.filePath(QStringLiteral("b.py"))));
        QCOMPARE(window.projectPath(), dir.path());
        QCOMPARE(window.currentFile(), dir.filePath(QStringLiteral("b.py")));
        QCOMPARE(window.editor()->SendScintilla(QsciScintillaBase::SCI_GETCURRENTPOS), 0L);
        QCOMPARE(window.editor()->textBytes(), QByteArray("first\nsecond\n"));
    }

    void openingAFolderShowsItsEntryFile()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath(QStringLiteral("util.py")), "x\n");
        writeFile(dir.filePath(QStringLiteral("main.py")), "print('é 中')\n");
        MainWindow window;
        QVERIFY(window.openPath(dir.path()));
        QCOMPARE(window.currentFile(), dir.filePath(QStringLiteral("main.py")));
        QVERIFY(window.windowTitle().startsWith(QFileInfo(dir.path()).fileName()));
    }

    void aMissingPathIsRefused()
    {
        MainWindow window;
        QVERIFY(!window.openPath(QStringLiteral("/nonexistent/bunny/project")));
        QVERIFY(window.projectPath().isEmpty());
    }

    void recentProjectsAreRememberedNewestFirst()
    {
        bunny::app::recentprojects::clear();
        QTemporaryDir a, b;
        MainWindow window;
        QVERIFY(window.openPath(a.path()));
        QVERIFY(window.openPath(b.path()));
        QVERIFY(window.openPath(a.path()));
        QCOMPARE(bunny::app::recentprojects::list(), (QStringList{a.path(), b.path()}));
        QCOMPARE(bunny::app::recentprojects::last(), a.path());
        for (int i = 0; i < 15; ++i)
            bunny::app::recentprojects::add(QStringLiteral("/gone/%1").arg(i));
        QCOMPARE(bunny::app::recentprojects::list().size(), bunny::app::recentprojects::kMaxRecent);
        QVERIFY(bunny::app::recentprojects::last().isEmpty()); // none of them exists
    }

    void statusBarShowsPositionLanguageAndRec()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath(QStringLiteral("main.go")), "package main\n\nfunc main() {}\n");
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openPath(dir.filePath(QStringLiteral("main.go"))));
        QCOMPARE(window.statusPosition(), QStringLiteral("Ln 1, Col 1"));
        QCOMPARE(window.statusLanguage(), QStringLiteral("Go"));
        QCOMPARE(window.recIndicatorText(), QStringLiteral("● REC"));
        // The caret is reported when Scintilla updates the view.
        window.goToLine(3);
        QTRY_COMPARE(window.statusPosition(), QStringLiteral("Ln 3, Col 1"));
        window.goToLine(99); // clamped to the last line
        QTRY_COMPARE(window.statusPosition(), QStringLiteral("Ln 4, Col 1"));
        typeText(window.editor(), QStringLiteral("中é"));
        QTRY_COMPARE(window.statusPosition(), QStringLiteral("Ln 4, Col 3"));
    }

    void theEditorGetsMostOfTheWidthAndTheLayoutIsKept()
    {
        QSettings().remove(QStringLiteral("window"));
        QTemporaryDir dir;
        writeFile(dir.filePath(QStringLiteral("main.py")), "print(1)\n");
        auto sideDocks = [](MainWindow &w) {
            QList<QDockWidget *> docks;
            for (auto *dock : w.findChildren<QDockWidget *>())
                if (dock->isVisible() && w.dockWidgetArea(dock) != Qt::BottomDockWidgetArea)
                    docks << dock;
            return docks;
        };
        int resized = 0;
        {
            MainWindow window;
            QVERIFY(window.openPath(dir.path()));
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            const auto docks = sideDocks(window);
            QVERIFY(docks.size() >= 2); // the project tree and the version panel
            for (auto *dock : docks)
                QVERIFY2(window.centralWidget()->width() > 2 * dock->width(),
                         qPrintable(QStringLiteral("%1 is %2 px beside an editor of %3 px")
                                        .arg(dock->objectName())
                                        .arg(dock->width())
                                        .arg(window.centralWidget()->width())));
            // The user widens the version panel; closing keeps that for the next start.
            QDockWidget *right = docks.last();
            window.resizeDocks({right}, {right->width() + 150}, Qt::Horizontal);
            QTest::qWait(50);
            resized = right->width();
            QVERIFY(window.close());
        }
        MainWindow again;
        QVERIFY(again.openPath(dir.path()));
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        QVERIFY(qAbs(sideDocks(again).last()->width() - resized) <= 4);
    }

    void theFileMenuKeepsEachKindOfEntryInItsGroup()
    {
        MainWindow window;
        QMenu *file = window.menuBar()->actions().first()->menu();
        QVERIFY(file);
        QStringList entries;
        for (QAction *a : file->actions())
            entries << (a->isSeparator() ? QStringLiteral("|") : a->text());
        const QString menu =
            entries.join(QLatin1Char(' ')).replace(QStringLiteral("| |"), QStringLiteral("|"));
        // New, then the ways to open local work, then the server, then saving.
        QVERIFY2(menu.startsWith(
                     QStringLiteral("New File… New Folder… | Open File… Open Folder… Open Recent "
                                    "Open Recording… Open Recent Recording | Explore Server… | Save ")),
                 qPrintable(menu));
    }

    void theTreeHidesGitAndBunnyFolders()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath(QStringLiteral("main.py")), "x\n");
        writeFile(dir.filePath(QStringLiteral(".git/HEAD")), "ref\n");
        MainWindow window;
        QVERIFY(window.openPath(dir.path()));
        QVERIFY(QFileInfo(dir.filePath(QStringLiteral(".bunny"))).isDir());
        bunny::app::FileTree *tree = window.tree();
        QTRY_COMPARE(tree->model()->rowCount(tree->rootIndex()), 1);
        QCOMPARE(tree->model()->index(0, 0, tree->rootIndex()).data().toString(), QStringLiteral("main.py"));
    }

    void closingWithUnsavedChangesCanBeCancelled()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath(QStringLiteral("main.py")), "x\n");
        MainWindow window;
        window.show();
        QVERIFY(window.openPath(dir.path()));
        typeText(window.editor(), QStringLiteral("y"));
        answerNextMessageBox(QMessageBox::Cancel);
        QVERIFY(!window.close());
        QVERIFY(window.isVisible());
        answerNextMessageBox(QMessageBox::Discard);
        QVERIFY(window.close());
        QCOMPARE(readFile(dir.filePath(QStringLiteral("main.py"))), QByteArray("x\n"));
    }

    void aRunIsRecordedWithItsOutput()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath(QStringLiteral("main.py")),
                  "import sys\nprint('out é')\nprint('err', file=sys.stderr)\n");
        MainWindow window;
        QVERIFY(window.openPath(dir.path()));
        QSignalSpy finished(window.console(), &bunny::app::RunConsole::finished);
        window.runCurrentFile();
        QVERIFY(finished.wait(30000));
        QVERIFY(window.recorder()->flush().ok());
        auto recording = bunny::rec::Recording::load(window.recorder()->sessionPath().toStdString());
        QVERIFY(recording.ok());
        bool marker = false;
        std::string out, err;
        for (const bunny::rec::Event &event : recording->events()) {
            if (event.code == bunny::rec::Code::Marker && event.arg == "run") {
                marker = true;
                QCOMPARE(event.text, std::string("main.py"));
                QCOMPARE(event.path, std::string("main.py"));
            }
            if (event.code == bunny::rec::Code::Output)
                (event.arg == "stdout" ? out : err) += event.text;
        }
        QVERIFY(marker);
        QCOMPARE(out, std::string("out é\n"));
        QCOMPARE(err, std::string("err\n"));
    }

    void darkThemeAppliesToOpenEditors()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath(QStringLiteral("main.py")), "x\n");
        MainWindow window;
        QVERIFY(window.openPath(dir.path()));
        bunny::app::EditorSettings settings = bunny::app::EditorSettings::load();
        settings.darkTheme = true;
        window.applySettings(settings);
        QVERIFY(window.editor()->lexer()->defaultPaper().lightness() < 60);
        settings.darkTheme = false;
        window.applySettings(settings);
        QVERIFY(window.editor()->lexer()->defaultPaper().lightness() > 200);
    }
};

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
