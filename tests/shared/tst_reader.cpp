#include <recording/gzip.h>
#include <recording/reader.h>
#include <recording/recording.h>

#include "rectestutil.h"

#include <QTest>

#include <algorithm>

using namespace bunny::rec;

Q_DECLARE_METATYPE(bunny::rec::Event)
Q_DECLARE_METATYPE(std::string)

namespace {

const std::string kHeader =
    R"({"bunnyrec":1,"id":"r1","started":"2026-11-29T05:00:00Z","title":"t","author":"a","language":"python"})";

std::string file(const std::string &body)
{
    return kHeader + "\n" + body;
}

} // namespace

class tst_Reader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyEventCodeRoundTrips_data()
    {
        QTest::addColumn<Event>("event");
        QTest::newRow("keyframe") << Event::keyframe(0, "src/main.py", "print(\"hé\")\n\ttab 中 😀");
        QTest::newRow("insert") << Event::insert(5, "a.txt", 3, "😀");
        QTest::newRow("delete") << Event::erase(6, "a.txt", 0, "\"\\\x01");
        QTest::newRow("selection") << Event::selection(7, "a.txt", {1, 2, 3, 4});
        QTest::newRow("focus") << Event::focus(8, "a.txt");
        QTest::newRow("rename") << Event::rename(9, "a.txt", "dir/b.txt");
        QTest::newRow("remove") << Event::remove(10, "dir/b.txt");
        QTest::newRow("marker") << Event::marker(11, "commit", "first version");
        QTest::newRow("markerWithPath") << Event::marker(11, "verdict", "3/5 passed", "p1/");
        QTest::newRow("output") << Event::output(12, "stderr", "Traceback…\n");
    }

    void everyEventCodeRoundTrips()
    {
        QFETCH(Event, event);
        const std::string line = serialize(event);
        QVERIFY(line.find('\n') == std::string::npos);
        auto parsed = parseEvent(line, 2);
        QVERIFY2(parsed.ok(), parsed.ok() ? "" : parsed.message().c_str());
        QVERIFY(parsed->has_value());
        QCOMPARE(serialize(**parsed), line);
        QVERIFY(**parsed == event);
    }

    void headerRoundTripsKeepingUnknownKeys()
    {
        auto header = parseHeader(
            R"({"bunnyrec":1,"id":"x","started":"2026-11-29T05:00:00.5+01:00","title":"Tï","author":"a","language":"cpp","idle_time_limit":2000,"future":{"a":[1,2]}})");
        QVERIFY2(header.ok(), header.ok() ? "" : header.message().c_str());
        QCOMPARE(header->title, std::string("Tï"));
        QCOMPARE(header->idleTimeLimitMs.value_or(0), std::int64_t(2000));
        QCOMPARE(header->extra["future"]["a"][1].get<int>(), 2);
        auto again = parseHeader(serialize(*header));
        QVERIFY(again.ok());
        QVERIFY(*again == *header);
        QVERIFY(serialize(*header).rfind("{\"bunnyrec\":1,", 0) == 0);
    }

    void unknownCodesKeysAndTrailingElementsAreIgnored()
    {
        auto rec = Recording::parse(file("[0,\"k\",\"a.txt\",\"ab\",{\"later\":true},[1,[2]]]\n"
                                         "[1,\"z\",\"anything\",{\"x\":1}]\n"
                                         "[2,\"zz\"]\n"
                                         "[3,\"i\",\"a.txt\",1,\"X\",null]\n"
                                         "[4,\"s\",\"a.txt\",1,1,\"later\"]\n"));
        QVERIFY2(rec.ok(), rec.ok() ? "" : rec.message().c_str());
        QCOMPARE(rec->events().size(), std::size_t(3));
        QCOMPARE(*rec->stateAt(10).text("a.txt"), std::string("aXb"));
        QVERIFY(rec->warnings().empty());
    }

    void truncatedLastLineIsDroppedWithAWarning()
    {
        auto rec = Recording::parse(file("[0,\"k\",\"a.txt\",\"ab\"]\n[1,\"i\",\"a.txt\",1,\"X"));
        QVERIFY2(rec.ok(), rec.ok() ? "" : rec.message().c_str());
        QCOMPARE(rec->events().size(), std::size_t(1));
        QCOMPARE(rec->warnings().size(), std::size_t(1));
        QVERIFY(rec->warnings()[0].find("line 3") != std::string::npos);
    }

    void lastLineWithoutNewlineButCompleteIsRead()
    {
        auto rec = Recording::parse(file("[0,\"k\",\"a.txt\",\"ab\"]"));
        QVERIFY(rec.ok());
        QCOMPARE(rec->events().size(), std::size_t(1));
        QVERIFY(rec->warnings().empty());
    }

    void gzipIsReadTransparentlyAndFedByteByByte()
    {
        const std::string plain = file("[0,\"k\",\"a.txt\",\"中\"]\n[5,\"i\",\"a.txt\",3,\"😀\"]\n");
        auto gz = detail::gzip(plain);
        QVERIFY(gz.ok());
        std::size_t events = 0;
        Reader reader([&events](const Event &, std::size_t) -> bunny::Result<void> {
            ++events;
            return {};
        });
        for (char c : *gz)
            QVERIFY(reader.feed(std::string_view(&c, 1)).ok());
        QVERIFY(reader.finish().ok());
        QVERIFY(reader.isGzip());
        QCOMPARE(events, std::size_t(2));
        auto rec = Recording::parse(*gz);
        QVERIFY(rec.ok());
        QCOMPARE(*rec->stateAt(5).text("a.txt"), std::string("中😀"));
    }

    void malformedInputGetsAClearErrorNamingTheLine_data()
    {
        QTest::addColumn<std::string>("bytes");
        QTest::addColumn<QString>("error");
        QTest::newRow("empty") << std::string() << "line 1: the file is empty";
        QTest::newRow("headerNotJson") << std::string("hello\n") << "line 1:";
        QTest::newRow("headerWrongFirstKey") << std::string(R"({"id":"x","bunnyrec":1})") + "\n"
                                             << "line 1: not a bunnyrec file";
        QTest::newRow("headerVersion2") << std::string(R"({"bunnyrec":2})") + "\n"
                                        << "unsupported bunnyrec version 2";
        QTest::newRow("headerMissingTitle")
            << std::string(
                   R"({"bunnyrec":1,"id":"r","started":"2026-11-29T05:00:00Z","author":"a","language":"c"})") +
                   "\n"
            << "line 1: the header lacks \"title\"";
        QTest::newRow("headerBadStarted")
            << std::string(
                   R"({"bunnyrec":1,"id":"r","started":"yesterday","title":"","author":"a","language":"c"})") +
                   "\n"
            << "RFC 3339";
        QTest::newRow("headerDeepNesting")
            << std::string(R"({"bunnyrec":1,"x":)") + std::string(100000, '[') + "\n"
            << "line 1: JSON nested too deeply";
        QTest::newRow("eventNotArray") << file("{\"t\":1}\n") << "line 2: an event must be a JSON array";
        QTest::newRow("emptyLine") << file("[0,\"k\",\"a\",\"\"]\n\n[1,\"f\",\"a\"]\n")
                                   << "line 3: empty line";
        QTest::newRow("floatTime") << file("[1.5,\"f\",\"a\"]\n")
                                   << "line 2: t must be a non-negative integer";
        QTest::newRow("stringTime") << file("[\"1\",\"f\",\"a\"]\n") << "line 2: t must be an integer";
        QTest::newRow("negativeTime")
            << file("[-1,\"f\",\"a\"]\n") << "line 2: t must be a non-negative integer";
        QTest::newRow("timeGoesBackwards")
            << file("[5,\"k\",\"a\",\"\"]\n[4,\"f\",\"a\"]\n") << "line 3: t goes backwards";
        QTest::newRow("codeNotString") << file("[0,7]\n") << "line 2: the event code must be a string";
        QTest::newRow("insertLacksText")
            << file("[0,\"k\",\"a\",\"\"]\n[0,\"i\",\"a\",0]\n") << "line 3: i event lacks its text";
        QTest::newRow("insertPosString") << file("[0,\"k\",\"a\",\"\"]\n[0,\"i\",\"a\",\"0\",\"x\"]\n")
                                         << "line 3: i event: pos must be a non-negative integer";
        QTest::newRow("absolutePath") << file("[0,\"k\",\"/etc/passwd\",\"\"]\n")
                                      << "line 2: k event: path \"/etc/passwd\" is absolute";
        QTest::newRow("dotDotPath") << file("[0,\"k\",\"a/../../b\",\"\"]\n")
                                    << "line 2: k event: path \"a/../../b\" climbs out";
        QTest::newRow("invalidUtf8") << file("[0,\"k\",\"a\",\"\xff\"]\n")
                                     << "line 2: a string is not valid UTF-8";
        QTest::newRow("loneSurrogate") << file("[0,\"k\",\"a\",\"\\ud800\"]\n") << "line 2: a lone surrogate";
        QTest::newRow("rawControlChar")
            << file("[0,\"k\",\"a\",\"\x01\"]\n") << "line 2: a control character";
        QTest::newRow("trailingGarbage")
            << file("[0,\"f\",\"a\"] x\n") << "line 2: extra characters after the event";
        QTest::newRow("truncatedNotLast") << file("[0,\"k\",\"a\",\"ab\n[1,\"f\",\"a\"]\n") << "line 2:";
        QTest::newRow("deepTrailingElement")
            << file("[0,\"f\",\"a\"," + std::string(1000, '[') + "]\n") << "line 2: JSON nested too deeply";
        QTest::newRow("markerEmptyKind")
            << file("[0,\"m\",\"\",\"x\"]\n") << "line 2: m event: kind must not be empty";
        QTest::newRow("selectionLacksCaret")
            << file("[0,\"k\",\"a\",\"\"]\n[0,\"s\",\"a\",0]\n") << "line 3: s event lacks its caret";
        QTest::newRow("corruptGzip") << std::string("\x1f\x8b\x09garbage-garbage-garbage")
                                     << "corrupt gzip data";
    }

    void malformedInputGetsAClearErrorNamingTheLine()
    {
        QFETCH(std::string, bytes);
        QFETCH(QString, error);
        auto rec = Recording::parse(bytes);
        QVERIFY(!rec.ok());
        QVERIFY2(QString::fromStdString(rec.message()).contains(error), rec.message().c_str());
    }

    void opsThatDoNotFitEndTheRecordingThereWithAWarning_data()
    {
        QTest::addColumn<std::string>("bytes");
        QTest::addColumn<QString>("error");
        QTest::newRow("insertPastEnd")
            << file("[0,\"k\",\"a\",\"\"]\n[0,\"i\",\"a\",3,\"x\"]\n") << "line 3: insert at byte 3";
        QTest::newRow("insertInsideMultibyte")
            << file("[0,\"k\",\"a\",\"é\"]\n[0,\"i\",\"a\",1,\"x\"]\n")
            << "line 3: insert at byte 1 of \"a\" falls inside a multi-byte";
        QTest::newRow("deleteMismatch")
            << file("[0,\"k\",\"a\",\"abc\"]\n[0,\"d\",\"a\",0,\"b\"]\n")
            << "line 3: delete at byte 0 of \"a\": the deleted text does not match";
        QTest::newRow("insertUnknownPath")
            << file("[0,\"i\",\"a\",0,\"x\"]\n") << "line 2: i event on \"a\", which does not exist";
        QTest::newRow("renameOntoExisting")
            << file("[0,\"k\",\"a\",\"\"]\n[0,\"k\",\"b\",\"\"]\n[1,\"r\",\"a\",\"b\"]\n")
            << "line 4: r event renames \"a\" onto \"b\"";
        QTest::newRow("removeMissing")
            << file("[0,\"x\",\"a\"]\n") << "line 2: x event on \"a\", which does not exist";
    }

    void opsThatDoNotFitEndTheRecordingThereWithAWarning()
    {
        // A recorder's bug costs the events from the bad op on, not the whole recording.
        QFETCH(std::string, bytes);
        QFETCH(QString, error);
        const std::string tail = "[50,\"m\",\"note\",\"after\"]\n";
        auto rec = Recording::parse(bytes + tail);
        QVERIFY2(rec.ok(), rec.ok() ? "" : rec.message().c_str());
        QVERIFY2(QString::fromStdString(rec->stoppedAt()).contains(error), rec->stoppedAt().c_str());
        QVERIFY(!rec->warnings().empty());
        QVERIFY2(QString::fromStdString(rec->warnings().back()).contains(error) &&
                     rec->warnings().back().find("played up to the line before") != std::string::npos,
                 rec->warnings().back().c_str());
        // Every line before the bad one was played: lines = header + events + bad + tail.
        const auto lines = static_cast<std::size_t>(std::count(bytes.begin(), bytes.end(), '\n'));
        QCOMPARE(rec->events().size(), lines - 2);
        QVERIFY(rec->durationMs() < 50);
        // Code that builds a recording from events still gets the error.
        Reader reader;
        QVERIFY(reader.feed(bytes).ok() && reader.finish().ok());
        auto strict = Recording::fromEvents(*reader.header(), reader.takeEvents());
        QVERIFY(!strict.ok());
    }

    void aByteOrderMarkBeforeTheHeaderIsSkipped()
    {
        auto rec = Recording::parse("\xEF\xBB\xBF" + file("[0,\"k\",\"a.txt\",\"ab\"]\n"));
        QVERIFY2(rec.ok(), rec.ok() ? "" : rec.message().c_str());
        QCOMPARE(rec->events().size(), std::size_t(1));
    }

    void aLineLongerThanTheLimitIsRefusedNamingIt_data()
    {
        QTest::addColumn<bool>("gzip");
        QTest::newRow("plain") << false;
        QTest::newRow("gzip") << true;
    }

    void aLineLongerThanTheLimitIsRefusedNamingIt()
    {
        QFETCH(bool, gzip);
        // One line of 65 MiB (gzip: ~65 KB expanding to it), fed in 1 MiB pieces as load() does:
        // refused before it is held whole.
        std::string bytes =
            file("[0,\"k\",\"a.txt\",\"") + std::string(Reader::kMaxLineBytes + (1 << 20), 'a');
        if (gzip)
            bytes = *detail::gzip(bytes);
        Reader reader;
        bunny::Result<void> r;
        for (std::size_t at = 0; at < bytes.size() && r.ok(); at += 1 << 20)
            r = reader.feed(std::string_view(bytes).substr(at, 1 << 20));
        if (r.ok())
            r = reader.finish();
        QVERIFY(!r.ok());
        QVERIFY2(r.message() == "line 2: longer than 64 MiB, the most a line may hold", r.message().c_str());
    }

    void gzipFaultsNameTheLastLineRead()
    {
        const std::string plain = file("[0,\"k\",\"a.txt\",\"ab\"]\n[1,\"i\",\"a.txt\",1,\"X\"]\n");
        const std::string gz = *detail::gzip(plain);
        auto junk = Recording::parse(gz + "junk after the stream");
        QVERIFY(!junk.ok());
        QVERIFY2(junk.message().rfind("after line 3: corrupt gzip data", 0) == 0, junk.message().c_str());

        auto cut = Recording::parse(std::string_view(gz).substr(0, gz.size() - 8));
        QVERIFY2(cut.ok(), cut.ok() ? "" : cut.message().c_str());
        QVERIFY(!cut->warnings().empty());
        QVERIFY2(cut->warnings()[0].rfind("after line ", 0) == 0 &&
                     cut->warnings()[0].find("gzip stream is cut short") != std::string::npos,
                 cut->warnings()[0].c_str());
    }

    void concatenatedGzipMembersReadAsOneFile()
    {
        // e.g. `cat a.gz b.gz`, or a writer reopened to append a member
        const std::string first = file("[0,\"k\",\"a.txt\",\"ab\"]\n");
        const std::string second = "[1,\"i\",\"a.txt\",2,\"c\"]\n[2,\"f\",\"a.txt\"]\n";
        auto rec = Recording::parse(*detail::gzip(first) + *detail::gzip(second));
        QVERIFY2(rec.ok(), rec.ok() ? "" : rec.message().c_str());
        QCOMPARE(rec->events().size(), std::size_t(3));
        QCOMPARE(*rec->stateAt(5).text("a.txt"), std::string("abc"));
        QVERIFY(rec->warnings().empty());
    }
};

QTEST_GUILESS_MAIN(tst_Reader)
#include "tst_reader.moc"
