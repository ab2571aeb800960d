#pragma once

#include "recording/event.h"
#include "recording/header.h"
#include "recording/serialize.h"

#include <core/result.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace bunny::rec {

namespace detail {
class Deflater;
struct ChunkedDocument;
} // namespace detail

struct WriterOptions
{
    /// gzip the file (zlib); every flush ends with Z_SYNC_FLUSH so a killed writer leaves a
    /// readable prefix.
    bool gzip = false;
    /// Events reach the disk (write + fsync) at most this long after they are appended.
    std::chrono::milliseconds flushInterval{1000};
    /// false: no background thread; whoever owns the writer calls flush() at least every
    /// flushInterval (a server with hundreds of recordings open flushes them all from one place
    /// instead of running a thread per file).
    bool ownThread = true;
    /// create() refuses a path that exists (so a recording is never overwritten by mistake)
    /// unless this is set; then it truncates it.
    bool replaceExisting = false;
};

/// Append-only .bunnyrec writer. append() only serializes into a buffer (well under a microsecond);
/// a background thread writes and fsyncs it within flushInterval of the first unflushed event,
/// and close() (or the destructor) writes the rest. Thread-safe. Each event is checked like a
/// reader would: alone (t order, paths, UTF-8) and against the document the events so far make
/// (the file exists, positions inside it and on character boundaries, deleted text matches; see
/// Document::apply). An event that fails is refused with an error and not written, so the file
/// always reads back whole. The writer keeps its own copy of the files' texts for this (in
/// chunks, so an append stays well under a microsecond).
class Writer
{
public:
    using Options = WriterOptions;

    /// Creates `path` (an existing file is an error unless options.replaceExisting) and writes the
    /// header to disk at once.
    static Result<std::unique_ptr<Writer>> create(const std::string &path, const Header &header,
                                                  Options options = {});
    ~Writer();
    Writer(const Writer &) = delete;
    Writer &operator=(const Writer &) = delete;

    Result<void> append(const Event &event);
    /// Writes and fsyncs everything appended so far, now.
    Result<void> flush();
    /// Flushes, ends the gzip stream and closes the file. Later calls return the same result.
    Result<void> close();

    const std::string &path() const { return m_path; }

private:
    Writer(std::string path, int fd, Options options);
    void run();
    Result<void> writeOut(bool finish);
    Result<void> writeAll(const std::string &data);

    const std::string m_path;
    const Options m_options;
    int m_fd = -1;
    std::unique_ptr<detail::Deflater> m_deflater;

    std::mutex m_mutex; // guards the members below up to m_thread
    std::condition_variable m_wake;
    std::string m_buffer;
    std::chrono::steady_clock::time_point m_deadline;
    std::int64_t m_lastT = 0;
    std::unique_ptr<detail::ChunkedDocument> m_doc; ///< the files as the events so far make them
    bool m_urgent = false;
    bool m_stop = false;
    bool m_closed = false;
    std::optional<Error> m_error;
    std::optional<Result<void>> m_closeResult;
    std::thread m_thread;

    std::mutex m_ioMutex; // one flush at a time; guards the members below
    std::string m_taken;
    std::string m_compressed;
};

} // namespace bunny::rec
