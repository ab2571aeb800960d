#include "player/authorcaret.h"
#include "player/outputpanel.h"
#include "player/playereditors.h"
#include "player/playerlaunch.h"
#include "player/playermodel.h"
#include "player/playerwindow.h"
#include "player/timelinewidget.h"
#include "recordingfactory.h"

#include <recording/recording.h>

#include <Qsci/qsciscintilla.h>

#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMimeData>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using bunny::app::PlayerEditors;
using bunny::app::PlayerModel;
using bunny::app::PlayerWindow;
using namespace bunny::testing;

namespace {

QByteArray editorBytes(QsciScintilla *editor)
{
    const auto length = editor->SendScintilla(QsciScintillaBase::SCI_GETLENGTH);
    const auto *data =
        reinterpret_cast<const char *>(editor->SendScintilla(QsciScintillaBase::SCI_GETCHARACTERPOINTER));
    return QByteArray(data, length);
}

/// Every editor shows exactly the model's files, and the focused file is the current tab.
bool editorsMatchModel(PlayerWindow &window, QString *why)
{
    const auto &files = window.model()->document().files();
    if (std::size_t(window.editors()->count()) != files.size()) {
        *why = QStringLiteral("%1 tabs for %2 files").arg(window.editors()->count()).arg(files.size());
        return false;
    }
    for (const auto &[path, text] : files) {
        QsciScintilla *editor = window.editors()->editorFor(QString::fromStdString(path));
        if (!editor || editorBytes(editor) != QByteArray::fromStdString(text)) {
            *why = QStringLiteral("%1 differs at event %2")
                       .arg(QString::fromStdString(path))
                       .arg(window.model()->appliedCount());
            return false;
        }
    }
    const QString focus = QString::fromStdString(window.model()->document().focus());
    if (window.model()->document().text(focus.toStdString()) && window.editors()->currentPath() != focus) {
        *why = QStringLiteral("tab %1, focus %2").arg(window.editors()->currentPath(), focus);
        return false;
    }
    return true;
}

} // namespace

class tst_PlayerWindow : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("session.bunnyrec"));
        QVERIFY(
            writeFile(m_path, serializeRecording(generateRecording(5, 900, "2026-11-29T05:00:00Z", 300))));
    }

    void playingShowsEveryFileAsTheModelHasIt()
    {
        PlayerWindow window;
        QVERIFY(window.openRecording(m_path));
        window.show();
        QString why;
        QVERIFY2(editorsMatchModel(window, &why), qPrintable(why));
        window.model()->setSpeed(16);
        window.model()->play();
        // Check along the way too: incremental ops must keep the widgets exact.
        while (window.model()->isPlaying()) {
            QTest::qWait(50);
            QVERIFY2(editorsMatchModel(window, &why), qPrintable(why));
        }
        const auto recording = bunny::rec::Recording::load(m_path.toStdString());
        QVERIFY(recording);
        QVERIFY(window.model()->document() == recording->stateAfter(recording->events().size()));
        QVERIFY2(editorsMatchModel(window, &why), qPrintable(why));
    }

    void seekingAnywhereKeepsTheEditorsEqualToTheModel()
    {
        PlayerWindow window;
        QVERIFY(window.openRecording(m_path));
        std::mt19937 random(9);
        QString why;
        for (int i = 0; i < 150; ++i) {
            const qint64 target = i % 2 ? qint64(random() % quint64(window.model()->duration() + 1))
                                        : window.model()->position() + qint64(random() % 3001) - 1500;
            window.seekTo(target);
            QVERIFY2(editorsMatchModel(window, &why), qPrintable(why));
            if (i % 10 == 0) {
                for (int step = 0; step < 20; ++step)
                    i % 20 ? window.model()->stepBackward() : window.model()->stepForward();
                QVERIFY2(editorsMatchModel(window, &why), qPrintable(why));
            }
        }
    }

    void aSeekSetsTheTextOfChangedFilesOnly()
    {
        PlayerWindow window;
        QVERIFY(window.openRecording(m_path));
        window.seekTo(window.model()->duration() / 2);
        const int before = window.editors()->textLoads();
        window.seekTo(window.model()->position()); // nothing changes
        QCOMPARE(window.editors()->textLoads(), before);
        // A long jump changes at most every file once.
        window.seekTo(window.model()->duration());
        QVERIFY(window.editors()->textLoads() - before <= window.editors()->count());
    }

    void theAuthorsCaretAndSelectionAreShown()
    {
        PlayerWindow window;
        QVERIFY(window.openRecording(m_path));
        window.seekTo(window.model()->duration() / 3);
        const std::string focus = window.model()->document().focus();
        const auto ranges = window.model()->selectionOf(focus);
        QCOMPARE(ranges.size(), std::size_t(2));
        QsciScintilla *editor = window.editors()->editorFor(QString::fromStdString(focus));
        window.show();
        const auto *caret = bunny::app::AuthorCaret::of(editor);
        QVERIFY(caret && caret->isVisible());
        QCOMPARE(caret->position(), long(ranges[1]));
        const auto caretX = [&] {
            return editor->SendScintilla(QsciScintillaBase::SCI_POINTXFROMPOSITION, 0UL, long(ranges[1]));
        };
        QTRY_VERIFY(std::abs(caret->geometry().center().x() - caretX()) <= 1);
        QCOMPARE(editor->SendScintilla(QsciScintillaBase::SCI_GETCURRENTPOS), long(ranges[1]));
        QVERIFY(editor->isReadOnly());
        QVERIFY(editor->lexer()); // .py and .md files are highlighted
    }

    void everyShortcutWorks_data()
    {
        QTest::addColumn<int>("key");
        QTest::addColumn<int>("modifiers");
        QTest::addColumn<QString>("expect");
        QTest::newRow("spacePlays") << int(Qt::Key_Space) << 0 << "playing";
        QTest::newRow("rightPlus5s") << int(Qt::Key_Right) << 0 << "+5000";
        QTest::newRow("leftMinus5s") << int(Qt::Key_Left) << 0 << "-5000";
        QTest::newRow("shiftRightPlus10pc") << int(Qt::Key_Right) << int(Qt::ShiftModifier) << "+10%";
        QTest::newRow("shiftLeftMinus10pc") << int(Qt::Key_Left) << int(Qt::ShiftModifier) << "-10%";
        QTest::newRow("bracketRightNextMarker") << int(Qt::Key_BracketRight) << 0 << "nextMarker";
        QTest::newRow("bracketLeftPreviousMarker") << int(Qt::Key_BracketLeft) << 0 << "previousMarker";
        QTest::newRow("periodStepsForward") << int(Qt::Key_Period) << 0 << "+1 event";
        QTest::newRow("commaStepsBack") << int(Qt::Key_Comma) << 0 << "-1 event";
        QTest::newRow("plusFaster") << int(Qt::Key_Plus) << 0 << "speed 2";
        QTest::newRow("equalFaster") << int(Qt::Key_Equal) << 0 << "speed 2";
        QTest::newRow("minusSlower") << int(Qt::Key_Minus) << 0 << "speed 0.5";
        for (int digit = 0; digit <= 9; ++digit)
            QTest::addRow("digit%dJumps", digit)
                << int(Qt::Key_0 + digit) << 0 << QStringLiteral("jump %1").arg(digit * 10);
    }

    void everyShortcutWorks()
    {
        QFETCH(int, key);
        QFETCH(int, modifiers);
        QFETCH(QString, expect);
        // Once with the window itself focused, once with a player editor holding the focus.
        for (const bool inEditor : {false, true}) {
            PlayerWindow window;
            QVERIFY(window.openRecording(m_path));
            window.show();
            QVERIFY(QTest::qWaitForWindowActive(&window));
            PlayerModel *model = window.model();
            window.seekTo(model->duration() / 2);
            const qint64 position = model->position();
            const std::size_t applied = model->appliedCount();
            const qint64 duration = model->duration();
            QWidget *target = &window;
            if (inEditor) {
                target = window.editors()->currentWidget();
                target->setFocus();
                QTRY_VERIFY(target->hasFocus());
            }
            QTest::keyClick(target, Qt::Key(key), Qt::KeyboardModifiers(modifiers));

            const QString where = inEditor ? QStringLiteral(" (editor focused)") : QString();
            if (expect == QLatin1String("playing")) {
                QVERIFY2(model->isPlaying(), qPrintable(where));
                QTest::keyClick(target, Qt::Key(key));
                QVERIFY2(!model->isPlaying(), qPrintable(where));
            } else if (expect == QLatin1String("+5000") || expect == QLatin1String("-5000")) {
                QCOMPARE(model->position(), position + expect.toLongLong());
            } else if (expect.endsWith(QLatin1String("10%"))) {
                QCOMPARE(model->position(),
                         position + (expect.startsWith('+') ? 1 : -1) * qint64(double(duration) * 0.1));
            } else if (expect == QLatin1String("nextMarker")) {
                const auto &markers = model->timeline().markers();
                const auto next = std::find_if(markers.begin(), markers.end(),
                                               [&](const auto &m) { return m.time > position; });
                QVERIFY(next != markers.end());
                QCOMPARE(model->position(), next->time);
            } else if (expect == QLatin1String("previousMarker")) {
                const auto &markers = model->timeline().markers();
                auto previous = std::find_if(markers.rbegin(), markers.rend(),
                                             [&](const auto &m) { return m.time < position; });
                QVERIFY(previous != markers.rend());
                QCOMPARE(model->position(), previous->time);
            } else if (expect == QLatin1String("+1 event")) {
                QCOMPARE(model->appliedCount(), applied + 1);
            } else if (expect == QLatin1String("-1 event")) {
                QCOMPARE(model->appliedCount(), applied - 1);
            } else if (expect.startsWith(QLatin1String("speed"))) {
                QCOMPARE(model->speed(), expect.mid(6).toDouble());
            } else {
                const int percent = expect.mid(5).toInt();
                QCOMPARE(model->position(), qint64(double(duration) * percent / 100.0));
            }
            QString why;
            QVERIFY2(editorsMatchModel(window, &why), qPrintable(why + where));
        }
    }

    void everyControlHasAVisibleButton()
    {
        PlayerWindow window;
        window.show();
        QStringList texts;
        for (auto *button : window.findChildren<QToolButton *>()) {
            if (button->isVisible() && button->defaultAction())
                texts << button->defaultAction()->text();
        }
        for (const char *name :
             {"Previous marker", "−10%", "−5s", "Step back", "Play", "Step forward", "+5s", "+10%",
              "Next marker", "Slower", "Faster", "Skip idle", "Copy code", "Fork from here…"})
            QVERIFY2(texts.contains(QString::fromUtf8(name)), name);
    }

    void theStatusBarCountsEventsInWords_data()
    {
        QTest::addColumn<int>("events");
        QTest::addColumn<QString>("expected");
        QTest::newRow("one") << 1 << QStringLiteral("1 event");
        QTest::newRow("many") << 1442 << QStringLiteral("%1 events").arg(QLocale().toString(1442));
    }

    void theStatusBarCountsEventsInWords()
    {
        QFETCH(int, events);
        QFETCH(QString, expected);
        GeneratedRecording recording{makeHeader("2026-11-29T05:00:00Z"), {}};
        for (int i = 0; i < events; ++i)
            recording.events.push_back(bunny::rec::Event::marker(i, "note", "n"));
        const QString path = m_dir.filePath(QStringLiteral("count-%1.bunnyrec").arg(events));
        QVERIFY(writeFile(path, serializeRecording(recording)));
        PlayerWindow window;
        QVERIFY(window.openRecording(path));
        QCOMPARE(window.statusBar()->currentMessage(), expected);
    }

    void aBadLineInADownloadShowsInThePlayer()
    {
        QByteArray bytes = serializeRecording(generateRecording(5, 300, "2026-11-29T05:00:00Z"));
        qsizetype at = 0;
        for (int line = 0; line < 49; ++line)
            at = bytes.indexOf('\n', at) + 1;
        bytes.insert(at, "[12,\"i\",\"main.py\",99999,\"x\"]\n"); // line 50: past the end of the file
        PlayerWindow window;
        window.model()->openStream(QStringLiteral("dl.bunnyrec"));
        QVERIFY(!window.model()->appendData(bytes));
        QVERIFY2(window.statusBar()->currentMessage().contains(QStringLiteral("dl.bunnyrec: line 50")),
                 qPrintable(window.statusBar()->currentMessage()));
        QCOMPARE(window.model()->timeline().eventCount(), std::size_t(48));
    }

    void jumpToButtonListsTheTenJumpsWithTheirKeys()
    {
        PlayerWindow window;
        QVERIFY(window.openRecording(m_path));
        window.show();
        QToolButton *jump = nullptr;
        for (auto *button : window.findChildren<QToolButton *>()) {
            if (button->isVisible() && button->defaultAction() &&
                button->defaultAction()->text() == "Jump to")
                jump = button;
        }
        QVERIFY(jump);
        QCOMPARE(jump->popupMode(), QToolButton::InstantPopup); // a click opens the list
        auto *menu = jump->defaultAction()->menu<QMenu *>();
        QVERIFY(menu);
        const QList<QAction *> jumps = menu->actions();
        QCOMPARE(jumps.size(), 10);
        const qint64 duration = window.model()->duration();
        for (int digit = 9; digit >= 0; --digit) {
            QAction *action = jumps.at(digit);
            QCOMPARE(action->shortcut(), QKeySequence(Qt::Key(Qt::Key_0 + digit)));
            action->trigger(); // as a click on the menu entry does
            QCOMPARE(window.model()->position(), qint64(double(duration) * digit / 10.0));
        }
    }

    void copyCodePutsTheFocusedFileAsItIsNowOnTheClipboard()
    {
        PlayerWindow window;
        QVERIFY(window.openRecording(m_path));
        window.seekTo(window.model()->duration() * 2 / 3);
        window.copyCode();
        const std::string focus = window.model()->document().focus();
        QCOMPARE(QApplication::clipboard()->text().toStdString(), *window.model()->document().text(focus));

        // The user clicks another tab: that file is the visible one, and the one copied.
        PlayerEditors *editors = window.editors();
        QVERIFY(editors->count() > 1);
        const int other = editors->currentIndex() == 0 ? 1 : 0;
        editors->setCurrentIndex(other);
        const QString shown = editors->currentPath();
        QVERIFY(shown.toStdString() != focus);
        window.copyCode();
        QCOMPARE(QApplication::clipboard()->text().toStdString(),
                 *window.model()->document().text(shown.toStdString()));
    }

    void forkFromHereEmitsTheNewProject()
    {
        PlayerWindow window;
        QVERIFY(window.openRecording(m_path));
        window.seekTo(window.model()->duration() / 4);
        QSignalSpy forked(&window, &PlayerWindow::forked);
        const QString dir = m_dir.filePath(QStringLiteral("forked"));
        QVERIFY(window.forkTo(dir));
        QCOMPARE(forked.count(), 1);
        QCOMPARE(forked.first().first().toString(), dir);
        QProcess git;
        git.start(QStringLiteral("git"), {"-C", dir, "rev-list", "--count", "HEAD"});
        QVERIFY(git.waitForFinished());
        QCOMPARE(git.readAllStandardOutput().trimmed(), QByteArray("1"));
    }

    void outputPanelReplaysTheRunsOutput()
    {
        PlayerWindow window;
        QVERIFY(window.openRecording(m_path));
        const auto &markers = window.model()->timeline().markers();
        const auto run =
            std::find_if(markers.begin(), markers.end(), [](const auto &m) { return m.kind == "run"; });
        QVERIFY(run != markers.end());
        window.seekTo(run->time);
        while (window.model()->output().size() < 2)
            window.model()->stepForward(); // the output arrives event by event
        const QString shown = window.outputPanel()->toPlainText();
        QVERIFY2(shown.contains(QStringLiteral("warning: é")), qPrintable(shown));
        QVERIFY(shown.startsWith(QStringLiteral("ok ")));
        window.seekTo(0);
        QVERIFY(window.outputPanel()->toPlainText().isEmpty());
    }

    void aRunAndItsOutputReachedInOneHopShowOnce()
    {
        // Found by hand: a hop over a run marker and its output showed that output twice.
        PlayerWindow window;
        QVERIFY(window.openRecording(m_path));
        const auto &timeline = window.model()->timeline();
        const auto &markers = timeline.markers();
        const auto run =
            std::find_if(markers.begin(), markers.end(), [](const auto &m) { return m.kind == "run"; });
        QVERIFY(run != markers.end());
        const auto &outputs = timeline.outputEvents();
        const auto first = std::lower_bound(outputs.begin(), outputs.end(), run->index);
        QVERIFY(first != outputs.end());
        QVERIFY(timeline.timeOf(run->index) > 0);
        window.seekTo(timeline.timeOf(run->index) - 1);
        QVERIFY(window.outputPanel()->toPlainText().isEmpty());
        window.seekTo(timeline.timeOf(*first));
        QString expected;
        for (const auto &[stream, text] : window.model()->output())
            expected += QString::fromStdString(text);
        QVERIFY(!expected.isEmpty());
        QCOMPARE(window.outputPanel()->toPlainText(), expected);
    }

    void timelineTooltipsNameTheMarkers()
    {
        PlayerWindow window;
        QVERIFY(window.openRecording(m_path));
        window.resize(1200, 700);
        window.show();
        const auto *timeline = window.timelineWidget();
        const auto &marker = window.model()->timeline().markers().front();
        const QString tip = timeline->toolTipAt(timeline->xForTime(marker.time));
        QVERIFY2(tip.contains(marker.kind) && tip.contains(marker.label), qPrintable(tip));
        QVERIFY(bunny::app::TimelineWidget::markerColour("commit") !=
                bunny::app::TimelineWidget::markerColour("run"));
        // A click seeks there.
        QTest::mouseClick(window.timelineWidget(), Qt::LeftButton, {}, QPoint(timeline->width() / 2, 20));
        QVERIFY(std::abs(window.model()->position() - window.model()->duration() / 2) <
                window.model()->duration() / 50);
    }

    void everyMarkerKindHasATooltipAndTheGraphCountsEdits()
    {
        using E = bunny::rec::Event;
        GeneratedRecording recording{makeHeader("2026-11-29T05:00:00Z"), {E::keyframe(0, "p.py", "")}};
        const QStringList kinds{"commit", "run", "paste", "submit", "verdict", "note"};
        for (int i = 0; i < kinds.size(); ++i) {
            const std::int64_t t = 1000 + 1500 * i;
            recording.events.push_back(
                E::marker(t, kinds[i].toStdString(), "label " + std::to_string(i), "p.py"));
            for (int k = 0; k < 4; ++k) // 4 edits in the second after each marker
                recording.events.push_back(E::insert(t + 100 * k, "p.py", 0, "x"));
        }
        recording.events.push_back(E::selection(9000, "p.py", {0, 0})); // ends on a whole second
        const QString path = m_dir.filePath(QStringLiteral("markers.bunnyrec"));
        QVERIFY(writeFile(path, serializeRecording(recording)));
        PlayerWindow window;
        QVERIFY(window.openRecording(path));
        window.resize(1100, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const auto *timeline = window.timelineWidget();
        const auto &markers = window.model()->timeline().markers();
        QCOMPARE(markers.size(), std::size_t(kinds.size()));
        for (const auto &marker : markers) {
            const QString tip = timeline->toolTipAt(timeline->xForTime(marker.time));
            QCOMPARE(tip, QStringLiteral("%1 · %2: %3 (p.py)")
                              .arg(bunny::app::formatTime(marker.time), marker.kind, marker.label));
        }
        // Away from markers the tooltip is the time there.
        QCOMPARE(timeline->toolTipAt(timeline->xForTime(0)), QStringLiteral("0:00"));

        // The graph's bins are rates: summed over their width they give back every edit (1 + 24).
        const std::vector<double> &bins = timeline->activityBins();
        QVERIFY(bins.size() > 100);
        const double binSeconds = double(window.model()->duration()) / 1000.0 / double(bins.size());
        double edits = 0;
        for (double rate : bins)
            edits += rate * binSeconds;
        QVERIFY2(std::abs(edits - 25.0) < 1e-6, qPrintable(QString::number(edits)));
        // Second 1 holds 4 edits, second 3 none (markers at 1.0, 2.5, 4.0… s).
        const auto binAt = [&](qint64 ms) { return bins[std::size_t(double(ms) / 1000.0 / binSeconds)]; };
        QVERIFY2(std::abs(binAt(1500) - 4.0) < 1e-9, qPrintable(QString::number(binAt(1500))));
        QCOMPARE(binAt(3500), 0.0);
    }

    void theTimeLabelShowsCurrentAndTotal()
    {
        PlayerWindow window;
        QVERIFY(window.openRecording(m_path));
        QLabel *label = nullptr;
        for (auto *candidate : window.findChildren<QLabel *>()) {
            if (candidate->text().contains(QStringLiteral(" / ")))
                label = candidate;
        }
        QVERIFY(label);
        const qint64 duration = window.model()->duration();
        QCOMPARE(label->text(), QStringLiteral("0:00 / ") + bunny::app::formatTime(duration));
        window.seekTo(65432);
        QCOMPARE(label->text(), QStringLiteral("1:05 / ") + bunny::app::formatTime(duration));
        QCOMPARE(bunny::app::formatTime(3723000), QStringLiteral("1:02:03"));
    }

    void droppedRecordingsOpenAndAreRemembered()
    {
        PlayerWindow window;
        window.show();
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(m_path)});
        QDragEnterEvent enter(QPoint(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, {});
        QApplication::sendEvent(&window, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, {});
        QApplication::sendEvent(&window, &drop);
        QCOMPARE(window.model()->paths(), QStringList{m_path});
        QCOMPARE(window.recentRecordings().value(0), m_path);

        QMimeData other;
        other.setUrls({QUrl::fromLocalFile(m_dir.filePath(QStringLiteral("notes.txt")))});
        QDragEnterEvent refused(QPoint(50, 50), Qt::CopyAction, &other, Qt::LeftButton, {});
        QApplication::sendEvent(&window, &refused);
        QVERIFY(!refused.isAccepted());
    }

    void theCommandLineNamesRecordingsByOptionOrExtension()
    {
        const QStringList found = bunny::app::recordingsToReplay(
            {QStringLiteral("a.bunnyrec")}, {QStringLiteral("project"), QStringLiteral("b.bunnyrec.gz"),
                                             QStringLiteral("main.py"), QStringLiteral("C.BUNNYREC")});
        QCOMPARE(found, QStringList({QDir::current().absoluteFilePath(QStringLiteral("a.bunnyrec")),
                                     QDir::current().absoluteFilePath(QStringLiteral("b.bunnyrec.gz")),
                                     QDir::current().absoluteFilePath(QStringLiteral("C.BUNNYREC"))}));
        QVERIFY(bunny::app::recordingsToReplay({}, {QStringLiteral("project")}).isEmpty());
    }

    void aBadFileLeavesTheOpenRecordingInPlace()
    {
        const QString bad = m_dir.filePath(QStringLiteral("bad.bunnyrec"));
        QVERIFY(writeFile(
            bad,
            QByteArray(
                R"({"bunnyrec":1,"id":"x","started":"2026-11-29T05:00:00Z","title":"t","author":"a","language":"python"})"
                "\n[0,\"k\",\"a.py\",\"\"]\n[3,\"i\",\"a.py\",\"x\"]\n"))); // the pos is missing
        PlayerWindow window;
        QVERIFY(window.openRecording(m_path));
        const auto result = window.openRecording(bad);
        QVERIFY(!result);
        QVERIFY2(QString::fromStdString(result.message()).contains(QStringLiteral("line 3")),
                 result.message().c_str());
        QCOMPARE(window.model()->paths(), QStringList{m_path});
    }
};

QTEST_MAIN(tst_PlayerWindow)
#include "tst_playerwindow.moc"
