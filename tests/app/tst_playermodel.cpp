#include "player/playerfork.h"
#include "player/playermodel.h"
#include "recorder/sessionrecovery.h"
#include "recordingfactory.h"

#include <recording/recording.h>

#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <set>

#include <zlib.h>

using bunny::app::PlayerModel;
using namespace bunny::testing;
using bunny::Result;

namespace {

bunny::rec::Recording load(const QString &path)
{
    auto loaded = bunny::rec::Recording::load(path.toStdString());
    if (!loaded)
        qFatal("cannot load %s: %s", qPrintable(path), loaded.message().c_str());
    return std::move(loaded).value();
}

QString git(const QStringList &arguments, int *exitCode = nullptr)
{
    QProcess process;
    process.start(QStringLiteral("git"), arguments);
    process.waitForFinished(30000);
    if (exitCode)
        *exitCode = process.exitCode();
    return QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError());
}

} // namespace

class tst_PlayerModel : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path; ///< a 3,000-event session with idle pauses
    GeneratedRecording m_generated;

    QString write(const QString &name, const GeneratedRecording &recording)
    {
        const QString path = m_dir.filePath(name);
        if (!writeFile(path, serializeRecording(recording)))
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_generated = generateRecording(7, 3000, "2026-11-29T05:00:00Z", 700);
        m_path = write(QStringLiteral("session.bunnyrec"), m_generated);
    }

    void playingToTheEndAt16xEqualsTheFinalTextOfEveryFile()
    {
        const QString path =
            write(QStringLiteral("short.bunnyrec"), generateRecording(11, 800, "2026-11-29T05:00:00Z"));
        const auto recording = load(path);
        PlayerModel model;
        QVERIFY(model.open({path}));
        const std::size_t atStart = model.appliedCount();
        model.setSpeed(16);
        QCOMPARE(model.speed(), 16.0);
        model.play();
        QVERIFY(model.isPlaying());
        QTRY_VERIFY_WITH_TIMEOUT(!model.isPlaying(), 60000);
        QCOMPARE(model.position(), model.duration());
        QCOMPARE(model.appliedCount(), recording.events().size());
        // Every event went through the clock one by one: none was skipped by a keyframe jump.
        QCOMPARE(model.playedEventCount(), recording.events().size() - atStart);
        QVERIFY(model.document() == recording.stateAfter(recording.events().size()));
    }

    void seekingToRandomTimesEqualsTheLibrarysModel_data()
    {
        QTest::addColumn<bool>("compress");
        QTest::newRow("idleCompressed") << true;
        QTest::newRow("realTime") << false;
    }

    void seekingToRandomTimesEqualsTheLibrarysModel()
    {
        QFETCH(bool, compress);
        const auto recording = load(m_path);
        PlayerModel model;
        QVERIFY(model.open({m_path}));
        model.setIdleCompression(compress);
        std::mt19937 random(42);
        for (int i = 0; i < 300; ++i) {
            // Mix long jumps with short hops forward and back (the incremental paths).
            const qint64 target = i % 3 == 0 ? qint64(random() % quint64(model.duration() + 1))
                                             : model.position() + qint64(random() % 4001) - 2000;
            model.seek(target);
            const qint64 at = model.position();
            QVERIFY(at >= 0 && at <= model.duration());
            if (!compress) {
                // Without compression timeline time is recording time: the library answers directly.
                QVERIFY2(model.document() == recording.stateAt(at), qPrintable(QString::number(at)));
            }
            QCOMPARE(model.appliedCount(), model.timeline().countAt(at));
            QVERIFY(model.document() == recording.stateAfter(model.appliedCount()));
        }
    }

    void idleTimeIsCompressedToTheLimit_data()
    {
        QTest::addColumn<std::optional<std::int64_t>>("headerLimit");
        QTest::addColumn<qint64>("limit");
        QTest::newRow("defaultTwoSeconds") << std::optional<std::int64_t>() << qint64(2000);
        QTest::newRow("headerHalfSecond") << std::optional<std::int64_t>(500) << qint64(500);
    }

    void idleTimeIsCompressedToTheLimit()
    {
        QFETCH(std::optional<std::int64_t>, headerLimit);
        QFETCH(qint64, limit);
        GeneratedRecording recording{makeHeader("2026-11-29T05:00:00Z"), {}};
        recording.header.idleTimeLimitMs = headerLimit;
        recording.events = {bunny::rec::Event::keyframe(0, "a.py", ""),
                            bunny::rec::Event::insert(100, "a.py", 0, "a"),
                            bunny::rec::Event::insert(60100, "a.py", 1, "b"),
                            bunny::rec::Event::insert(60200, "a.py", 2, "c")};
        const QString path = write(QStringLiteral("idle-%1.bunnyrec").arg(limit), recording);
        PlayerModel model;
        QVERIFY(model.open({path}));
        QVERIFY(model.idleCompression());
        QCOMPARE(model.duration(), 100 + limit + 100);
        model.seek(100 + limit);
        QCOMPARE(*model.document().text("a.py"), std::string("ab"));
        model.setIdleCompression(false);
        QCOMPARE(model.duration(), qint64(60200));
        QCOMPARE(*model.document().text("a.py"), std::string("ab"));
        QCOMPARE(model.position(), qint64(60100));
    }

    void steppingBackRestoresDeletedText()
    {
        PlayerModel model;
        QVERIFY(model.open({m_path}));
        const auto recording = load(m_path);
        // Step to just after the first delete, then one event back.
        std::size_t deleteIndex = 0;
        while (recording.events()[deleteIndex].code != bunny::rec::Code::Delete)
            ++deleteIndex;
        model.seek(model.timeline().timeOf(deleteIndex - 1));
        while (model.appliedCount() <= deleteIndex)
            model.stepForward();
        QCOMPARE(model.appliedCount(), deleteIndex + 1);
        const auto erase = recording.events()[deleteIndex];
        const std::string after = *model.document().text(erase.path);
        QSignalSpy stepped(&model, &PlayerModel::stepped);
        model.stepBackward();
        QCOMPARE(model.appliedCount(), deleteIndex);
        QCOMPARE(stepped.count(), 1); // an inverse op, not a reload
        const std::string restored = *model.document().text(erase.path);
        QCOMPARE(restored.size(), after.size() + erase.text.size());
        QCOMPARE(restored.substr(std::size_t(erase.pos), erase.text.size()), erase.text);
        QVERIFY(model.document() == recording.stateAfter(deleteIndex));
    }

    void steppingOneEventAtATimeMatchesTheLibraryBothWays()
    {
        PlayerModel model;
        QVERIFY(model.open({m_path}));
        const auto recording = load(m_path);
        model.seekFraction(0.5);
        const std::size_t start = model.appliedCount();
        for (int i = 0; i < 200; ++i) {
            model.stepForward();
            QCOMPARE(model.appliedCount(), start + std::size_t(i) + 1);
            QVERIFY(model.document() == recording.stateAfter(model.appliedCount()));
        }
        for (int i = 0; i < 400; ++i) {
            model.stepBackward();
            QVERIFY(model.document() == recording.stateAfter(model.appliedCount()));
        }
        QCOMPARE(model.appliedCount(), start - 200);
    }

    void markersAreVisitedInOrderBothWays()
    {
        PlayerModel model;
        QVERIFY(model.open({m_path}));
        const auto &markers = model.timeline().markers();
        QVERIFY(markers.size() > 3);
        qint64 last = -1;
        std::size_t visited = 0;
        for (;;) {
            model.nextMarker();
            if (model.position() == last)
                break;
            QVERIFY(model.position() > last);
            last = model.position();
            ++visited;
        }
        // Markers at the same moment are one stop.
        std::set<qint64> times;
        for (const auto &marker : markers)
            times.insert(marker.time);
        QCOMPARE(visited, times.size() - (times.count(0) ? 1 : 0));
        model.previousMarker();
        QCOMPARE(model.position(), *std::prev(times.end(), 2));
    }

    void outputShowsTheCurrentRunWithItsStreams()
    {
        PlayerModel model;
        QVERIFY(model.open({m_path}));
        const auto &markers = model.timeline().markers();
        const auto run =
            std::find_if(markers.begin(), markers.end(), [](const auto &m) { return m.kind == "run"; });
        QVERIFY(run != markers.end());
        model.seek(run->time + 10000);
        const auto output = model.output();
        QVERIFY(output.size() >= 2);
        QCOMPARE(output[output.size() - 2].first, std::string("stdout"));
        QCOMPARE(output.back(), std::make_pair(std::string("stderr"), std::string("warning: é\n")));
        model.seek(0);
        QVERIFY(model.output().empty());
    }

    void consecutiveRecordingsPlayAsOneTimeline()
    {
        const auto first = generateRecording(1, 400, "2026-11-29T05:00:00Z");
        auto second = generateRecording(2, 500, "2026-11-29T09:30:00Z");
        second.header.title = "Second session";
        const QString a = write(QStringLiteral("one.bunnyrec"), first);
        const QString b = write(QStringLiteral("two.bunnyrec"), second);
        const auto ra = load(a), rb = load(b);
        PlayerModel model;
        QVERIFY(model.open({b, a})); // any order: laid out by their start
        QCOMPARE(model.paths(), QStringList({a, b}));
        QCOMPARE(model.timeline().segmentCount(), std::size_t(2));
        QCOMPARE(model.timeline().eventCount(), ra.events().size() + rb.events().size());
        const qint64 firstEnd = model.timeline().timeOf(ra.events().size() - 1);
        // Hours between the sessions become one idle limit.
        QCOMPARE(model.timeline().timeOf(ra.events().size()), firstEnd + 2000);
        model.seek(firstEnd);
        QVERIFY(model.document() == ra.stateAfter(ra.events().size()));
        model.seek(firstEnd + 2000);
        QVERIFY(model.document() == rb.stateAt(0));
        model.seek(model.duration());
        QVERIFY(model.document() == rb.stateAfter(rb.events().size()));
        // Stepping back over the boundary shows the end of the first session again.
        model.seek(firstEnd + 2000);
        while (model.appliedCount() > ra.events().size())
            model.stepBackward();
        QVERIFY(model.document() == ra.stateAfter(ra.events().size()));
        // Playing across the boundary applies every event of both.
        model.seek(firstEnd - 3000);
        model.setSpeed(16);
        model.play();
        QTRY_VERIFY_WITH_TIMEOUT(!model.isPlaying(), 60000);
        QVERIFY(model.document() == rb.stateAfter(rb.events().size()));
    }

    void growingFileExtendsTheTimeline()
    {
        const auto full = generateRecording(3, 600, "2026-11-29T05:00:00Z");
        const QByteArray bytes = serializeRecording(full);
        // The first ~half, cut inside a line, as a recorder that has not flushed the rest.
        const qsizetype cut = bytes.indexOf('\n', bytes.size() / 2) + 20;
        const QString path = m_dir.filePath(QStringLiteral("live.bunnyrec"));
        QVERIFY(writeFile(path, bytes.left(cut)));
        // As the recorder does while its session is open: the player waits for more at the end.
        QVERIFY(bunny::app::sessionrecovery::createLock(path));
        PlayerModel model;
        QVERIFY(model.open({path}));
        QVERIFY(model.isLive());
        const std::size_t firstCount = model.timeline().eventCount();
        QVERIFY(firstCount > 0 && firstCount < full.events.size());
        QVERIFY(!model.warnings().isEmpty()); // the cut line is reported, not played
        const qint64 firstDuration = model.duration();
        model.seek(firstDuration);
        QSignalSpy grew(&model, &PlayerModel::durationChanged);

        QVERIFY(writeFile(path, bytes.mid(cut), QIODevice::Append));
        QTRY_VERIFY_WITH_TIMEOUT(grew.count() > 0, 10000); // the poll timer notices
        QCOMPARE(model.timeline().eventCount(), full.events.size());
        QVERIFY(model.duration() > firstDuration);
        QCOMPARE(model.position(), firstDuration); // the state stays where it was
        model.setSpeed(16);
        model.play();
        QTRY_VERIFY_WITH_TIMEOUT(model.appliedCount() == full.events.size(), 60000);
        const auto recording = load(path);
        QVERIFY(model.document() == recording.stateAfter(recording.events().size()));
        // Live: the clock waits at the end for more rather than stopping.
        QVERIFY(model.isPlaying());
        QVERIFY(writeFile(path,
                          QByteArray::fromStdString(bunny::rec::serialize(bunny::rec::Event::marker(
                                                        full.events.back().t + 500, "note", "more")) +
                                                    "\n"),
                          QIODevice::Append));
        QTRY_VERIFY_WITH_TIMEOUT(model.appliedCount() == full.events.size() + 1, 10000);
        // The writer closes its file (the recorder removes its lock): the session has ended, the
        // player stops at the end and Play starts again from the beginning.
        QSignalSpy live(&model, &PlayerModel::liveChanged);
        bunny::app::sessionrecovery::removeLock(path);
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLive(), 10000);
        QCOMPARE(live.count(), 1);
        QVERIFY(!model.isPlaying());
        model.play();
        QCOMPARE(model.position(), 0);
        model.pause();
    }

    void activityCountsEditsPerTimelineSecond()
    {
        using E = bunny::rec::Event;
        // Keyframes, inserts and deletes are edits; carets, markers and output are not. The
        // 6.8 s pause is shortened to the 2 s limit, so the last insert lands in second 4.
        GeneratedRecording recording{makeHeader("2026-11-29T05:00:00Z"),
                                     {E::keyframe(0, "a.py", ""), E::insert(100, "a.py", 0, "ab"),
                                      E::insert(200, "a.py", 2, "c"), E::selection(250, "a.py", {3, 3}),
                                      E::marker(300, "note", "n"), E::output(400, "stdout", "x"),
                                      E::insert(2100, "a.py", 0, "d"), E::erase(2200, "a.py", 0, "d"),
                                      E::insert(9000, "a.py", 0, "e")}};
        const QString path = write(QStringLiteral("activity.bunnyrec"), recording);
        PlayerModel model;
        QVERIFY(model.open({path}));
        QCOMPARE(model.duration(), 4200);
        QCOMPARE(model.timeline().activity(), (std::vector<int>{3, 0, 2, 0, 1}));
        model.setIdleCompression(false);
        QCOMPARE(model.timeline().activity().size(), std::size_t(10));
        QCOMPARE(model.timeline().activity()[9], 1);
    }

    void growthParsesOnlyTheNewBytes()
    {
        const auto full = generateRecording(5, 2000, "2026-11-29T05:00:00Z");
        const QByteArray bytes = serializeRecording(full);
        const QString path = m_dir.filePath(QStringLiteral("appended.bunnyrec"));
        qsizetype written = bytes.indexOf('\n', 1000) + 1;
        QVERIFY(writeFile(path, bytes.left(written)));
        PlayerModel model;
        QVERIFY(model.open({path}));
        QCOMPARE(model.parsedBytes(), std::size_t(written));
        // 60 growths of ~1/60 of the file each, cut anywhere (mid-line too): every byte and every
        // event is looked at once, however much came before.
        const qsizetype step = bytes.size() / 60 + 1;
        for (int growth = 0; written < bytes.size(); ++growth) {
            const QByteArray more = bytes.mid(written, step);
            QVERIFY(writeFile(path, more, QIODevice::Append));
            const std::size_t parsedBefore = model.parsedBytes();
            QVERIFY(model.refresh());
            QCOMPARE(model.parsedBytes() - parsedBefore, std::size_t(more.size()));
            QCOMPARE(model.timeline().indexedEventTotal(), model.timeline().eventCount());
            written += more.size();
        }
        QCOMPARE(model.parsedBytes(), std::size_t(bytes.size()));
        QCOMPARE(model.timeline().eventCount(), full.events.size());
        model.seek(model.duration());
        const auto recording = load(path);
        QVERIFY(model.document() == recording.stateAfter(recording.events().size()));
        // The timeline built piece by piece equals one built at once.
        PlayerModel once;
        QVERIFY(once.open({path}));
        for (std::size_t i = 0; i < once.timeline().eventCount(); i += 97)
            QCOMPARE(model.timeline().timeOf(i), once.timeline().timeOf(i));
        QCOMPARE(model.timeline().markers().size(), once.timeline().markers().size());
        QCOMPARE(model.timeline().activity(), once.timeline().activity());
        QCOMPARE(model.duration(), once.duration());
    }

    void downloadParsesEveryChunkOnce()
    {
        const QByteArray bytes = serializeRecording(m_generated);
        PlayerModel model;
        model.openStream(QStringLiteral("download"));
        for (qsizetype at = 0; at < bytes.size(); at += 4096) {
            const std::size_t before = model.parsedBytes();
            const QByteArray chunk = bytes.mid(at, 4096);
            QVERIFY(model.appendData(chunk));
            QCOMPARE(model.parsedBytes() - before, std::size_t(chunk.size()));
            QCOMPARE(model.timeline().indexedEventTotal(), model.timeline().eventCount());
        }
        QCOMPARE(model.parsedBytes(), std::size_t(bytes.size()));
        QCOMPARE(model.timeline().eventCount(), m_generated.events.size());
    }

    void finishedDownloadLeavesLiveModeAndPlayRestartsFromZero()
    {
        const auto generated = generateRecording(11, 200, "2026-11-29T05:00:00Z");
        const std::size_t count = generated.events.size();
        QByteArray bytes = serializeRecording(generated);
        bytes.chop(1); // the last line without its newline: taken when the download ends
        PlayerModel model;
        model.openStream(QStringLiteral("download"));
        QVERIFY(model.isLive());
        QVERIFY(model.appendData(bytes));
        QCOMPARE(model.timeline().eventCount(), count - 1);
        model.setSpeed(16);
        model.play();
        QTRY_VERIFY_WITH_TIMEOUT(model.appliedCount() == count - 1, 30000);
        QTest::qWait(3 * PlayerModel::kTickMs);
        QVERIFY(model.isPlaying()); // waiting at the end for more
        QSignalSpy live(&model, &PlayerModel::liveChanged);
        QSignalSpy playing(&model, &PlayerModel::playingChanged);
        QVERIFY(model.finishStream());
        QCOMPARE(model.timeline().eventCount(), count);
        QVERIFY(!model.isLive());
        QCOMPARE(live.count(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(!model.isPlaying(), 10000); // plays the last event, then stops
        QCOMPARE(model.appliedCount(), count);
        QCOMPARE(playing.count(), 1);
        model.play();
        QCOMPARE(model.position(), 0);
        QVERIFY(model.isPlaying());
        model.pause();
    }

    void brokenDownloadIsReported()
    {
        const QByteArray bytes = serializeRecording(m_generated);
        PlayerModel model;
        model.openStream(QStringLiteral("download"));
        QSignalSpy errors(&model, &PlayerModel::errorOccurred);
        QVERIFY(model.appendData(bytes.left(bytes.size() / 2)));
        QVERIFY(!model.finishStream(QStringLiteral("the server went away")));
        QCOMPARE(errors.count(), 1);
        QVERIFY(errors.first().first().toString().contains(QStringLiteral("the server went away")));
        QVERIFY(!model.isLive());
        QVERIFY(!model.appendData(bytes.mid(bytes.size() / 2))); // nothing is taken after the end
    }

    void badLineInADownloadIsReportedAndEndsTheStream()
    {
        QByteArray bytes = serializeRecording(m_generated);
        // Line 101 becomes garbage; the 99 events before it play.
        qsizetype at = 0;
        for (int line = 0; line < 100; ++line)
            at = bytes.indexOf('\n', at) + 1;
        bytes.insert(at, "{oops\n");
        PlayerModel model;
        model.openStream(QStringLiteral("download.bunnyrec"));
        QSignalSpy errors(&model, &PlayerModel::errorOccurred);
        Result<void> last;
        for (qsizetype from = 0; from < bytes.size() && last; from += 5000)
            last = model.appendData(bytes.mid(from, 5000));
        QVERIFY(!last);
        QVERIFY2(QString::fromStdString(last.message()).contains(QStringLiteral("line 101")),
                 last.message().c_str());
        QCOMPARE(errors.count(), 1);
        QVERIFY(errors.first().first().toString().contains(QStringLiteral("download.bunnyrec: line 101")));
        QCOMPARE(model.timeline().eventCount(), std::size_t(99));
        QVERIFY(!model.isLive());
        QVERIFY(model.finishStream()); // the download's own end adds nothing more
        QCOMPARE(errors.count(), 1);
    }

    void fileStillForTheLiveTimeoutIsFinished()
    {
        const QByteArray bytes = serializeRecording(generateRecording(13, 300, "2026-11-29T05:00:00Z"));
        const QString path = m_dir.filePath(QStringLiteral("still.bunnyrec"));
        const qsizetype half = bytes.indexOf('\n', bytes.size() / 2) + 1;
        QVERIFY(writeFile(path, bytes.left(half)));
        PlayerModel model;
        model.setLiveTimeout(1500);
        QVERIFY(model.open({path}));
        QVERIFY(!model.isLive()); // no writer holds it
        QVERIFY(writeFile(path, bytes.mid(half), QIODevice::Append));
        QSignalSpy live(&model, &PlayerModel::liveChanged);
        QTRY_VERIFY_WITH_TIMEOUT(live.count() == 2, 15000); // live when it grew, finished once still
        QVERIFY(live.at(0).first().toBool());
        QVERIFY(!live.at(1).first().toBool());
        QVERIFY(!model.isLive());
    }

    void downloadedBytesPlayAsTheyArrive()
    {
        const QByteArray bytes = serializeRecording(m_generated);
        const auto recording = load(m_path);
        PlayerModel model;
        model.openStream(QStringLiteral("download"));
        QSignalSpy opened(&model, &PlayerModel::opened);
        std::size_t lastCount = 0;
        for (qsizetype at = 0; at < bytes.size(); at += 7919) {
            QVERIFY(model.appendData(bytes.mid(at, 7919)));
            QVERIFY(model.timeline().eventCount() >= lastCount);
            lastCount = model.timeline().eventCount();
        }
        QCOMPARE(opened.count(), 1);
        QCOMPARE(model.timeline().eventCount(), recording.events().size());
        model.seek(model.duration());
        QVERIFY(model.document() == recording.stateAfter(recording.events().size()));
    }

    void gzipRecordingsOpen()
    {
        const QByteArray plain = serializeRecording(m_generated);
        const QString path = m_dir.filePath(QStringLiteral("session.bunnyrec.gz"));
        gzFile gz = gzopen(path.toLocal8Bit().constData(), "wb");
        QVERIFY(gz);
        QCOMPARE(gzwrite(gz, plain.constData(), unsigned(plain.size())), int(plain.size()));
        QCOMPARE(gzclose(gz), Z_OK);
        PlayerModel model;
        QVERIFY(model.open({path}));
        QCOMPARE(model.timeline().eventCount(), m_generated.events.size());
    }

    void badFilesGetAMessageNamingTheLine_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("line");
        const QByteArray header =
            R"({"bunnyrec":1,"id":"x","started":"2026-11-29T05:00:00Z","title":"t","author":"a","language":"python"})"
            "\n";
        QTest::newRow("notJson")
            << header +
                   "[0,\"k\",\"a.py\",\"\"]\n[5,\"i\",\"a.py\",0,\"x\"]\n{oops\n[9,\"m\",\"note\",\"\"]\n"
            << QStringLiteral("line 4");
        QTest::newRow("timeGoesBack")
            << header + "[0,\"k\",\"a.py\",\"\"]\n[50,\"i\",\"a.py\",0,\"x\"]\n[10,\"i\",\"a.py\",0,\"y\"]\n"
            << QStringLiteral("line 4");
        QTest::newRow("noHeader") << QByteArray("[0,\"k\",\"a.py\",\"\"]\n") << QStringLiteral("line 1");
    }

    void badFilesGetAMessageNamingTheLine()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, line);
        const QString path = m_dir.filePath(QStringLiteral("bad-%1.bunnyrec").arg(QTest::currentDataTag()));
        QVERIFY(writeFile(path, content));
        PlayerModel model;
        QVERIFY(model.open({m_path}));
        const auto result = model.open({path});
        QVERIFY(!result);
        const QString message = QString::fromStdString(result.message());
        QVERIFY2(message.contains(line) && message.contains(QFileInfo(path).fileName()), qPrintable(message));
        QCOMPARE(model.paths(), QStringList{m_path}); // what was open stays open
    }

    void truncatedLastLinePlaysUpToItsEnd()
    {
        QByteArray bytes = serializeRecording(m_generated);
        bytes.chop(9); // inside the last line
        const QString path = m_dir.filePath(QStringLiteral("crashed.bunnyrec"));
        QVERIFY(writeFile(path, bytes));
        PlayerModel model;
        QVERIFY(model.open({path}));
        QCOMPARE(model.timeline().eventCount(), m_generated.events.size() - 1);
        QVERIFY(model.warnings().join(' ').contains(QStringLiteral("line")));
    }

    void anOpThatDoesNotFitPlaysUpToItWithAWarning()
    {
        // A recorder's bug (deleted text that differs) costs the events from there on only.
        const QString path = m_dir.filePath(QStringLiteral("badop.bunnyrec"));
        QVERIFY(writeFile(
            path,
            R"({"bunnyrec":1,"id":"x","started":"2026-11-29T05:00:00Z","title":"t","author":"a","language":"python"})"
            "\n[0,\"k\",\"a.py\",\"abc\"]\n[5,\"d\",\"a.py\",0,\"zz\"]\n"));
        PlayerModel model;
        QVERIFY(model.open({path}));
        QCOMPARE(model.timeline().eventCount(), std::size_t(1));
        const QString warnings = model.warnings().join(' ');
        QVERIFY2(warnings.contains(QStringLiteral("line 3")) &&
                     warnings.contains(QStringLiteral("badop.bunnyrec")),
                 qPrintable(warnings));
    }

    void forkWritesTheFilesAndMakesARepositoryWithOneCommit()
    {
        PlayerModel model;
        QVERIFY(model.open({m_path}));
        model.seekFraction(0.6);
        const QString dir = m_dir.filePath(QStringLiteral("fork"));
        QVERIFY(model.forkTo(dir));
        for (const auto &[path, text] : model.document().files()) {
            QFile file(QDir(dir).filePath(QString::fromStdString(path)));
            QVERIFY(file.open(QIODevice::ReadOnly));
            QCOMPARE(file.readAll(), QByteArray::fromStdString(text));
        }
        int code = -1;
        const QStringList log = git({"-C", dir, "log", "--oneline"}, &code).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(code, 0);
        QCOMPARE(log.size(), 1);
        QVERIFY2(log.first().contains(QStringLiteral("Fork of")), qPrintable(log.first()));
        git({"-C", dir, "fsck", "--strict"}, &code);
        QCOMPARE(code, 0);
        QCOMPARE(git({"-C", dir, "status", "--porcelain"}, &code), QString());
        const QStringList tracked = git({"-C", dir, "ls-files"}).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(std::size_t(tracked.size()), model.document().files().size());
        // A second fork into the same, now non-empty, folder is refused.
        QVERIFY(!model.forkTo(dir));
    }

    void forkRefusesPathsOutsideTheProject_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("parent") << QStringLiteral("../evil.py");
        QTest::newRow("absolute") << QStringLiteral("/tmp/evil.py");
        QTest::newRow("gitDir") << QStringLiteral(".git/hooks/pre-commit");
        QTest::newRow("nestedParent") << QStringLiteral("src/../../evil.py");
    }

    void forkRefusesPathsOutsideTheProject()
    {
        QFETCH(QString, path);
        QVERIFY(!bunny::app::isSafeRelativePath(path.toStdString()));
        QVERIFY(bunny::app::isSafeRelativePath("src/ok/main.py"));
        bunny::rec::Document document;
        QVERIFY(document.apply(bunny::rec::Event::keyframe(0, "ok.py", "fine")));
        QVERIFY(document.apply(bunny::rec::Event::keyframe(0, path.toStdString(), "bad")));
        const QString dir = m_dir.filePath(QStringLiteral("unsafe-%1").arg(QTest::currentDataTag()));
        const auto result = bunny::app::writeFork(document, dir, QStringLiteral("x"));
        QVERIFY(!result);
        QVERIFY(!QFileInfo::exists(QDir(dir).filePath(QStringLiteral("ok.py")))); // nothing half-written
    }
};

QTEST_GUILESS_MAIN(tst_PlayerModel)
#include "tst_playermodel.moc"
