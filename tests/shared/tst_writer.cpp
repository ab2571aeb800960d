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
    }

    void outOfOrderOrInvalidEventsAreRefused()
    {
        QFETCH(Event, event);
        QFETCH(QString, error);
        QTemporaryDir dir;
        auto writer = Writer::create(dir.filePath("a.bunnyrec").toStdString(), sampleHeader());
        QVERIFY(writer.ok());
        QVERIFY((*writer)->append(Event::keyframe(10, "a", "")).ok());
        auto r = (*writer)->append(event);
        QVERIFY(!r.ok());
        QVERIFY2(QString::fromStdString(r.message()).contains(error), r.message().c_str());
        QVERIFY((*writer)->close().ok());
        QVERIFY(Recording::load(dir.filePath("a.bunnyrec").toStdString()).ok());
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
