// Properties over random editing sessions (fixed seeds, so failures reproduce).

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
                    bytes.insert(at, std::string(1, "[]{}\",:\\0-9e.\n\xc3\xff"[at % 18]));
                    break;
                default:
                    bytes.resize(at);
                    break;
                }
            }
            auto rec = Recording::parse(bytes);
            if (rec.ok())
                continue;
            ++rejected;
            const std::string &m = rec.message();
            QVERIFY2(m.rfind("line ", 0) == 0 || m.rfind("corrupt gzip data", 0) == 0, m.c_str());
        }
        QVERIFY(rejected > 100);
    }
};

QTEST_GUILESS_MAIN(tst_RecordingProperties)
#include "tst_recordingproperties.moc"
