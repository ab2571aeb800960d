// Figures for the replay player (app/player/README.md): seek + repaint on a 200,000-event
// recording, and playback at 16x counting applied against expected events. Prints, asserts nothing.

#include "player/playereditors.h"
#include "player/playermodel.h"
#include "player/playerwindow.h"
#include "player/timelinewidget.h"
#include "recordingfactory.h"

#include <Qsci/qsciscintilla.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <numeric>
#include <random>

using namespace bunny;

namespace {

struct Figures
{
    double p50 = 0, p99 = 0, max = 0;
};

Figures figures(std::vector<double> ms)
{
    std::sort(ms.begin(), ms.end());
    const auto at = [&](double q) { return ms[std::min(ms.size() - 1, std::size_t(q * double(ms.size())))]; };
    return {at(0.5), at(0.99), ms.back()};
}

/// Seeks as a user would and paints what changed: the visible editor and the timeline.
/// CPU time of this thread: what a seek costs regardless of other processes on a shared machine.
double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

struct Seek
{
    double wall = 0, cpu = 0, update = 0, editorPaint = 0, timelinePaint = 0;
};

/// Seeks as a user would and paints what changed: the visible editor and the timeline.
Seek seekAndRepaint(app::PlayerWindow &window, qint64 target)
{
    Seek seek;
    const double cpu = threadCpuMs();
    QElapsedTimer timer;
    timer.start();
    window.seekTo(target); // the model and, through its signals, the editors and output panel
    seek.update = double(timer.nsecsElapsed()) / 1e6;
    if (QWidget *editor = window.editors()->currentWidget())
        static_cast<QsciScintilla *>(editor)->viewport()->repaint();
    seek.editorPaint = double(timer.nsecsElapsed()) / 1e6 - seek.update;
    window.timelineWidget()->repaint();
    seek.wall = double(timer.nsecsElapsed()) / 1e6;
    seek.timelinePaint = seek.wall - seek.update - seek.editorPaint;
    seek.cpu = threadCpuMs() - cpu;
    return seek;
}

void benchSeeks(app::PlayerWindow &window, const char *name, bool hops)
{
    std::mt19937 random(17);
    std::vector<double> wall, cpu, update, editorPaint, timelinePaint;
    const qint64 duration = window.model()->duration();
    // Hops wander from 60 % in, where the files have their typical size (not the tiny start).
    if (hops)
        seekAndRepaint(window, duration * 6 / 10);
    for (int i = 0; i < 300; ++i) {
        const qint64 target = hops ? window.model()->position() + qint64(random() % 10001) - 5000
                                   : qint64(random() % quint64(duration + 1));
        const Seek seek = seekAndRepaint(window, std::clamp<qint64>(target, 0, duration));
        wall.push_back(seek.wall);
        cpu.push_back(seek.cpu);
        update.push_back(seek.update);
        editorPaint.push_back(seek.editorPaint);
        timelinePaint.push_back(seek.timelinePaint);
    }
    const Figures w = figures(wall), c = figures(cpu);
    std::printf("%-34s wall p50 %6.2f ms p99 %6.2f ms | thread CPU p50 %6.2f ms p99 %6.2f ms (300 seeks)\n",
                name, w.p50, w.p99, c.p50, c.p99);
    std::printf("%-34s p50 / p99: update %.2f / %.2f ms, editor paint %.2f / %.2f ms, timeline paint "
                "%.2f / %.2f ms\n",
                "", figures(update).p50, figures(update).p99, figures(editorPaint).p50,
                figures(editorPaint).p99, figures(timelinePaint).p50, figures(timelinePaint).p99);
}

void benchPlayback(app::PlayerWindow &window, const char *name, qint64 wallMs)
{
    app::PlayerModel *model = window.model();
    model->seek(0);
    const std::size_t startCount = model->appliedCount();
    std::vector<double> frameGaps;
    QElapsedTimer frame;
    frame.start();
    const auto connection = QObject::connect(model, &app::PlayerModel::positionChanged, &window, [&] {
        frameGaps.push_back(double(frame.nsecsElapsed()) / 1e6);
        frame.restart();
    });
    model->setSpeed(16);
    model->play();
    QElapsedTimer wall;
    wall.start();
    while (model->isPlaying() && wall.elapsed() < wallMs)
        QApplication::processEvents(QEventLoop::AllEvents, 5);
    model->pause();
    QObject::disconnect(connection);
    const std::size_t expected = model->timeline().countAt(model->position()) - startCount;
    const Figures f = figures(frameGaps);
    std::printf("%-34s %.1f s of recording in %.1f s wall: %zu events applied, %zu expected, %s; "
                "frame gap p50 %.1f ms p99 %.1f ms\n",
                name, double(model->position()) / 1000, double(wall.elapsed()) / 1000,
                model->playedEventCount(), expected,
                model->playedEventCount() == expected ? "none dropped" : "DROPPED", f.p50, f.p99);
}

/// A download in 64 KB chunks: each chunk must cost the same whatever came before it (parse the
/// new lines, index the new events), not the size of everything so far.
void benchDownload(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return;
    const QByteArray bytes = file.readAll();
    app::PlayerModel model;
    model.openStream(QStringLiteral("download"));
    constexpr qsizetype kChunk = 64 * 1024;
    std::vector<double> ms;
    std::vector<std::size_t> parsed;
    QElapsedTimer total;
    total.start();
    for (qsizetype at = 0; at < bytes.size(); at += kChunk) {
        const std::size_t before = model.parsedBytes();
        const double cpu = threadCpuMs();
        if (!model.appendData(bytes.mid(at, kChunk)))
            return;
        ms.push_back(threadCpuMs() - cpu);
        parsed.push_back(model.parsedBytes() - before);
    }
    const std::size_t tenth = ms.size() / 10;
    const auto mean = [](auto from, auto to) { return std::accumulate(from, to, 0.0) / double(to - from); };
    std::printf("%-34s %zu chunks of 64 KB in %.0f ms; thread CPU per chunk: first tenth %.2f ms, last "
                "tenth %.2f ms; bytes parsed per chunk: max %zu; %zu events\n",
                "download, appendData:", ms.size(), double(total.elapsed()),
                mean(ms.begin(), ms.begin() + tenth), mean(ms.end() - tenth, ms.end()),
                *std::max_element(parsed.begin(), parsed.end()), model.timeline().eventCount());
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QTemporaryDir dir;

    const QString big = dir.filePath(QStringLiteral("big.bunnyrec"));
    const QString dense = dir.filePath(QStringLiteral("dense.bunnyrec"));
    testing::writeFile(big, testing::serializeRecording(
                                testing::generateRecording(1, 200000, "2026-11-29T05:00:00Z", 5000)));
    testing::writeFile(dense, testing::serializeRecording(
                                  testing::generateRecording(2, 200000, "2026-11-29T05:00:00Z", 0, 2)));

    // `bench_player seeks` (or `hops`): the seek figures alone, e.g. under perf.
    const bool seeksOnly =
        argc > 1 && (std::strcmp(argv[1], "seeks") == 0 || std::strcmp(argv[1], "hops") == 0);
    if (!seeksOnly)
        benchDownload(big);
    {
        app::PlayerModel model;
        if (!model.open({big}))
            return 1;
        std::mt19937 random(17);
        std::vector<double> ms;
        for (int i = 0; i < 300; ++i) {
            QElapsedTimer seek;
            seek.start();
            model.seek(qint64(random() % quint64(model.duration() + 1)));
            ms.push_back(double(seek.nsecsElapsed()) / 1e6);
        }
        const Figures f = figures(ms);
        std::printf("%-34s p50 %6.2f ms   p99 %6.2f ms   max %6.2f ms   (300 seeks)\n",
                    "model only (keyframe), random:", f.p50, f.p99, f.max);
    }

    app::PlayerWindow window;
    window.resize(1100, 720);
    window.show();
    QElapsedTimer timer;
    timer.start();
    if (const auto opened = window.openRecording(big); !opened) {
        std::fprintf(stderr, "%s\n", opened.message().c_str());
        return 1;
    }
    std::printf("200,000-event recording: %.1f MB, opened in %.0f ms, %s of timeline\n",
                double(QFileInfo(big).size()) / 1e6, double(timer.elapsed()),
                qPrintable(app::formatTime(window.model()->duration())));
    QApplication::processEvents();
    const bool hopsOnly = argc > 1 && std::strcmp(argv[1], "hops") == 0;
    if (!hopsOnly)
        benchSeeks(window, "seek + repaint, random jumps:", false);
    benchSeeks(window, "seek + repaint, hops within 5 s:", true);
    if (hopsOnly)
        return 0;
    if (seeksOnly)
        return 0;
    benchPlayback(window, "playback 16x, typing pace:", 10000);

    if (const auto opened = window.openRecording(dense); !opened) {
        std::fprintf(stderr, "%s\n", opened.message().c_str());
        return 1;
    }
    benchPlayback(window, "playback 16x, 500 events/s burst:", 10000);
    return 0;
}
