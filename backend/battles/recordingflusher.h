#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace bunny::rec {
class Writer;
}

namespace bunny::backend::battles {

/// Writes and fsyncs every live battle recording once per interval from a few shared threads,
/// instead of a thread per battle (500 battles used to mean 500 threads each waking to fsync
/// on its own). The threads flush their share of the recordings at the same moment, so the
/// file system folds their fsyncs into few journal commits. A recording added here is created
/// with rec::WriterOptions::ownThread = false; its owner removes it before closing it.
class RecordingFlusher
{
public:
    RecordingFlusher(int threads, std::chrono::milliseconds interval);
    ~RecordingFlusher();
    RecordingFlusher(const RecordingFlusher &) = delete;
    RecordingFlusher &operator=(const RecordingFlusher &) = delete;

    void add(std::shared_ptr<rec::Writer> writer);
    /// After this returns the writer is no longer flushed from here (a flush of it already
    /// under way may still finish; Writer serialises that with its close()).
    void remove(const rec::Writer *writer);
    std::size_t size();

private:
    void run(std::size_t index);

    const std::chrono::milliseconds m_interval;
    const std::size_t m_threadCount;
    std::mutex m_mutex; // guards the members below
    std::condition_variable m_wake;
    bool m_stop = false;
    std::vector<std::shared_ptr<rec::Writer>> m_writers;
    std::vector<std::thread> m_threads;
};

} // namespace bunny::backend::battles
