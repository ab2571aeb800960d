#include <recording/cursor.h>
#include <recording/recording.h>
#include <recording/summary.h>

#include "rectestutil.h"

#include <QTest>

using namespace bunny::rec;
using bunny::test::sampleHeader;

namespace {

/// A session typing into two files, long enough to need several keyframes.
std::vector<Event> typingSession(std::size_t inserts)
{
    std::vector<Event> events = {Event::keyframe(0, "a.py", ""), Event::keyframe(0, "b.py", "# b\n"),
                                 Event::focus(0, "a.py")};
    std::int64_t t = 0;
    std::size_t sizeA = 0;
    static const std::string kPieces[] = {"x", "é", "中", "😀", "\n"};
    for (std::size_t i = 0; i < inserts; ++i) {
        t += 7;
        const std::string &piece = kPieces[i % 5];
        events.push_back(Event::insert(t, "a.py", static_cast<std::int64_t>(sizeA), piece));
        sizeA += piece.size();
        if (i % 100 == 99) {
            events.push_back(Event::erase(t, "a.py", static_cast<std::int64_t>(sizeA - piece.size()), piece));
            sizeA -= piece.size();
            events.push_back(Event::marker(t, "run", "run " + std::to_string(i)));
        }
    }
    return events;
}

Document replay(const std::vector<Event> &events, std::size_t n)
{
    Document doc;
    for (std::size_t i = 0; i < n; ++i) {
        if (!doc.apply(events[i]).ok())
            qFatal("replay failed");
    }
    return doc;
}

} // namespace

class tst_Recording : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void stateAtEqualsReplayFromTheStart()
    {
        const auto events = typingSession(5000);
        auto rec = Recording::fromEvents(sampleHeader(), events);
        QVERIFY2(rec.ok(), rec.ok() ? "" : rec.message().c_str());
        QVERIFY(rec->keyframeCount() > 3);
        for (std::size_t n : {std::size_t(0), std::size_t(1), std::size_t(3), std::size_t(999),
                              std::size_t(1000), std::size_t(2500), events.size()}) {
            QVERIFY(rec->stateAfter(n) == replay(events, n));
            QVERIFY(n - rec->keyframeBefore(n) <= 1000);
        }
        const std::int64_t t = events[1234].t;
        std::size_t n = 0;
        while (n < events.size() && events[n].t <= t)
            ++n;
        QVERIFY(rec->stateAt(t) == replay(events, n));
        QVERIFY(rec->stateAt(-5) == Document());
    }

    void cursorStepsBackWithInverseOps()
    {
        const auto events = typingSession(3000);
        auto rec = Recording::fromEvents(sampleHeader(), events);
        QVERIFY(rec.ok());
        Cursor cursor(*rec);
        cursor.seek(1500);
        QVERIFY(cursor.document() == replay(events, 1500));
        cursor.seek(1510);
        QCOMPARE(cursor.lastMove(), Cursor::Move::Forward);
        cursor.seek(1503);
        QCOMPARE(cursor.lastMove(), Cursor::Move::Backward);
        QVERIFY(cursor.document() == replay(events, 1503));
        cursor.seek(10);
        QCOMPARE(cursor.lastMove(), Cursor::Move::Keyframe);
        QVERIFY(cursor.document() == replay(events, 10));
    }

    void summaryIsTheInfoJsonOfTheDesign()
    {
        std::vector<Event> events = {Event::keyframe(0, "b.py", ""), Event::keyframe(0, "a.py", "x"),
                                     Event::marker(1200, "commit", "first \"one\""),
                                     Event::rename(1300, "b.py", "c.py"), Event::marker(4000, "run", "ok")};
        auto header = sampleHeader("Hello 中");
        auto rec = Recording::fromEvents(header, events);
        QVERIFY(rec.ok());
        const std::string expected =
            "{\"duration_ms\":4000,\"events\":5,\"files\":[\"a.py\",\"c.py\"],"
            "\"markers\":[[1200,\"commit\",\"first \\\"one\\\"\"],[4000,\"run\",\"ok\"]],"
            "\"language\":\"python\",\"title\":\"Hello 中\"}";
        QCOMPARE(toJson(summarize(*rec)), expected);
    }
};

QTEST_GUILESS_MAIN(tst_Recording)
#include "tst_recording.moc"
