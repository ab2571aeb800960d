// bench_sandbox: latency of `print(1)` in Python through each way of running it, and the run
// queue's throughput and behaviour past its bound. Prints figures; asserts nothing.
#include <runs/runqueue.h>
#include <sandbox/childprocess.h>
#include <sandbox/dockersandbox.h>
#include <sandbox/nativesandbox.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <functional>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <vector>

using namespace bunny;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kRounds = 30;

struct Figures
{
    double median = 0, mean = 0, p90 = 0;
    int failures = 0;
};

Figures summarize(std::vector<double> ms, int failures)
{
    Figures figures;
    figures.failures = failures;
    std::sort(ms.begin(), ms.end());
    figures.median = ms[ms.size() / 2];
    figures.p90 = ms[ms.size() * 9 / 10];
    for (double v : ms)
        figures.mean += v / static_cast<double>(ms.size());
    return figures;
}

/// Runs every path once per round, interleaved, so a busy shared machine skews them alike.
std::vector<Figures> measure(const std::vector<std::function<bool()>> &paths, int rounds = kRounds,
                             int pauseMs = 60)
{
    std::vector<std::vector<double>> ms(paths.size());
    std::vector<int> failures(paths.size());
    for (const auto &once : paths)
        once(); // warm caches
    for (int i = 0; i < rounds; ++i) {
        for (size_t p = 0; p < paths.size(); ++p) {
            // A pause like a person's between submissions lets prepared boxes be refilled.
            std::this_thread::sleep_for(std::chrono::milliseconds(pauseMs));
            const auto start = Clock::now();
            if (!paths[p]())
                ++failures[p];
            ms[p].push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
        }
    }
    std::vector<Figures> out;
    for (size_t p = 0; p < paths.size(); ++p)
        out.push_back(summarize(ms[p], failures[p]));
    return out;
}

sandbox::Job printOne()
{
    sandbox::Job job;
    job.language = "python";
    job.files["main.py"] = "print(1)\n";
    return job;
}

void row(const char *name, const Figures &f, double base)
{
    std::printf("| %-34s | %8.1f | %8.1f | %8.1f | %6.2f× | %d |\n", name, f.median, f.mean, f.p90,
                base > 0 ? f.median / base : 0.0, f.failures);
}

void throughput(sandbox::Sandbox &box, const char *name)
{
    std::printf("\nThroughput, %s sandbox, queue concurrency = cores (%u), print(1):\n\n", name,
                std::thread::hardware_concurrency());
    std::printf("| concurrent submissions | total ms | runs/s | ok |\n|---|---|---|---|\n");
    for (int n : {2, 8, 32}) {
        backend::RunQueue queue(box, {0, n});
        const auto start = Clock::now();
        std::vector<std::future<backend::RunQueue::Outcome>> runs;
        for (int i = 0; i < n; ++i)
            runs.push_back(std::async(std::launch::async, [&] { return queue.submit(printOne()); }));
        int ok = 0;
        for (auto &run : runs)
            ok += run.get().result.status == sandbox::Status::Ok;
        const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
        std::printf("| %d | %.0f | %.1f | %d/%d |\n", n, ms, n * 1000.0 / ms, ok, n);
    }
    backend::RunQueue bounded(box, {2, 8});
    std::vector<std::future<backend::RunQueue::Outcome>> runs;
    const auto start = Clock::now();
    for (int i = 0; i < 32; ++i)
        runs.push_back(std::async(std::launch::async, [&] { return bounded.submit(printOne()); }));
    int ok = 0, refused = 0, retryAfter = 0;
    for (auto &run : runs) {
        const auto outcome = run.get();
        if (outcome.refusal == backend::RunQueue::Refusal::QueueFull) {
            ++refused;
            retryAfter = std::max(retryAfter, outcome.retryAfterSeconds);
        } else if (outcome.result.status == sandbox::Status::Ok) {
            ++ok;
        }
    }
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    std::printf("\nPast the bound (concurrency 2, 8 waiting, 32 at once): %d ran ok, %d refused at once "
                "(queue full, Retry-After up to %d s), %.0f ms in all.\n",
                ok, refused, retryAfter, ms);
}

std::string loadAverage()
{
    std::FILE *file = std::fopen("/proc/loadavg", "r");
    char text[64] = "?";
    if (file) {
        if (!std::fgets(text, sizeof text, file))
            text[0] = '\0';
        std::fclose(file);
    }
    std::string load(text);
    return load.substr(0, load.find(' ', load.find(' ', load.find(' ') + 1) + 1)); // 1, 5, 15 min
}

std::string utcNow()
{
    const std::time_t now = std::time(nullptr);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M UTC", std::gmtime(&now));
    return text;
}

} // namespace

int main()
{
    std::printf("Started %s, load average %s.\n\n", utcNow().c_str(), loadAverage().c_str());
    auto bareOnce = [] {
        auto out = sandbox::runHostCommand({"/usr/bin/python3", "-c", "print(1)"}, 10000);
        return out && out->output == "1\n";
    };
    sandbox::NativeSandbox::Config nativeConfig;
    nativeConfig.prepared = 2;
    sandbox::NativeSandbox native(nativeConfig);
    sandbox::NativeSandbox::Config cold = nativeConfig;
    cold.prepared = 0;
    sandbox::NativeSandbox unprepared(cold);
    const bool nativeWorks = native.unavailableReason().empty();
    if (!nativeWorks)
        std::printf("native sandbox unavailable: %s\n", native.unavailableReason().c_str());

    // The Docker sandbox is made first: it imports the base image that `docker run --rm` uses too
    // (on a fresh dockerd that image does not exist until then).
    std::unique_ptr<sandbox::DockerSandbox> docker;
    if (!sandbox::DockerSandbox::available("/var/run/docker.sock")) {
        std::printf("Docker: dockerd does not answer on /var/run/docker.sock; Docker figures skipped.\n\n");
    } else {
        sandbox::DockerSandbox::Config dockerConfig;
        dockerConfig.prepared = 4;
        docker = std::make_unique<sandbox::DockerSandbox>(dockerConfig);
        if (!docker->unavailableReason().empty()) {
            std::printf("Docker sandbox unavailable: %s\n\n", docker->unavailableReason().c_str());
            docker.reset();
        }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(docker ? 3000 : 300)); // let the pools fill

    // Every path once per round, in one loop, so a busy shared machine skews them alike. With
    // Docker in the loop each round also spends ~0.7 s in `docker run --rm`, which leaves the
    // warm pool time to refill (containers take ~0.3 s to prepare here).
    std::vector<std::string> names = {"bare process (fork+exec)"};
    std::vector<std::function<bool()>> paths = {bareOnce};
    if (nativeWorks) {
        names.insert(names.end(), {"native sandbox (prepared boxes)", "native sandbox (box per request)"});
        paths.push_back([&] { return native.run(printOne()).stdoutText == "1\n"; });
        paths.push_back([&] { return unprepared.run(printOne()).stdoutText == "1\n"; });
    }
    if (docker) {
        names.insert(names.end(), {"docker run --rm (CLI)", "docker warm pool"});
        paths.push_back([] {
            auto out = sandbox::runHostCommand({"/usr/bin/env", "docker", "run", "--rm", "--network", "none",
                                                "-v", "/usr:/usr:ro", "bunny-sandbox-base:1",
                                                "/usr/bin/python3", "-c", "print(1)"},
                                               60000);
            return out && out->output == "1\n";
        });
        paths.push_back([&] { return docker->run(printOne()).stdoutText == "1\n"; });
    }
    const int rounds = docker ? 15 : kRounds;
    std::printf("Latency of print(1) in Python, %d rounds, paths interleaved (ms):\n\n", rounds);
    std::printf("| path | median | mean | p90 | ratio | failures |\n|---|---|---|---|---|---|\n");
    const auto figures = measure(paths, rounds);
    for (size_t i = 0; i < figures.size(); ++i)
        row(names[i].c_str(), figures[i], figures[0].median);
    if (docker)
        std::printf("\nDocker warm pool / docker run --rm: %.3f× (median)\n",
                    figures.back().median / figures[figures.size() - 2].median);
    std::printf("\nLatency done %s, load average %s.\n", utcNow().c_str(), loadAverage().c_str());

    if (docker)
        throughput(*docker, "docker");
    if (nativeWorks)
        throughput(native, "native");
    std::printf("\nFinished %s, load average %s.\n", utcNow().c_str(), loadAverage().c_str());
    return 0;
}
