// Properties over random editing sessions (fixed seeds, so failures reproduce).

#include <recording/chunkedtext.h>
#include <recording/cursor.h>
#include <recording/gzip.h>
#include <recording/recording.h>
#include <recording/writer.h>

#include "randomsession.h"
#include "rectestutil.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <random>

using namespace bunny::rec;
using bunny::test::RandomSession;
using bunny::test::SessionOptions;

namespace {

std::string describe(const Document &doc)
{
    std::string out = "focus=" + doc.focus() + "\n";
    for (const auto &[path, text] : doc.files())
        out += path + ": " + text + "\n";
    return out;
}

/// A large file (~400 KB, multi-byte) edited a little at a time, as a person types into it: the
/// caret moves nearby and sometimes jumps, with occasional pastes and long deletions that span
/// several chunks of the keyframes.
std::vector<Event> largeFileSession(std::uint32_t seed, std::size_t count)
{
    static const char *const kPieces[] = {"a", "b", " ", "é", "中", "😀", "\n", "x = 1;"};
    std::mt19937 rng(seed);
    const auto roll = [&rng](std::size_t n) {
        return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
    };
    std::string text;
    while (text.size() < 400'000)
        text += kPieces[roll(std::size(kPieces))];
    const auto boundaryAtOrBefore = [&text](std::size_t pos) {
        pos = std::min(pos, text.size());
        while (pos > 0 && pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80)
            --pos;
        return pos;
    };
    std::vector<Event> events = {Event::keyframe(0, "big.txt", text), Event::keyframe(0, "small.txt", "s"),
                                 Event::focus(0, "big.txt")};
    std::size_t caret = text.size() / 2;
    std::int64_t t = 0;
    while (events.size() < count) {
        t += static_cast<std::int64_t>(roll(20));
        const std::size_t r = roll(1000);
        if (r < 10) {
            caret = boundaryAtOrBefore(roll(text.size() + 1));
            events.push_back(Event::selection(t, "big.txt", {std::int64_t(caret), std::int64_t(caret)}));
        } else if (r < 14) {
            std::string paste;
            for (std::size_t i = roll(3000) + 1; i > 0; --i)
                paste += kPieces[roll(std::size(kPieces))];
            events.push_back(Event::insert(t, "big.txt", std::int64_t(caret), paste));
            text.insert(caret, paste);
        } else if (r < 17 && caret < text.size()) {
            const std::size_t end = boundaryAtOrBefore(caret + roll(12'000) + 1);
            events.push_back(
                Event::erase(t, "big.txt", std::int64_t(caret), text.substr(caret, end - caret)));
            text.erase(caret, end - caret);
        } else if (r < 20) {
            events.push_back(Event::insert(t, "small.txt", 0, "z"));
        } else if (r < 350 && caret > 0) {
            const std::size_t start = boundaryAtOrBefore(caret - 1);
            events.push_back(
                Event::erase(t, "big.txt", std::int64_t(start), text.substr(start, caret - start)));
            text.erase(start, caret - start);
            caret = start;
        } else {
            const std::string piece = kPieces[roll(std::size(kPieces))];
            events.push_back(Event::insert(t, "big.txt", std::int64_t(caret), piece));
            text.insert(caret, piece);
            caret += piece.size();
        }
    }
    return events;
}

} // namespace

class tst_RecordingProperties : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void seekingToRandomTimesEqualsReplayingFromTheStart_data()
    {
        QTest::addColumn<uint>("seed");
        QTest::addColumn<int>("files");
        QTest::newRow("seed1-fiveFiles") << 1u << 5;
        QTest::newRow("seed2-oneFile") << 2u << 1;
        QTest::newRow("seed3-manyFiles") << 3u << 40;
    }

    void seekingToRandomTimesEqualsReplayingFromTheStart()
    {
        QFETCH(uint, seed);
        QFETCH(int, files);
        const auto events =
            RandomSession(seed, {6000, static_cast<std::size_t>(files), true, true, 50}).generate();
        auto rec = Recording::fromEvents(bunny::test::sampleHeader(), events);
        QVERIFY2(rec.ok(), rec.ok() ? "" : rec.message().c_str());
        QVERIFY(rec->keyframeCount() >= events.size() / 1000);

        std::mt19937 rng(seed);
        std::vector<std::int64_t> times;
        for (int i = 0; i < 150; ++i)
            times.push_back(std::uniform_int_distribution<std::int64_t>(-10, rec->durationMs() + 10)(rng));
        times.push_back(0);
        times.push_back(rec->durationMs());
        std::sort(times.begin(), times.end());

        // One replay from the start, compared at each time in order.
        Document replay;
        std::size_t applied = 0;
        for (std::int64_t t : times) {
            while (applied < events.size() && events[applied].t <= t)
                QVERIFY(replay.apply(events[applied++]).ok());
            const Document seeked = rec->stateAt(t);
            QVERIFY2(seeked == replay, qPrintable(QString("t=%1\n").arg(t) + describe(seeked).c_str()));
            QVERIFY(applied - rec->keyframeBefore(applied) <= 1000);
        }
    }

    void aLargeFileEditedALittleAtATimeGetsKeyframesAtMost1000EventsApart()
    {
        // Keyframes share the file's unchanged chunks, so they stay cheap however large the file:
        // the bound holds here as for small files, and seeking equals replaying.
        const auto events = largeFileSession(5, 12'000);
        auto rec = Recording::fromEvents(bunny::test::sampleHeader(), events);
        QVERIFY2(rec.ok(), rec.ok() ? "" : rec.message().c_str());
        std::mt19937 rng(5);
        std::vector<std::size_t> counts;
        for (int i = 0; i < 60; ++i)
            counts.push_back(std::uniform_int_distribution<std::size_t>(0, events.size())(rng));
        counts.push_back(events.size());
        std::sort(counts.begin(), counts.end());
        Document replay;
        std::size_t applied = 0;
        for (std::size_t n : counts) {
            while (applied < n)
                QVERIFY(replay.apply(events[applied++]).ok());
            QVERIFY2(rec->stateAfter(n) == replay, qPrintable(QString("after %1 events").arg(n)));
        }
        for (std::size_t n = 0; n <= events.size(); n += 97)
            QVERIFY2(n - rec->keyframeBefore(n) <= 1000, qPrintable(QString::number(n)));
        // The keyframes together cost about the file's size, not a copy of the text each.
        std::size_t eventBytes = 0;
        for (const Event &e : events)
            eventBytes += serialize(e).size() + 1;
        QVERIFY2(
            rec->memoryBytes() <= 3 * eventBytes,
            qPrintable(QString("%1 bytes for a %2-byte recording").arg(rec->memoryBytes()).arg(eventBytes)));
    }

    void chunkedTextEditsEqualAFlatStringAndLeaveSharedChunksAlone()
    {
        std::mt19937 rng(9);
        const auto roll = [&rng](std::size_t n) {
            return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
        };
        std::string flat(50'000, 'a');
        for (std::size_t i = 0; i < flat.size(); i += 7)
            flat[i] = static_cast<char>('b' + i % 20);
        ChunkedText text(flat);
        std::vector<std::pair<std::shared_ptr<const ChunkedText::Chunks>, std::string>> snapshots;
        for (int step = 0; step < 3000; ++step) {
            const std::size_t pos = roll(flat.size() + 1);
            if (roll(2) == 0) {
                const std::string part(roll(step % 50 == 0 ? 20'000 : 10) + 1,
                                       static_cast<char>('A' + step % 26));
                text.insert(pos, part);
                flat.insert(pos, part);
            } else {
                const std::size_t length = std::min(flat.size() - pos, roll(step % 40 == 0 ? 30'000 : 12));
                QVERIFY(text.matches(pos, std::string_view(flat).substr(pos, length)));
                text.erase(pos, length);
                flat.erase(pos, length);
            }
            QCOMPARE(text.size(), flat.size());
            if (step % 100 == 0) {
                QCOMPARE(text.flatten(), flat);
                snapshots.emplace_back(text.share(), flat);
                QCOMPARE(text.unsharedBytes(), std::size_t(0));
            }
        }
        QCOMPARE(text.flatten(), flat);
        for (const auto &[chunks, expected] : snapshots) {
            QCOMPARE(ChunkedText(chunks).flatten(), expected);
            for (const auto &chunk : *chunks)
                QVERIFY(!chunk->empty() && chunk->size() <= 8192);
        }
    }

    void cursorMovingAtRandomMatchesTheIndex()
    {
        const auto events = RandomSession(7, {5000, 6, true, true, 50}).generate();
        auto rec = Recording::fromEvents(bunny::test::sampleHeader(), events);
        QVERIFY(rec.ok());
        Cursor cursor(*rec);
        std::mt19937 rng(7);
        int backward = 0;
        for (int i = 0; i < 300; ++i) {
            std::size_t target;
            const int kind = std::uniform_int_distribution<int>(0, 3)(rng);
            if (kind == 0)
                target = std::uniform_int_distribution<std::size_t>(0, events.size())(rng);
            else // small steps either way, like frame stepping and short rewinds
                target = static_cast<std::size_t>(
                    std::clamp<std::int64_t>(static_cast<std::int64_t>(cursor.position()) +
                                                 std::uniform_int_distribution<int>(-80, 60)(rng),
                                             0, static_cast<std::int64_t>(events.size())));
            cursor.seek(target);
            backward += cursor.lastMove() == Cursor::Move::Backward;
            QCOMPARE(cursor.position(), target);
            QVERIFY2(cursor.document() == rec->stateAfter(target), qPrintable(QString::number(target)));
        }
        QVERIFY(backward > 20); // the inverse-op path was really taken
    }

    void applyingEveryInverseInReverseRestoresTheInitialState_data()
    {
        QTest::addColumn<uint>("seed");
        QTest::addColumn<bool>("removals");
        QTest::newRow("seed11-withRemovals") << 11u << true;
        QTest::newRow("seed12-withRemovals") << 12u << true;
        QTest::newRow("seed13-noRemovals") << 13u << false;
    }

    void applyingEveryInverseInReverseRestoresTheInitialState()
    {
        QFETCH(uint, seed);
        QFETCH(bool, removals);
        const auto events = RandomSession(seed, {5000, 8, true, removals, 50}).generate();
        // The initial state: the first keyframes and focus; the rest is undone.
        const std::size_t start = 9;
        Document doc;
        for (std::size_t i = 0; i < start; ++i)
            QVERIFY(doc.apply(events[i]).ok());
        const Document initial = doc;
        std::vector<Event> inverses;
        for (std::size_t i = start; i < events.size(); ++i) {
            auto inverse = doc.inverse(events[i]);
            QVERIFY(inverse.ok());
            inverses.push_back(std::move(*inverse));
            QVERIFY(doc.apply(events[i]).ok());
        }
        for (auto it = inverses.rbegin(); it != inverses.rend(); ++it) {
            const auto applied = doc.apply(*it);
            QVERIFY2(applied.ok(), applied.ok() ? "" : applied.message().c_str());
        }
        QCOMPARE(doc.files(), initial.files());
        QCOMPARE(doc.focus(), initial.focus());
        QVERIFY(doc.selections() == initial.selections());
    }

    void writtenSessionsReadBackIdentically_data()
    {
        QTest::addColumn<bool>("gzip");
        QTest::newRow("plain") << false;
        QTest::newRow("gzip") << true;
    }

    void writtenSessionsReadBackIdentically()
    {
        QFETCH(bool, gzip);
        const auto events = RandomSession(21, {4000, 5, true, true, 50}).generate();
        QTemporaryDir dir;
        const std::string path = dir.filePath("s.bunnyrec").toStdString();
        auto writer =
            Writer::create(path, bunny::test::sampleHeader(), {gzip, std::chrono::milliseconds(1000)});
        QVERIFY(writer.ok());
        for (const Event &e : events)
            QVERIFY((*writer)->append(e).ok());
        QVERIFY((*writer)->close().ok());
        auto rec = Recording::load(path);
        QVERIFY2(rec.ok(), rec.ok() ? "" : rec.message().c_str());
        QCOMPARE(rec->events().size(), events.size());
        std::size_t i = 0;
        for (const Event &e : rec->events())
            QVERIFY(e == events[i++]);
    }

    void mangledFilesNeverCrashAndErrorsNameTheLine()
    {
        const auto events = RandomSession(31, {300, 3, true, true, 50}).generate();
        std::string plain = serialize(bunny::test::sampleHeader()) + "\n";
        for (const Event &e : events)
            appendLine(plain, e);
        auto gz = detail::gzip(plain);
        QVERIFY(gz.ok());
        static constexpr char kNoise[] = "[]{}\",:\\0-9e.\n\xc3\xff";
        std::mt19937 rng(31);
        int rejected = 0;
        for (int round = 0; round < 400; ++round) {
            std::string bytes = round % 4 == 3 ? *gz : plain;
            const int edits = std::uniform_int_distribution<int>(1, 4)(rng);
            for (int e = 0; e < edits; ++e) {
                const std::size_t at = std::uniform_int_distribution<std::size_t>(0, bytes.size() - 1)(rng);
                switch (std::uniform_int_distribution<int>(0, 3)(rng)) {
                case 0:
                    bytes[at] = static_cast<char>(std::uniform_int_distribution<int>(0, 255)(rng));
                    break;
                case 1:
                    bytes.erase(at, std::uniform_int_distribution<std::size_t>(1, 40)(rng));
                    break;
                case 2:
                    bytes.insert(at, std::string(1, kNoise[at % (sizeof kNoise - 1)]));
                    break;
                default:
                    bytes.resize(at);
                    break;
                }
            }
            auto rec = Recording::parse(bytes);
            if (rec.ok()) {
                // An op that no longer fits: played up to it, the line named.
                QVERIFY2(rec->stoppedAt().empty() || rec->stoppedAt().rfind("line ", 0) == 0,
                         rec->stoppedAt().c_str());
                continue;
            }
            ++rejected;
            const std::string &m = rec.message();
            QVERIFY2(m.rfind("line ", 0) == 0 || m.rfind("after line ", 0) == 0, m.c_str());
        }
        QVERIFY(rejected > 100);
    }
};

QTEST_GUILESS_MAIN(tst_RecordingProperties)
#include "tst_recordingproperties.moc"
