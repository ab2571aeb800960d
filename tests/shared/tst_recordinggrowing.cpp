// rec::Recording::Growing: a recording read as its bytes arrive equals the same bytes read at
// once, whatever the chunks, and each feed parses only what it is given.
#include <recording/recording.h>
#include <recording/serialize.h>

#include "rectestutil.h"

#include <QTest>

#include <algorithm>
#include <random>

using namespace bunny;
using namespace bunny::rec;

namespace {

std::string sampleBytes()
{
    std::string bytes = serialize(test::sampleHeader("growing")) + "\n";
    std::string text;
    std::int64_t t = 0;
    bytes += serialize(Event::keyframe(t, "a.py", "")) + "\n";
    for (int i = 0; i < 3000; ++i) {
        t += 7 + i % 50;
        const std::string piece = i % 3 ? "é" : "x\n";
        bytes += serialize(Event::insert(t, "a.py", std::int64_t(text.size()), piece)) + "\n";
        text += piece;
        if (i % 100 == 99)
            bytes += serialize(Event::marker(t, "note", std::to_string(i))) + "\n";
    }
    return bytes;
}

} // namespace

class tst_RecordingGrowing : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void chunksOfAnySizeEqualTheWholeRead_data()
    {
        QTest::addColumn<int>("maxChunk");
        QTest::newRow("byteByByte") << 1;
        QTest::newRow("small") << 17;
        QTest::newRow("network") << 7919;
        QTest::newRow("whole") << (1 << 30);
    }

    void chunksOfAnySizeEqualTheWholeRead()
    {
        QFETCH(int, maxChunk);
        const std::string bytes = sampleBytes();
        auto whole = Recording::parse(bytes);
        QVERIFY(whole);
        Recording::Growing growing;
        std::mt19937 random(3);
        std::size_t eventsSeen = 0;
        std::size_t lines = 0;
        for (std::size_t at = 0; at < bytes.size();) {
            const std::size_t n = std::min(bytes.size() - at, std::size_t(1 + random() % unsigned(maxChunk)));
            const std::string_view chunk = std::string_view(bytes).substr(at, n);
            QVERIFY(growing.feed(chunk));
            at += n;
            QCOMPARE(growing.bytesFed(), at);
            // Complete lines only: every event so far, none past the last newline.
            lines += std::size_t(std::count(chunk.begin(), chunk.end(), '\n'));
            QCOMPARE(growing.lineCount(), lines);
            QCOMPARE(growing.hasHeader(), lines >= 1);
            QVERIFY(growing.recording()->events().size() >= eventsSeen);
            eventsSeen = growing.recording()->events().size();
            QCOMPARE(eventsSeen, lines > 0 ? lines - 1 : 0);
        }
        QCOMPARE(growing.pendingBytes(), std::size_t(0));
        QVERIFY(growing.finish());
        const std::shared_ptr<const Recording> grown = growing.recording();
        QCOMPARE(grown->header(), whole->header());
        QCOMPARE(grown->events().size(), whole->events().size());
        for (std::size_t count :
             {std::size_t(0), std::size_t(1), std::size_t(999), std::size_t(2500), whole->events().size()})
            QVERIFY(grown->stateAfter(count) == whole->stateAfter(count));
        QVERIFY(grown->keyframeCount() > 1); // keyframes were taken while growing too
    }

    void aLastLineWithoutItsNewlineIsTakenAtTheEnd()
    {
        std::string bytes = sampleBytes();
        bytes.pop_back();
        Recording::Growing growing;
        QVERIFY(growing.feed(bytes));
        const std::size_t before = growing.recording()->events().size();
        QVERIFY(growing.pendingBytes() > 0);
        QVERIFY(growing.finish());
        QCOMPARE(growing.recording()->events().size(), before + 1);
        QVERIFY(!growing.feed("[1,\"m\",\"note\",\"late\"]\n")); // nothing after the end
    }

    void aBadLineStopsItAndNamesTheLine()
    {
        std::string bytes = sampleBytes();
        std::size_t at = 0;
        for (int line = 0; line < 9; ++line)
            at = bytes.find('\n', at) + 1;
        bytes.insert(at, "[5,\"i\",\"nope.py\",0,\"x\"]\n"); // line 10: no such file
        Recording::Growing growing;
        const auto fed = growing.feed(bytes);
        QVERIFY(!fed);
        QVERIFY2(fed.message().find("line 10") != std::string::npos, fed.message().c_str());
        QCOMPARE(growing.recording()->events().size(), std::size_t(8));
        QVERIFY(!growing.feed("\n")); // the same error from then on
    }

    void theRecordingOutlivesTheReader()
    {
        std::shared_ptr<const Recording> kept;
        {
            Recording::Growing growing;
            QVERIFY(growing.feed(sampleBytes()));
            kept = growing.recording();
        }
        QVERIFY(kept->events().size() > 3000);
        QCOMPARE(kept->header().title, std::string("growing"));
    }
};

QTEST_GUILESS_MAIN(tst_RecordingGrowing)
#include "tst_recordinggrowing.moc"
