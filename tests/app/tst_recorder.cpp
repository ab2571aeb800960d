#include "projectfixture.h"

#include "editor/codeeditor.h"
#include "editor/editortabs.h"
#include "editor/findbar.h"
#include "project/filetree.h"
#include "recorder/recorder.h"
#include "recorder/sessionrecovery.h"
#include "ui/mainwindow.h"
#include "vcsui/vcspanel.h"

#include <recording/recording.h>

#include <QApplication>
#include <QClipboard>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTest>

using bunny::app::CodeEditor;
using bunny::app::MainWindow;
using namespace bunny::testing;

namespace {

bunny::rec::Recording loadRecording(MainWindow &window)
{
    const bunny::Result<void> flushed = window.recorder()->flush();
    if (!flushed)
        qFatal("flush failed: %s", flushed.message().c_str());
    auto recording = bunny::rec::Recording::load(window.recorder()->sessionPath().toStdString());
    if (!recording)
        qFatal("the recording does not load: %s", recording.message().c_str());
    return std::move(recording.value());
}

long textLength(CodeEditor *editor)
{
    return editor->SendScintilla(QsciScintillaBase::SCI_GETLENGTH);
}

// A byte position on a character boundary.
long randomPosition(CodeEditor *editor, QRandomGenerator &rng)
{
    const long p = long(rng.bounded(quint32(textLength(editor) + 1)));
    return editor->SendScintilla(QsciScintillaBase::SCI_POSITIONBEFORE,
                                 editor->SendScintilla(QsciScintillaBase::SCI_POSITIONAFTER, p));
}

QString randomText(QRandomGenerator &rng)
{
    static const QStringList pieces = {QStringLiteral("a"),   QStringLiteral("x"),  QStringLiteral(" "),
                                       QStringLiteral("é"),   QStringLiteral("中"), QStringLiteral("😀"),
                                       QStringLiteral("("),   QStringLiteral(")"),  QStringLiteral("{"),
                                       QStringLiteral("}"),   QStringLiteral(":"),  QStringLiteral("if"),
                                       QStringLiteral("ret"), QStringLiteral("\t")};
    QString text;
    const int n = 1 + int(rng.bounded(6));
    for (int i = 0; i < n; ++i)
        text += pieces.at(int(rng.bounded(quint32(pieces.size()))));
    return text;
}

} // namespace

class tst_Recorder : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir *m_dir = nullptr;
    QString m_root;

    // Replays the recording and compares it with every file on disk and every open buffer.
    void verifyReplayMatchesFiles(MainWindow &window, const char *when)
    {
        QVERIFY2(window.tabs()->saveAll(), when);
        const bunny::rec::Recording recording = loadRecording(window);
        QVERIFY2(recording.warnings().empty(), when);
        const bunny::rec::Document document = recording.stateAfter(recording.events().size());
        std::map<std::string, std::string> expected;
        for (const auto &[path, bytes] : filesOnDisk(m_root)) {
            if (!isPrivate(path))
                expected[path] = bytes;
        }
        if (document.files() != expected) {
            for (const auto &[path, bytes] : expected) {
                const std::string *replayed = document.text(path);
                if (!replayed)
                    qWarning("%s: %s is missing from the recording", when, path.c_str());
                else if (*replayed != bytes)
                    qWarning("%s: %s differs:\n--- disk\n%s\n--- replay\n%s", when, path.c_str(),
                             bytes.c_str(), replayed->c_str());
            }
            for (const auto &[path, bytes] : document.files()) {
                if (!expected.count(path))
                    qWarning("%s: %s is in the recording only", when, path.c_str());
            }
        }
        QVERIFY2(document.files() == expected, when);
        for (CodeEditor *editor : window.tabs()->editors()) {
            const std::string rel = QDir(m_root).relativeFilePath(editor->filePath()).toStdString();
            if (const std::string *replayed = document.text(rel))
                QCOMPARE(QByteArray::fromStdString(*replayed), editor->textBytes());
        }
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_dir = new QTemporaryDir;
        QVERIFY(m_dir->isValid());
        m_root = m_dir->path();
        makeSampleProject(m_root);
    }

    void cleanup()
    {
        delete m_dir;
        m_dir = nullptr;
    }

    void startKeyframesEveryTextFileAndNothingPrivate()
    {
        MainWindow window;
        QVERIFY(window.openPath(m_root));
        QVERIFY(window.recorder()->isRecording());
        QVERIFY(window.recorder()->sessionPath().startsWith(m_root + QStringLiteral("/.bunny/recordings/")));
        QVERIFY(window.recorder()->sessionPath().endsWith(QStringLiteral(".bunnyrec")));
        QCOMPARE(window.recIndicatorText(), QStringLiteral("● REC"));

        const bunny::rec::Recording recording = loadRecording(window);
        std::vector<std::string> keyframed;
        for (const bunny::rec::Event &event : recording.events()) {
            QVERIFY2(!isPrivate(event.path), event.path.c_str());
            if (event.code == bunny::rec::Code::Keyframe) {
                QCOMPARE(event.t, std::int64_t(0));
                keyframed.push_back(event.path);
            }
        }
        const std::vector<std::string> expected = {".gitignore", "main.py", "notes.md", "src/app.js"};
        QCOMPARE(keyframed, expected);
        QCOMPARE(recording.header().title, QFileInfo(m_root).fileName().toStdString());
        QVERIFY(readFile(m_root + QStringLiteral("/.git/info/exclude")).contains(".bunny/\n"));
    }

    void excludeEntryIsAddedOnlyOnce()
    {
        {
            MainWindow window;
            QVERIFY(window.openPath(m_root));
        }
        MainWindow window;
        QVERIFY(window.openPath(m_root));
        QCOMPARE(readFile(m_root + QStringLiteral("/.git/info/exclude")).count(".bunny/\n"), 1);
    }

    void randomEditScriptsReplayToTheSavedBytes_data()
    {
        QTest::addColumn<quint32>("seed");
        QTest::newRow("seed1") << 1u;
        QTest::newRow("seed7") << 7u;
        QTest::newRow("seed42") << 42u;
        QTest::newRow("seed2026") << 2026u;
    }

    void randomEditScriptsReplayToTheSavedBytes()
    {
        QFETCH(quint32, seed);
        QRandomGenerator rng(seed);
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.openPath(m_root));
        window.tabs()->openFile(m_root + QStringLiteral("/src/app.js"));
        window.tabs()->openFile(m_root + QStringLiteral("/main.py"));
        int created = 0;

        for (int step = 0; step < 140; ++step) {
            CodeEditor *editor = window.editor();
            QVERIFY(editor);
            const quint32 op = rng.bounded(20u);
            switch (op) {
            case 0:
            case 1:
            case 2: // typing, with Scintilla's auto-close off and auto-indent on
                editor->SendScintilla(QsciScintillaBase::SCI_GOTOPOS, randomPosition(editor, rng));
                typeText(editor, randomText(rng));
                break;
            case 3: // Enter: auto-indent inserts the indentation too
                QTest::keyClick(editor, Qt::Key_Return);
                break;
            case 4: { // select and delete with Backspace or Delete
                const long a = randomPosition(editor, rng), b = randomPosition(editor, rng);
                editor->SendScintilla(QsciScintillaBase::SCI_SETSEL, a, b);
                QTest::keyClick(editor, rng.bounded(2u) ? Qt::Key_Backspace : Qt::Key_Delete);
                break;
            }
            case 5: { // cut then paste elsewhere
                const long a = randomPosition(editor, rng), b = randomPosition(editor, rng);
                editor->SendScintilla(QsciScintillaBase::SCI_SETSEL, a, b);
                QTest::keyClick(editor, Qt::Key_X, Qt::ControlModifier);
                editor->SendScintilla(QsciScintillaBase::SCI_GOTOPOS, randomPosition(editor, rng));
                QTest::keyClick(editor, Qt::Key_V, Qt::ControlModifier);
                break;
            }
            case 6: // paste what the clipboard holds
                QApplication::clipboard()->setText(QStringLiteral("pasté 中\n  line"));
                editor->SendScintilla(QsciScintillaBase::SCI_GOTOPOS, randomPosition(editor, rng));
                QTest::keyClick(editor, Qt::Key_V, Qt::ControlModifier);
                break;
            case 7:
            case 8: { // undo, redo
                const int n = 1 + int(rng.bounded(4u));
                for (int i = 0; i < n; ++i)
                    QTest::keyClick(editor, Qt::Key_Z, Qt::ControlModifier);
                if (rng.bounded(2u))
                    QTest::keyClick(editor, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
                if (rng.bounded(2u))
                    QTest::keyClick(editor, Qt::Key_Y, Qt::ControlModifier);
                break;
            }
            case 9: { // replace all with a regular expression
                bunny::app::FindBar *bar = window.findBar();
                bar->setRegex(true);
                bar->setCaseSensitive(true);
                bar->setPattern(rng.bounded(2u) ? QStringLiteral("[aé]+") : QStringLiteral("(\\w)x"));
                bar->setReplacement(rng.bounded(2u) ? QStringLiteral("ü") : QStringLiteral("<\\1>"));
                bar->replaceAll();
                break;
            }
            case 10: { // several carets typing at once
                editor->SendScintilla(QsciScintillaBase::SCI_SETSELECTION, randomPosition(editor, rng),
                                      randomPosition(editor, rng));
                for (int i = 0; i < 2; ++i) {
                    const long p = randomPosition(editor, rng);
                    editor->SendScintilla(QsciScintillaBase::SCI_ADDSELECTION, p, p);
                }
                typeText(editor, QStringLiteral("m中"));
                QTest::keyClick(editor, Qt::Key_Backspace);
                editor->SendScintilla(QsciScintillaBase::SCI_CLEARSELECTIONS);
                break;
            }
            case 11: // comment toggle over a random range
                editor->SendScintilla(QsciScintillaBase::SCI_SETSEL, randomPosition(editor, rng),
                                      randomPosition(editor, rng));
                editor->toggleComment();
                break;
            case 12: // Ctrl+D twice then type over every occurrence
                editor->SendScintilla(QsciScintillaBase::SCI_GOTOPOS, randomPosition(editor, rng));
                editor->addNextOccurrence();
                editor->addNextOccurrence();
                typeText(editor, QStringLiteral("zz"));
                editor->SendScintilla(QsciScintillaBase::SCI_CLEARSELECTIONS);
                break;
            case 13: { // switch to another open file
                const int count = window.tabs()->count();
                window.tabs()->setCurrentIndex(int(rng.bounded(quint32(count))));
                break;
            }
            case 14: { // a new file from the tree, opened
                const QString path = m_root + QStringLiteral("/new/file%1.py").arg(++created);
                QVERIFY(window.tree()->createFile(path).ok());
                QVERIFY(window.tabs()->openFile(path));
                typeText(window.editor(), QStringLiteral("print('é')"));
                break;
            }
            case 15: { // rename the current file in the tree
                const QString from = editor->filePath();
                const QString to = QFileInfo(from).absolutePath() + QStringLiteral("/r%1_").arg(step) +
                                   QFileInfo(from).fileName();
                QVERIFY(window.tree()->renamePath(from, to).ok());
                QCOMPARE(editor->filePath(), to);
                typeText(editor, QStringLiteral("#"));
                break;
            }
            case 16: // delete a file that is not open, or a whole new folder
                if (created > 0 && QFileInfo::exists(m_root + QStringLiteral("/new")) && rng.bounded(2u)) {
                    QVERIFY(window.tree()->removePath(m_root + QStringLiteral("/new")).ok());
                } else if (QFileInfo::exists(m_root + QStringLiteral("/notes.md"))) {
                    QVERIFY(window.tree()->removePath(m_root + QStringLiteral("/notes.md")).ok());
                }
                if (window.tabs()->count() == 0)
                    QVERIFY(
                        window.tabs()->openFile(window.tree()->rootPath() + QStringLiteral("/.gitignore")));
                break;
            case 17: { // another program rewrites the (saved) file: reload from disk
                QVERIFY(window.tabs()->saveCurrent());
                writeFile(editor->filePath(), "rewritten ☕ outside\n" + editor->textBytes().left(40));
                window.tabs()->checkExternalChange(editor->filePath());
                break;
            }
            case 18: // save, and check the invariant
                QVERIFY(window.tabs()->saveCurrent());
                verifyReplayMatchesFiles(window, "after a save");
                if (QTest::currentTestFailed())
                    return;
                break;
            default: // caret moves and selections
                editor->SendScintilla(QsciScintillaBase::SCI_SETSEL, randomPosition(editor, rng),
                                      randomPosition(editor, rng));
                break;
            }
            if (QTest::currentTestFailed()) {
                qWarning("failed at step %d (op %u)", step, op);
                return;
            }
        }
        verifyReplayMatchesFiles(window, "at the end");

        // The script exercised the paths the invariant is about.
        const bunny::rec::Recording recording = loadRecording(window);
        QSet<char> codes;
        bool pasteMarker = false;
        for (const bunny::rec::Event &event : recording.events()) {
            codes.insert(char(event.code));
            pasteMarker = pasteMarker || (event.code == bunny::rec::Code::Marker && event.arg == "paste");
        }
        for (const char code : {'k', 'i', 'd', 's', 'f'})
            QVERIFY2(codes.contains(code), QByteArray(1, code).constData());
        QVERIFY(pasteMarker);
    }

    void aFileChangedOnDiskWhileClosedIsKeyframedWhenOpened()
    {
        MainWindow window;
        QVERIFY(window.openPath(m_root));
        const QString app = m_root + QStringLiteral("/src/app.js");
        writeFile(app, "// rewritten elsewhere, é\nconst x = 1;\n");
        CodeEditor *editor = window.tabs()->openFile(app);
        QVERIFY(editor);
        editor->SendScintilla(QsciScintillaBase::SCI_DOCUMENTEND);
        typeText(editor, QStringLiteral("x + 中;"));
        verifyReplayMatchesFiles(window, "after typing in a file changed while closed");
    }

    void unsavedEditsDiscardedOnCloseDoNotLeakIntoTheNextOpening()
    {
        MainWindow window;
        QVERIFY(window.openPath(m_root));
        const QString notes = m_root + QStringLiteral("/notes.md");
        CodeEditor *editor = window.tabs()->openFile(notes);
        QVERIFY(editor);
        typeText(editor, QStringLiteral("thrown away 😀 "));
        answerNextMessageBox(QMessageBox::Discard);
        QVERIFY(window.tabs()->closeTab(window.tabs()->indexOf(editor)));
        editor = window.tabs()->openFile(notes);
        QVERIFY(editor);
        QVERIFY(editor->textBytes().startsWith("# Notes"));
        editor->SendScintilla(QsciScintillaBase::SCI_DOCUMENTEND);
        typeText(editor, QStringLiteral("kept"));
        verifyReplayMatchesFiles(window, "after reopening a file closed without saving");
        // Reopening a file whose recorded text is unchanged adds no keyframe.
        QVERIFY(window.tabs()->closeTab(window.tabs()->indexOf(editor)));
        const std::size_t before = loadRecording(window).events().size();
        QVERIFY(window.tabs()->openFile(notes));
        const bunny::rec::Recording recording = loadRecording(window);
        for (std::size_t i = before; i < recording.events().size(); ++i)
            QVERIFY(recording.events()[i].code != bunny::rec::Code::Keyframe);
    }

    void aRestoreOrBranchSwitchOfFilesNotOpenIsRecorded()
    {
        MainWindow window;
        QVERIFY(window.openPath(m_root));
        // What a restore or branch switch does to files that are not open.
        writeFile(m_root + QStringLiteral("/src/app.js"), "function sub(a, b) {\n  return a - b;\n}\n");
        QFile::remove(m_root + QStringLiteral("/notes.md"));
        writeFile(m_root + QStringLiteral("/src/new.js"), "// from the other branch\n");
        Q_EMIT window.vcsPanel()->workingTreeChanged();
        verifyReplayMatchesFiles(window, "after the working tree changed");
        CodeEditor *editor = window.tabs()->openFile(m_root + QStringLiteral("/src/app.js"));
        QVERIFY(editor);
        typeText(editor, QStringLiteral("// ok\n"));
        verifyReplayMatchesFiles(window, "after typing in a file the branch switch changed");
    }

    void renamingAnIgnoredFolderToAVisibleNameRecordsItsFiles()
    {
        MainWindow window;
        QVERIFY(window.openPath(m_root));
        writeFile(m_root + QStringLiteral("/build/deep/more.txt"), "déjà\n");
        QVERIFY(window.tree()
                    ->renamePath(m_root + QStringLiteral("/build"), m_root + QStringLiteral("/out"))
                    .ok());
        verifyReplayMatchesFiles(window, "after renaming build/ to out/");
        const bunny::rec::Document document =
            loadRecording(window).stateAfter(loadRecording(window).events().size());
        QVERIFY(document.text("out/out.txt"));
        QVERIFY(document.text("out/deep/more.txt"));
    }

    void aSecretNewlyListedInBunnyignoreStopsBeingRecorded()
    {
        MainWindow window;
        QVERIFY(window.openPath(m_root));
        const QString ignorePath = m_root + QStringLiteral("/.bunnyignore");
        QVERIFY(window.tree()->createFile(ignorePath).ok());
        CodeEditor *ignore = window.tabs()->openFile(ignorePath);
        QVERIFY(ignore);
        typeText(ignore, QStringLiteral("notes.md\n"));
        QVERIFY(window.tabs()->saveCurrent());

        CodeEditor *notes = window.tabs()->openFile(m_root + QStringLiteral("/notes.md"));
        QVERIFY(notes);
        typeText(notes, QStringLiteral("API_KEY=hunter2"));
        QVERIFY(window.tabs()->saveCurrent());
        bunny::rec::Recording recording = loadRecording(window);
        // The file leaves the recording as a removal at the save; nothing typed later is kept.
        const auto &events = recording.events();
        std::size_t removal = events.size();
        for (std::size_t i = 0; i < events.size(); ++i) {
            const bunny::rec::Event event = events[i];
            QVERIFY(event.text.find("hunter2") == std::string::npos);
            if (removal < i)
                QVERIFY(event.path != "notes.md");
            else if (event.code == bunny::rec::Code::Remove && event.path == "notes.md")
                removal = i;
        }
        QVERIFY(removal < events.size());

        // Taken off the list again, it comes back with its text of now.
        ignore->selectAll();
        ignore->removeSelectedText();
        QVERIFY(window.tabs()->saveAll());
        window.tabs()->setCurrentWidget(notes);
        typeText(notes, QStringLiteral("\nvisible again"));
        QVERIFY(window.tabs()->saveAll());
        recording = loadRecording(window);
        QCOMPARE(*recording.stateAfter(recording.events().size()).text("notes.md"),
                 readFile(m_root + QStringLiteral("/notes.md")).toStdString());
    }

    void bunnyFolderStaysOutOfGitInAProjectInsideABiggerRepository()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("git")).isEmpty())
            QSKIP("git is not installed");
        QTemporaryDir repo;
        const QString project = repo.path() + QStringLiteral("/sub/project");
        writeFile(project + QStringLiteral("/main.py"), "print(1)\n");
        auto git = [&](const QStringList &args) {
            QProcess process;
            process.setWorkingDirectory(repo.path());
            process.start(QStringLiteral("git"), args);
            process.waitForFinished();
            return process.readAllStandardOutput();
        };
        git({QStringLiteral("init"), QStringLiteral("-q")});
        MainWindow window;
        QVERIFY(window.openPath(project));
        QVERIFY(window.recorder()->isRecording());
        QVERIFY(QFileInfo::exists(window.recorder()->sessionPath()));
        const QByteArray status = git({QStringLiteral("status"), QStringLiteral("--porcelain"),
                                       QStringLiteral("--untracked-files=all")});
        QVERIFY2(status.contains("sub/project/main.py"), status.constData());
        QVERIFY2(!status.contains(".bunny"), status.constData());
    }

    void runOutputIsCappedAndTheExitStatusIsRecordedInWords()
    {
        MainWindow window;
        QVERIFY(window.openPath(m_root));
        bunny::app::Recorder *recorder = window.recorder();
        recorder->runStarted(QStringLiteral("main.py"), m_root + QStringLiteral("/main.py"));
        const QString chunk = QString(600 * 1024, QLatin1Char('a')) + QStringLiteral("é");
        recorder->runOutput(QStringLiteral("stdout"), chunk);
        recorder->runOutput(QStringLiteral("stdout"), chunk);
        recorder->runOutput(QStringLiteral("stderr"), chunk);
        recorder->runFinished(139, 42, QStringLiteral("killed by signal 11 (SIGSEGV)"));
        const bunny::rec::Recording recording = loadRecording(window);
        qint64 recorded = 0;
        int capped = 0;
        std::string exitLabel;
        for (const bunny::rec::Event &event : recording.events()) {
            if (event.code == bunny::rec::Code::Output)
                recorded += qint64(event.text.size());
            if (event.code == bunny::rec::Code::Marker && event.arg == "output-capped")
                ++capped;
            if (event.code == bunny::rec::Code::Marker && event.arg == "exit")
                exitLabel = event.text;
        }
        QVERIFY(recorded <= bunny::app::Recorder::kMaxRunOutputBytes);
        QVERIFY(recorded > bunny::app::Recorder::kMaxRunOutputBytes - 4);
        QCOMPARE(capped, 1);
        QCOMPARE(exitLabel, std::string("killed by signal 11 (SIGSEGV) after 42 ms"));
        // A new run has its own budget.
        recorder->runStarted(QStringLiteral("main.py"), m_root + QStringLiteral("/main.py"));
        recorder->runOutput(QStringLiteral("stdout"), QStringLiteral("next run\n"));
        QCOMPARE(loadRecording(window).events().back().text, std::string("next run\n"));
    }

    void editsOfIgnoredFilesAreNeverRecorded()
    {
        MainWindow window;
        QVERIFY(window.openPath(m_root));
        CodeEditor *secret = window.tabs()->openFile(m_root + QStringLiteral("/.env"));
        QVERIFY(secret);
        typeText(secret, QStringLiteral("PASSWORD=hunter2"));
        QVERIFY(window.tabs()->saveCurrent());
        QVERIFY(window.tree()
                    ->renamePath(m_root + QStringLiteral("/main.py"), m_root + QStringLiteral("/server.pem"))
                    .ok());
        const bunny::rec::Recording recording = loadRecording(window);
        for (const bunny::rec::Event &event : recording.events()) {
            QVERIFY(event.path != ".env" && event.path != "server.pem");
            QVERIFY(event.text.find("hunter2") == std::string::npos);
        }
        // A file renamed to a secret's name leaves the recording as a removal.
        const bunny::rec::Event last = recording.events().back();
        QCOMPARE(char(last.code), 'x');
        QCOMPARE(last.path, std::string("main.py"));
    }

    void caretMovesAreCoalescedIntoFewSelectionEvents()
    {
        MainWindow window;
        QVERIFY(window.openPath(m_root));
        CodeEditor *editor = window.editor();
        QVERIFY(editor);
        const std::size_t before = loadRecording(window).events().size();
        for (int i = 0; i < 60; ++i)
            QTest::keyClick(editor, i % 2 ? Qt::Key_Right : Qt::Key_Down);
        const bunny::rec::Recording recording = loadRecording(window);
        QVERIFY(recording.events().size() - before <= 3);
        const bunny::rec::Event last = recording.events().back();
        QCOMPARE(char(last.code), 's');
        const long caret = editor->SendScintilla(QsciScintillaBase::SCI_GETCURRENTPOS);
        QCOMPARE(last.ranges, (std::vector<std::int64_t>{caret, caret}));
    }

    void turningTheRecorderOffIsRememberedForTheProject()
    {
        {
            MainWindow window;
            QVERIFY(window.openPath(m_root));
            window.setRecording(false);
            QVERIFY(!window.recorder()->isRecording());
            QCOMPARE(window.recIndicatorText(), QStringLiteral("REC off"));
        }
        MainWindow window;
        QVERIFY(window.openPath(m_root));
        QVERIFY(!window.recorder()->isRecording());
        window.setRecording(true);
        QVERIFY(window.recorder()->isRecording());
        // Switched on mid-session, the open file starts with a keyframe of its buffer.
        const bunny::rec::Recording recording = loadRecording(window);
        QVERIFY(recording.stateAfter(recording.events().size()).text("main.py"));
    }

    void anUnwritableRecordingsFolderWarnsAndEditingGoesOn()
    {
        // .bunny as a plain file: the recordings folder cannot be created (this works as root too).
        writeFile(m_root + QStringLiteral("/.bunny"), "not a folder");
        MainWindow window;
        QVERIFY(window.openPath(m_root));
        QVERIFY(!window.recorder()->isRecording());
        QCOMPARE(window.recIndicatorText(), QStringLiteral("⚠ REC"));
        CodeEditor *editor = window.editor();
        QVERIFY(editor);
        typeText(editor, QStringLiteral("still typing "));
        QVERIFY(window.tabs()->saveCurrent());
        QVERIFY(readFile(m_root + QStringLiteral("/main.py")).startsWith("still typing def greet"));
    }

    void aSessionCutShortIsOfferedOnTheNextStart()
    {
        QString session;
        {
            MainWindow window;
            QVERIFY(window.openPath(m_root));
            session = window.recorder()->sessionPath();
            typeText(window.editor(), QStringLiteral("typed before the crash"));
            QVERIFY(window.recorder()->flush().ok());
            // What a crash leaves: the lock, now naming a process that is gone.
            QProcess gone;
            gone.start(QStringLiteral("true"));
            QVERIFY(gone.waitForFinished());
            const qint64 deadPid = gone.processId();
            window.recorder()->stop();
            writeFile(bunny::app::sessionrecovery::lockPathFor(session), QByteArray::number(deadPid));
        }
        MainWindow window;
        QVERIFY(window.openPath(m_root));
        QCOMPARE(window.recoveredSessions(), QStringList{session});
        auto recovered = bunny::rec::Recording::load(session.toStdString());
        QVERIFY(recovered.ok());
        QVERIFY(recovered->stateAfter(recovered->events().size())
                    .text("main.py")
                    ->starts_with("typed before the crash"));
        window.keepRecoveredSessions();
        QVERIFY(QFileInfo::exists(session));
        QVERIFY(!QFileInfo::exists(bunny::app::sessionrecovery::lockPathFor(session)));
        QVERIFY(bunny::app::sessionrecovery::unfinishedSessions(m_root).isEmpty());
    }
};

QTEST_MAIN(tst_Recorder)
#include "tst_recorder.moc"
