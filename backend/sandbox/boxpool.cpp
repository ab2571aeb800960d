#include "sandbox/boxpool.h"

namespace bunny::sandbox {

BoxPool::BoxPool(Factory factory, int size)
    : m_factory(std::move(factory))
    , m_size(size)
{
    if (m_size > 0)
        m_thread = std::thread([this] { refillLoop(); });
}

BoxPool::~BoxPool()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
    m_ready.clear();
}

std::unique_ptr<Box> BoxPool::take()
{
    std::unique_lock lock(m_mutex);
    if (m_ready.empty())
        return nullptr;
    std::unique_ptr<Box> box = std::move(m_ready.front());
    m_ready.pop_front();
    lock.unlock();
    m_wake.notify_all();
    return box;
}

void BoxPool::refillLoop()
{
    std::unique_lock lock(m_mutex);
    while (!m_stopping) {
        m_wake.wait(lock, [this] { return m_stopping || static_cast<int>(m_ready.size()) < m_size; });
        if (m_stopping)
            break;
        lock.unlock();
        auto box = m_factory();
        lock.lock();
        if (box)
            m_ready.push_back(std::move(*box));
        else // a host in trouble: do not spin
            m_wake.wait_for(lock, std::chrono::seconds(1), [this] { return m_stopping; });
    }
}

} // namespace bunny::sandbox
