// Benchmarks of the recording library (shared/recording) on a generated 200,000-event, 1-hour,
// 5-file recording: load+index time, memory against the file size, seek latency, append cost,
// and the gzip size of a realistic 1-hour typing session. Load and seek also on a large-file case:
// one 2 MB file with 200,000 small edits. Figures go to shared/recording/PERFORMANCE.md.

#include <recording/cursor.h>
#include <recording/recording.h>
#include <recording/writer.h>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <new>
#include <random>
#include <string>
#include <time.h>
#include <vector>

// Every allocation of the process is counted, so the memory of a loaded recording is measured,
// not estimated.
namespace {
std::atomic<std::size_t> g_live{0};
std::atomic<std::size_t> g_peak{0};

void *countedAlloc(std::size_t size)
{
    void *p = std::malloc(size + 16);
    if (!p)
        throw std::bad_alloc();
    *static_cast<std::size_t *>(p) = size;
    const std::size_t live = g_live.fetch_add(size, std::memory_order_relaxed) + size;
    std::size_t peak = g_peak.load(std::memory_order_relaxed);
    while (live > peak && !g_peak.compare_exchange_weak(peak, live, std::memory_order_relaxed)) {
    }
    return static_cast<char *>(p) + 16;
}

void countedFree(void *p) noexcept
{
    if (!p)
        return;
    void *base = static_cast<char *>(p) - 16;
    g_live.fetch_sub(*static_cast<std::size_t *>(base), std::memory_order_relaxed);
    std::free(base);
}
} // namespace

void *operator new(std::size_t size)
{
    return countedAlloc(size);
}
void *operator new[](std::size_t size)
{
    return countedAlloc(size);
}
void operator delete(void *p) noexcept
{
    countedFree(p);
}
void operator delete[](void *p) noexcept
{
    countedFree(p);
}
void operator delete(void *p, std::size_t) noexcept
{
    countedFree(p);
}
void operator delete[](void *p, std::size_t) noexcept
{
    countedFree(p);
}

using namespace bunny::rec;

namespace {

constexpr std::size_t kEvents = 200'000;
constexpr std::int64_t kHourMs = 3'600'000;

Header benchHeader()
{
    Header h;
    h.id = "bench";
    h.started = "2026-11-29T05:00:00Z";
    h.title = "benchmark session";
    h.author = "bench";
    h.language = "python";
    return h;
}

// What gets typed: code with comments in several scripts, so some keystrokes are multi-byte.
const char *const kCorpus[] = {"def parse(line):\n",
                               "    # découpe la ligne — 解析 😀\n",
                               "    fields = line.split(',')\n",
                               "    return [f.strip() for f in fields]\n",
                               "\n",
                               "class Model:\n",
                               "    def __init__(self, name):\n",
                               "        self.name = name  # 名前\n",
                               "        self.items = []\n",
                               "\n",
                               "if __name__ == '__main__':\n",
                               "    print(parse('a, b, c'))\n"};

/// Characters (UTF-8 sequences) of the corpus, in order.
std::vector<std::string> corpusChars()
{
    std::vector<std::string> chars;
    for (const char *line : kCorpus) {
        const std::string s(line);
        for (std::size_t i = 0; i < s.size();) {
            std::size_t n = 1;
            while (i + n < s.size() && (static_cast<unsigned char>(s[i + n]) & 0xC0) == 0x80)
                ++n;
            chars.push_back(s.substr(i, n));
            i += n;
        }
    }
    return chars;
}

/// Typing into files: keystrokes at the caret, backspaces, caret moves and selections, focus
/// switches, runs with output. `busy` spreads kEvents over an hour (~55 events/s, the issue's
/// stress case); otherwise a human pace with pauses (`events` over the hour).
std::vector<Event> typingSession(std::size_t events, std::uint32_t seed)
{
    static const char *const kFiles[] = {"src/main.py", "src/util.py", "src/model.py", "tests/test_main.py",
                                         "README.md"};
    const auto chars = corpusChars();
    std::mt19937 rng(seed);
    const auto roll = [&rng](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); };
    std::vector<Event> out;
    out.reserve(events);
    std::vector<std::string> text(5);
    std::vector<std::size_t> caret(5, 0);
    std::size_t focus = 0, next = 0;
    for (std::size_t f = 0; f < 5; ++f)
        out.push_back(Event::keyframe(0, kFiles[f], ""));
    out.push_back(Event::focus(0, kFiles[0]));
    const double meanGap = static_cast<double>(kHourMs) / static_cast<double>(events);
    std::exponential_distribution<double> gap(1.0 / meanGap);
    double t = 0;
    while (out.size() < events) {
        t = std::min(t + gap(rng), static_cast<double>(kHourMs));
        const auto ms = static_cast<std::int64_t>(t);
        std::string &s = text[focus];
        std::size_t &c = caret[focus];
        const int r = roll(100);
        if (r < 55) {
            const std::string &ch = chars[next++ % chars.size()];
            out.push_back(Event::insert(ms, kFiles[focus], static_cast<std::int64_t>(c), ch));
            s.insert(c, ch);
            c += ch.size();
            out.push_back(Event::selection(ms, kFiles[focus],
                                           {static_cast<std::int64_t>(c), static_cast<std::int64_t>(c)}));
        } else if (r < 65 && c > 0) {
            std::size_t start = c - 1;
            while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80)
                --start;
            out.push_back(Event::erase(ms, kFiles[focus], static_cast<std::int64_t>(start),
                                       s.substr(start, c - start)));
            s.erase(start, c - start);
            c = start;
        } else if (r < 97) {
            // Caret moves: to a nearby character boundary.
            std::size_t to = std::min(
                s.size(), static_cast<std::size_t>(std::max<long>(0, static_cast<long>(c) + roll(81) - 40)));
            while (to < s.size() && (static_cast<unsigned char>(s[to]) & 0xC0) == 0x80)
                ++to;
            c = to;
            out.push_back(Event::selection(ms, kFiles[focus],
                                           {static_cast<std::int64_t>(c), static_cast<std::int64_t>(c)}));
        } else if (r < 99) {
            focus = static_cast<std::size_t>(roll(5));
            out.push_back(Event::focus(ms, kFiles[focus]));
        } else {
            out.push_back(Event::marker(ms, "run", "python src/main.py"));
            out.push_back(Event::output(ms, "stdout", "['a', 'b', 'c']\n"));
        }
    }
    out.resize(events);
    return out;
}

/// One 2 MB file (the corpus repeated) edited by kEvents small edits at a caret that moves
/// nearby and now and then jumps anywhere: the large-file case, where a keyframe must not copy
/// the whole text.
std::vector<Event> largeFileSession(std::uint32_t seed)
{
    const auto chars = corpusChars();
    std::string s;
    while (s.size() < 2'000'000) {
        for (const char *line : kCorpus)
            s += line;
    }
    std::mt19937 rng(seed);
    const auto roll = [&rng](std::size_t n) {
        return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
    };
    const auto boundary = [&s](std::size_t pos) {
        pos = std::min(pos, s.size());
        while (pos < s.size() && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80)
            ++pos;
        return pos;
    };
    const char *const path = "src/generated_tables.py";
    std::vector<Event> out = {Event::keyframe(0, path, s), Event::focus(0, path)};
    out.reserve(kEvents);
    std::size_t c = s.size() / 2, next = 0;
    const auto caretEvent = [&](std::int64_t ms) {
        out.push_back(
            Event::selection(ms, path, {static_cast<std::int64_t>(c), static_cast<std::int64_t>(c)}));
    };
    while (out.size() < kEvents) {
        const auto ms = static_cast<std::int64_t>(out.size()) * kHourMs / static_cast<std::int64_t>(kEvents);
        const std::size_t r = roll(1000);
        if (r < 550) {
            const std::string &ch = chars[next++ % chars.size()];
            out.push_back(Event::insert(ms, path, static_cast<std::int64_t>(c), ch));
            s.insert(c, ch);
            c += ch.size();
            caretEvent(ms);
        } else if (r < 650 && c > 0) {
            std::size_t start = c - 1;
            while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80)
                --start;
            out.push_back(
                Event::erase(ms, path, static_cast<std::int64_t>(start), s.substr(start, c - start)));
            s.erase(start, c - start);
            c = start;
        } else if (r < 995) {
            c = boundary(c + roll(81) >= 40 ? c + roll(81) - 40 : 0);
            caretEvent(ms);
        } else {
            c = boundary(roll(s.size() + 1)); // a jump elsewhere in the file
            caretEvent(ms);
        }
    }
    out.resize(kEvents);
    return out;
}

struct Fixture
{
    std::string path;
    std::size_t fileBytes = 0;
    std::vector<Event> events;
};

Fixture writeFixture(std::vector<Event> events, const char *name)
{
    Fixture f;
    f.events = std::move(events);
    f.path = (std::filesystem::temp_directory_path() / name).string();
    std::filesystem::remove(f.path);
    auto writer = Writer::create(f.path, benchHeader());
    if (!writer.ok()) {
        std::fprintf(stderr, "%s\n", writer.message().c_str());
        std::exit(1);
    }
    for (const Event &e : f.events)
        (void)(*writer)->append(e);
    (void)(*writer)->close();
    f.fileBytes = std::filesystem::file_size(f.path);
    return f;
}

const Fixture &bigRecording()
{
    static const Fixture fixture = writeFixture(typingSession(kEvents, 1), "bench_recording_200k.bunnyrec");
    return fixture;
}

const Fixture &largeFileRecording()
{
    static const Fixture fixture = writeFixture(largeFileSession(5), "bench_recording_2mb_file.bunnyrec");
    return fixture;
}

Recording loadOrExit(const Fixture &f)
{
    auto r = Recording::load(f.path);
    if (!r.ok()) {
        std::fprintf(stderr, "%s\n", r.message().c_str());
        std::exit(1);
    }
    return std::move(*r);
}

const Recording &loaded()
{
    static const Recording rec = loadOrExit(bigRecording());
    return rec;
}

const Recording &loadedLargeFile()
{
    static const Recording rec = loadOrExit(largeFileRecording());
    return rec;
}

void BM_LoadAndIndex(benchmark::State &state, const Fixture &(*fixture)())
{
    const Fixture &f = fixture();
    std::size_t modelBytes = 0, peakBytes = 0, keyframes = 0;
    for (auto _ : state) {
        const std::size_t before = g_live.load();
        g_peak.store(before);
        auto rec = Recording::load(f.path);
        if (!rec.ok()) {
            state.SkipWithError(rec.message().c_str());
            return;
        }
        modelBytes = g_live.load() - before;
        peakBytes = g_peak.load() - before;
        keyframes = rec->keyframeCount();
        benchmark::DoNotOptimize(rec);
    }
    state.counters["events"] = static_cast<double>(f.events.size());
    state.counters["file_MB"] = static_cast<double>(f.fileBytes) / 1e6;
    state.counters["model_MB"] = static_cast<double>(modelBytes) / 1e6;
    state.counters["model_x_file"] = static_cast<double>(modelBytes) / static_cast<double>(f.fileBytes);
    state.counters["load_peak_x_file"] = static_cast<double>(peakBytes) / static_cast<double>(f.fileBytes);
    state.counters["keyframes"] = static_cast<double>(keyframes);
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * f.fileBytes));
}
BENCHMARK_CAPTURE(BM_LoadAndIndex, standard, bigRecording)->Unit(benchmark::kMillisecond)->Iterations(5);
BENCHMARK_CAPTURE(BM_LoadAndIndex, large_file, largeFileRecording)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);

double threadCpuMicros()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
}

double percentile(std::vector<double> &v, double q)
{
    std::sort(v.begin(), v.end());
    return v[static_cast<std::size_t>(q * static_cast<double>(v.size() - 1))];
}

void BM_SeekRandomTime(benchmark::State &state, const Recording &(*recording)())
{
    const Recording &rec = recording();
    std::mt19937 rng(7);
    std::uniform_int_distribution<std::int64_t> time(0, rec.durationMs());
    // Wall time includes waiting for a core on a shared machine; thread CPU time does not.
    std::vector<double> wall, cpu;
    for (auto _ : state) {
        const std::int64_t t = time(rng);
        const auto start = std::chrono::steady_clock::now();
        const double cpuStart = threadCpuMicros();
        Document doc = rec.stateAt(t);
        benchmark::DoNotOptimize(doc);
        cpu.push_back(threadCpuMicros() - cpuStart);
        wall.push_back(
            std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count());
    }
    state.counters["cpu_p50_us"] = percentile(cpu, 0.50);
    state.counters["cpu_p99_us"] = percentile(cpu, 0.99);
    state.counters["cpu_max_us"] = cpu.back();
    state.counters["wall_p50_us"] = percentile(wall, 0.50);
    state.counters["wall_p99_us"] = percentile(wall, 0.99);
}
BENCHMARK_CAPTURE(BM_SeekRandomTime, standard, loaded)->Unit(benchmark::kMicrosecond)->Iterations(5000);
BENCHMARK_CAPTURE(BM_SeekRandomTime, large_file, loadedLargeFile)
    ->Unit(benchmark::kMicrosecond)
    ->Iterations(2000);

void BM_CursorStepBack(benchmark::State &state)
{
    const Recording &rec = loaded();
    Cursor cursor(rec);
    cursor.seek(rec.events().size() / 2 + 500);
    for (auto _ : state) {
        cursor.seek(cursor.position() - 1); // ',' in the player: one event back, by inverse op
        benchmark::DoNotOptimize(cursor.document());
        if (cursor.position() <= rec.events().size() / 2) {
            state.PauseTiming();
            cursor.seek(rec.events().size() / 2 + 500);
            state.ResumeTiming();
        }
    }
}
BENCHMARK(BM_CursorStepBack)->Unit(benchmark::kNanosecond);

void BM_AppendEvent(benchmark::State &state)
{
    const bool gzip = state.range(0) != 0;
    const Fixture &f = bigRecording();
    const std::string path =
        (std::filesystem::temp_directory_path() / "bench_recording_append.bunnyrec").string();
    WriterOptions options;
    options.gzip = gzip;
    options.replaceExisting = true;
    auto writer = Writer::create(path, benchHeader(), options);
    if (!writer.ok()) {
        state.SkipWithError(writer.message().c_str());
        return;
    }
    // One pass over the session: every iteration appends the next event as it is.
    std::size_t i = 0;
    for (auto _ : state) {
        if (!(*writer)->append(f.events[i++]).ok())
            state.SkipWithError("append failed");
    }
    (void)(*writer)->close();
    std::filesystem::remove(path);
}
BENCHMARK(BM_AppendEvent)->Arg(0)->Arg(1)->ArgName("gzip")->Unit(benchmark::kNanosecond)->Iterations(kEvents);

void BM_GzipSizeOfARealisticHour(benchmark::State &state)
{
    // A person typing for an hour: ~12,000 keystrokes (each an insert and a caret move), edits,
    // caret moves and runs; about 30,000 events. The writer flushes (Z_SYNC_FLUSH) once per
    // second of the recording that has events, as it would live.
    const auto events = typingSession(30'000, 3);
    const std::string path =
        (std::filesystem::temp_directory_path() / "bench_recording_hour.bunnyrec.gz").string();
    const std::string plainPath =
        (std::filesystem::temp_directory_path() / "bench_recording_hour.bunnyrec").string();
    std::size_t gzBytes = 0, plainBytes = 0;
    for (auto _ : state) {
        WriterOptions options;
        options.replaceExisting = true;
        auto plain = Writer::create(plainPath, benchHeader(), options);
        options.gzip = true;
        auto gz = Writer::create(path, benchHeader(), options);
        if (!gz.ok() || !plain.ok()) {
            state.SkipWithError("cannot create");
            return;
        }
        std::int64_t second = 0;
        for (const Event &e : events) {
            if (e.t / 1000 != second) {
                second = e.t / 1000;
                (void)(*gz)->flush();
            }
            (void)(*gz)->append(e);
            (void)(*plain)->append(e);
        }
        (void)(*gz)->close();
        (void)(*plain)->close();
        gzBytes = std::filesystem::file_size(path);
        plainBytes = std::filesystem::file_size(plainPath);
    }
    state.counters["events"] = static_cast<double>(events.size());
    state.counters["plain_KB"] = static_cast<double>(plainBytes) / 1e3;
    state.counters["gzip_KB"] = static_cast<double>(gzBytes) / 1e3;
    std::filesystem::remove(path);
    std::filesystem::remove(plainPath);
}
BENCHMARK(BM_GzipSizeOfARealisticHour)->Unit(benchmark::kMillisecond)->Iterations(1);

} // namespace

BENCHMARK_MAIN();
