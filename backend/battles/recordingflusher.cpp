#include "battles/recordingflusher.h"

#include <recording/writer.h>

#include <Poco/Logger.h>

#include <algorithm>

namespace bunny::backend::battles {

RecordingFlusher::RecordingFlusher(int threads, std::chrono::milliseconds interval)
    : m_interval(std::max(std::chrono::milliseconds(1), interval))
    , m_threadCount(std::size_t(std::max(1, threads)))
{
    for (std::size_t i = 0; i < m_threadCount; ++i)
        m_threads.emplace_back([this, i] { run(i); });
}

RecordingFlusher::~RecordingFlusher()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    for (auto &t : m_threads)
        t.join();
}

void RecordingFlusher::add(std::shared_ptr<rec::Writer> writer)
{
    std::lock_guard lock(m_mutex);
    m_writers.push_back(std::move(writer));
}

void RecordingFlusher::remove(const rec::Writer *writer)
{
    std::lock_guard lock(m_mutex);
    std::erase_if(m_writers, [&](const auto &w) { return w.get() == writer; });
}

std::size_t RecordingFlusher::size()
{
    std::lock_guard lock(m_mutex);
    return m_writers.size();
}

void RecordingFlusher::run(std::size_t index)
{
    using Clock = std::chrono::steady_clock;
    // Every thread wakes on the same beat, so their fsyncs reach the journal together.
    auto next = Clock::now() + m_interval;
    std::vector<std::shared_ptr<rec::Writer>> mine;
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            if (m_wake.wait_until(lock, next, [&] { return m_stop; }))
                return;
            mine.clear();
            for (std::size_t i = index; i < m_writers.size(); i += m_threadCount)
                mine.push_back(m_writers[i]);
        }
        for (const auto &w : mine) {
            if (auto r = w->flush(); !r) {
                std::unique_lock lock(m_mutex);
                const auto it = std::find(m_writers.begin(), m_writers.end(), w);
                if (it == m_writers.end())
                    continue; // closed by its battle meanwhile: nothing went wrong
                m_writers.erase(it);
                lock.unlock();
                // The writer keeps the error and refuses further events; say it once and stop
                // trying (the battle goes on unrecorded from here, as a failed start would).
                Poco::Logger::get("bunnyd.battles").error("battle recording %s: %s", w->path(), r.message());
            }
        }
        mine.clear();
        // A pass that overran (a slow disk) does not make the next ones pile up.
        next = std::max(next + m_interval, Clock::now());
    }
}

} // namespace bunny::backend::battles
