#pragma once

#include "sandbox/box.h"

#include <core/result.h>

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace bunny::sandbox {

/// Keeps `size` boxes prepared ahead of requests, refilled by its own thread (the thread that
/// starts a box must outlive it: bubblewrap's --die-with-parent follows the starting thread).
/// Each box is used once.
class BoxPool
{
public:
    using Factory = std::function<Result<std::unique_ptr<Box>>()>;

    BoxPool(Factory factory, int size);
    ~BoxPool();
    BoxPool(const BoxPool &) = delete;
    BoxPool &operator=(const BoxPool &) = delete;

    /// A prepared box, or null when none is ready (the caller then starts one itself).
    std::unique_ptr<Box> take();

private:
    void refillLoop();
    Factory m_factory;
    int m_size;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::unique_ptr<Box>> m_ready;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace bunny::sandbox
