// The shared flusher of battle recordings: real files, real writers without their own threads.
#include <battles/recordingflusher.h>

#include <recording/recording.h>
#include <recording/writer.h>

#include <QTemporaryDir>
#include <QTest>

#include <fstream>
#include <sstream>

using namespace bunny;
using bunny::backend::battles::RecordingFlusher;

namespace {

std::string contents(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::shared_ptr<rec::Writer> openWriter(const std::string &path)
{
    rec::Header header;
    header.id = "battle";
    header.started = "2026-11-29T12:00:00.000Z";
    header.title = "a battle";
    rec::WriterOptions options;
    options.ownThread = false;
    auto writer = rec::Writer::create(path, header, options);
    return writer ? std::shared_ptr<rec::Writer>(std::move(*writer)) : nullptr;
}

} // namespace

class tst_RecordingFlusher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyRecordingReachesTheDiskWithoutItsOwnThread_data()
    {
        QTest::addColumn<int>("threads");
        QTest::addColumn<int>("recordings");
        QTest::newRow("one thread, one recording") << 1 << 1;
        QTest::newRow("four threads, fewer recordings than threads") << 4 << 3;
        QTest::newRow("four threads, a hundred recordings") << 4 << 100;
    }

    void everyRecordingReachesTheDiskWithoutItsOwnThread()
    {
        QFETCH(int, threads);
        QFETCH(int, recordings);
        QTemporaryDir dir;
        RecordingFlusher flusher(threads, std::chrono::milliseconds(20));
        std::vector<std::shared_ptr<rec::Writer>> writers;
        for (int i = 0; i < recordings; ++i) {
            auto w = openWriter(dir.filePath(QString("b%1.bunnyrec").arg(i)).toStdString());
            QVERIFY(w);
            QVERIFY(w->append(rec::Event::keyframe(0, "p1/main.py", "battle " + std::to_string(i))).ok());
            flusher.add(w);
            writers.push_back(w);
        }
        QCOMPARE(flusher.size(), std::size_t(recordings));
        // Nobody but the flusher writes them: the writers have no thread and nothing calls flush.
        for (int i = 0; i < recordings; ++i)
            QTRY_VERIFY_WITH_TIMEOUT(
                contents(writers[std::size_t(i)]->path()).find("battle " + std::to_string(i)) !=
                    std::string::npos,
                10000);
        // Later events too, on the next beats.
        QVERIFY(writers.back()->append(rec::Event::marker(10, "end", "over")).ok());
        QTRY_VERIFY_WITH_TIMEOUT(contents(writers.back()->path()).find("over") != std::string::npos, 10000);
        for (auto &w : writers) {
            flusher.remove(w.get());
            QVERIFY(w->close().ok());
        }
        QCOMPARE(flusher.size(), std::size_t(0));
        for (auto &w : writers) {
            auto read = rec::Recording::load(w->path());
            QVERIFY2(read.ok(), read.ok() ? "" : read.message().c_str());
            QVERIFY(read->warnings().empty());
        }
    }

    void aRecordingClosedWhileTheFlusherRunsIsNoError()
    {
        QTemporaryDir dir;
        RecordingFlusher flusher(2, std::chrono::milliseconds(1));
        // Close writers right as the flusher may be flushing them: each close must succeed and
        // leave a complete file (the flusher does not write to a closed writer's descriptor).
        for (int i = 0; i < 50; ++i) {
            auto w = openWriter(dir.filePath(QString("c%1.bunnyrec").arg(i)).toStdString());
            QVERIFY(w);
            flusher.add(w);
            QVERIFY(w->append(rec::Event::keyframe(0, "p1/main.py", "text")).ok());
            QVERIFY(w->append(rec::Event::marker(1, "end", "done")).ok());
            flusher.remove(w.get());
            QVERIFY(w->close().ok());
            auto read = rec::Recording::load(w->path());
            QVERIFY2(read.ok(), read.ok() ? "" : read.message().c_str());
            QCOMPARE(read->events().size(), std::size_t(2));
        }
    }
};

QTEST_GUILESS_MAIN(tst_RecordingFlusher)
#include "tst_recordingflusher.moc"
