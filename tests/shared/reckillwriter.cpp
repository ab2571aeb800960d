// A child process for tst_writerkill: writes a known session, says how much it has flushed, then
// keeps writing until the test kills it with SIGKILL.
//
// usage: rec_kill_writer FILE plain|gzip

#include <recording/writer.h>

#include "randomsession.h"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <thread>

int main(int argc, char *argv[])
{
    if (argc != 3) {
        std::fprintf(stderr, "usage: rec_kill_writer FILE plain|gzip\n");
        return 2;
    }
    bunny::rec::Header header;
    header.id = "kill-test";
    header.started = "2026-11-29T05:00:00Z";
    header.title = "killed mid-write";
    header.author = "test";
    header.language = "python";
    const bool gzip = std::strcmp(argv[2], "gzip") == 0;
    auto writer = bunny::rec::Writer::create(argv[1], header, {gzip, std::chrono::milliseconds(20)});
    if (!writer.ok()) {
        std::fprintf(stderr, "%s\n", writer.message().c_str());
        return 1;
    }
    const auto events = bunny::test::killTestSession();
    std::size_t i = 0;
    for (; i < bunny::test::kKillTestFlushed; ++i)
        (void)(*writer)->append(events[i]);
    if (auto r = (*writer)->flush(); !r.ok()) {
        std::fprintf(stderr, "%s\n", r.message().c_str());
        return 1;
    }
    std::printf("flushed %zu\n", i);
    std::fflush(stdout);
    // Keep the background thread busy writing while the test picks its moment to kill.
    for (; i < events.size(); ++i) {
        (void)(*writer)->append(events[i]);
        if (i % 64 == 0)
            std::this_thread::sleep_for(std::chrono::microseconds(500));
    }
    std::printf("all appended\n");
    std::fflush(stdout);
    for (;;)
        std::this_thread::sleep_for(std::chrono::seconds(1));
}
