#include <recording/recording.h>
#include <recording/writer.h>

#include "rectestutil.h"

#include <QTemporaryDir>
#include <QTest>

using namespace bunny::rec;
using bunny::test::readAll;
using bunny::test::sampleHeader;

Q_DECLARE_METATYPE(bunny::rec::Event)

class tst_Writer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writtenEventsReadBack_data()
    {
        QTest::addColumn<bool>("gzip");
        QTest::newRow("plain") << false;
        QTest::newRow("gzip") << true;
    }

    void writtenEventsReadBack()
    {
        QFETCH(bool, gzip);
        QTemporaryDir dir;
        const std::string path = dir.filePath("a.bunnyrec").toStdString();
        auto writer = Writer::create(path, sampleHeader(), {gzip, std::chrono::milliseconds(1000)});
        QVERIFY2(writer.ok(), writer.ok() ? "" : writer.message().c_str());
        std::vector<Event> events = {Event::keyframe(0, "main.py", "print('é')\n"),
                                     Event::focus(0, "main.py"), Event::insert(120, "main.py", 0, "中😀"),
                                     Event::selection(121, "main.py", {7, 7}),
                                     Event::marker(500, "run", "ok")};
        for (const Event &e : events)
            QVERIFY((*writer)->append(e).ok());
        QVERIFY((*writer)->close().ok());
        QVERIFY((*writer)->close().ok());
        QVERIFY(!(*writer)->append(Event::focus(600, "main.py")).ok());

        const std::string bytes = readAll(dir.filePath("a.bunnyrec"));
        QCOMPARE(bytes.size() >= 2 && bytes[0] == '\x1f' && bytes[1] == '\x8b', gzip);
        auto rec = Recording::load(path);
        QVERIFY2(rec.ok(), rec.ok() ? "" : rec.message().c_str());
        QVERIFY(rec->warnings().empty());
        QVERIFY(rec->header() == sampleHeader());
        QCOMPARE(rec->events().size(), events.size());
        for (std::size_t i = 0; i < events.size(); ++i)
            QVERIFY(rec->events()[i] == events[i]);
    }

    void eventsReachTheDiskWithoutFlushOrClose()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("a.bunnyrec");
        auto writer =
            Writer::create(path.toStdString(), sampleHeader(), {false, std::chrono::milliseconds(100)});
        QVERIFY(writer.ok());
        QVERIFY((*writer)->append(Event::keyframe(0, "a.txt", "background")).ok());
        // The background thread writes it; nothing here asks it to.
        QTRY_VERIFY_WITH_TIMEOUT(readAll(path).find("background") != std::string::npos, 10000);
    }

    void withTheDefaultIntervalEventsAreOnDiskWithinASecondAndAHalf()
    {
        // The promise to the user: a crash loses at most about the last second. 1.5 s is that
        // bound with slack for a busy machine, not a speed target.
        QTemporaryDir dir;
        const QString path = dir.filePath("a.bunnyrec");
        auto writer = Writer::create(path.toStdString(), sampleHeader());
        QVERIFY(writer.ok());
        QCOMPARE(WriterOptions().flushInterval, std::chrono::milliseconds(1000));
        QVERIFY((*writer)->append(Event::keyframe(0, "a.txt", "default interval")).ok());
        QTRY_VERIFY_WITH_TIMEOUT(readAll(path).find("default interval") != std::string::npos, 1500);
    }

    void withoutItsOwnThreadEventsWaitForTheOwnersFlush()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("a.bunnyrec");
        WriterOptions options;
        options.flushInterval = std::chrono::milliseconds(10);
        options.ownThread = false;
        auto writer = Writer::create(path.toStdString(), sampleHeader(), options);
        QVERIFY(writer.ok());
        QVERIFY((*writer)->append(Event::keyframe(0, "a.txt", "owner flushes")).ok());
        QVERIFY(readAll(path).find("owner flushes") == std::string::npos); // only the header so far
        QVERIFY((*writer)->flush().ok());
        QVERIFY(readAll(path).find("owner flushes") != std::string::npos);
        QVERIFY((*writer)->append(Event::marker(5, "run", "closing writes the rest")).ok());
        QVERIFY((*writer)->close().ok());
        auto rec = Recording::load(path.toStdString());
        QVERIFY2(rec.ok(), rec.ok() ? "" : rec.message().c_str());
        QCOMPARE(rec->events().size(), std::size_t(2));
    }

    void outOfOrderOrInvalidEventsAreRefused_data()
    {
        QTest::addColumn<Event>("event");
        QTest::addColumn<QString>("error");
        QTest::newRow("backwards") << Event::focus(5, "a") << "t goes backwards";
        QTest::newRow("absolutePath") << Event::keyframe(20, "/a", "") << "is absolute";
        QTest::newRow("invalidUtf8") << Event::insert(20, "a", 0, "\xc3") << "not valid UTF-8";
        QTest::newRow("oddSelection") << Event::selection(20, "a", {1}) << "pairs";
        QTest::newRow("emptyMarkerKind") << Event::marker(20, "", "x") << "kind must not be empty";
        QTest::newRow("insertIntoMissingFile")
            << Event::insert(20, "b", 0, "x") << "\"b\", which does not exist";
        QTest::newRow("insertPastEnd") << Event::insert(20, "a", 9, "y") << "past its end (3 bytes)";
        QTest::newRow("insertInsideMultibyte") << Event::insert(20, "a", 2, "y") << "inside a multi-byte";
        QTest::newRow("deleteMismatch") << Event::erase(20, "a", 0, "y") << "does not match";
        QTest::newRow("deletePastEnd") << Event::erase(20, "a", 1, "éé") << "runs past its end";
        QTest::newRow("renameOntoExisting") << Event::rename(20, "a", "c") << "already exists";
        QTest::newRow("removeMissing") << Event::remove(20, "b") << "does not exist";
    }

    void outOfOrderOrInvalidEventsAreRefused()
    {
        QFETCH(Event, event);
        QFETCH(QString, error);
        QTemporaryDir dir;
        auto writer = Writer::create(dir.filePath("a.bunnyrec").toStdString(), sampleHeader());
        QVERIFY(writer.ok());
        QVERIFY((*writer)->append(Event::keyframe(10, "a", "xé")).ok());
        QVERIFY((*writer)->append(Event::keyframe(10, "c", "")).ok());
        auto r = (*writer)->append(event);
        QVERIFY(!r.ok());
        QVERIFY2(QString::fromStdString(r.message()).contains(error), r.message().c_str());
        // Refused, not written: the writer goes on and the file reads back whole.
        QVERIFY((*writer)->append(Event::insert(30, "a", 0, "z")).ok());
        QVERIFY((*writer)->close().ok());
        auto rec = Recording::load(dir.filePath("a.bunnyrec").toStdString());
        QVERIFY2(rec.ok(), rec.ok() ? "" : rec.message().c_str());
        QVERIFY(rec->stoppedAt().empty() && rec->warnings().empty());
        QCOMPARE(rec->events().size(), std::size_t(3));
        QCOMPARE(*rec->stateAt(30).text("a"), std::string("zxé"));
    }

    void anExistingRecordingIsNotOverwrittenUnlessAsked()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("a.bunnyrec").toStdString();
        {
            auto first = Writer::create(path, sampleHeader("first"));
            QVERIFY(first.ok());
            QVERIFY((*first)->append(Event::keyframe(0, "a", "kept")).ok());
            QVERIFY((*first)->close().ok());
        }
        auto again = Writer::create(path, sampleHeader("second"));
        QVERIFY(!again.ok());
        QVERIFY2(again.message() ==
                     "cannot create " + path + ": a file by that name exists (not overwritten)",
                 again.message().c_str());
        auto kept = Recording::load(path);
        QVERIFY(kept.ok());
        QCOMPARE(kept->header().title, std::string("first"));
        QCOMPARE(kept->events().size(), std::size_t(1));

        WriterOptions replace;
        replace.replaceExisting = true;
        auto replaced = Writer::create(path, sampleHeader("second"), replace);
        QVERIFY2(replaced.ok(), replaced.ok() ? "" : replaced.message().c_str());
        QVERIFY((*replaced)->close().ok());
        auto now = Recording::load(path);
        QVERIFY(now.ok());
        QCOMPARE(now->header().title, std::string("second"));
        QCOMPARE(now->events().size(), std::size_t(0));
    }

    void createFailsClearlyInAMissingDirectory()
    {
        auto writer = Writer::create("/nonexistent-dir/x.bunnyrec", sampleHeader());
        QVERIFY(!writer.ok());
        QVERIFY(writer.message().find("cannot create /nonexistent-dir/x.bunnyrec") != std::string::npos);
    }

    void badHeaderIsRefused()
    {
        QTemporaryDir dir;
        auto header = sampleHeader();
        header.started = "now";
        auto writer = Writer::create(dir.filePath("a.bunnyrec").toStdString(), header);
        QVERIFY(!writer.ok());
        QVERIFY(writer.message().find("RFC 3339") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(tst_Writer)
#include "tst_writer.moc"
