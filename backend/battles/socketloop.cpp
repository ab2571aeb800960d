#include "battles/socketloop.h"

#include <Poco/Exception.h>
#include <Poco/Logger.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <optional>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

namespace bunny::backend::battles {

namespace {
constexpr std::uint32_t kReadEvents = EPOLLIN | EPOLLRDHUP;
/// How long a closed connection keeps reading what its peer still sends, and how much of it.
constexpr auto kLingerTime = std::chrono::seconds(2);
constexpr std::size_t kLingerBytes = 1 << 20;
/// How often each loop looks for connections whose time to finish has come.
constexpr auto kSweepInterval = std::chrono::milliseconds(250);
} // namespace

WsConnection::WsConnection(Poco::Net::StreamSocket socket, std::shared_ptr<WsHandler> handler,
                           SocketLoop &loop, int epollFd, int wakeFd, const SocketLoopLimits &limits)
    : m_socket(std::move(socket))
    , m_fd(m_socket.impl()->sockfd())
    , m_epollFd(epollFd)
    , m_wakeFd(wakeFd)
    , m_handler(std::move(handler))
    , m_loop(loop)
    , m_limits(limits)
    , m_reader(limits.maxMessageBytes, true)
{
    try {
        m_peer = m_socket.peerAddress().toString();
    } catch (const Poco::Exception &) {
        m_peer.assign(1, '?'); // not "?": GCC 12 warns falsely (-Wrestrict) on that assignment
    }
}

bool WsConnection::sendText(std::string_view text)
{
    return sendFrame(ws::encodeFrame(ws::Text, text));
}

bool WsConnection::sendFrame(std::string_view frame)
{
    std::lock_guard lock(m_mutex);
    if (m_closing)
        return false;
    return queueLocked(frame);
}

bool WsConnection::queueLocked(std::string_view bytes)
{
    if (m_out.size() - m_outOffset + bytes.size() > m_limits.maxOutboxBytes) {
        // Too far behind: drop it rather than buffer without bound or block the sender.
        if (m_limits.onRefused)
            m_limits.onRefused("battle_outbox_bytes");
        m_out.clear();
        m_outOffset = 0;
        m_closing = true;
        updateInterestLocked();
        // Its socket buffers are full and it does not read: no writable event will come.
        finishAfterLocked({});
        return false;
    }
    const bool idle = m_out.size() == m_outOffset;
    m_out.append(bytes);
    if (idle)
        flushLocked();
    updateInterestLocked();
    return !m_closing || m_out.size() > m_outOffset;
}

void WsConnection::flushLocked()
{
    while (!m_fdClosed && m_outOffset < m_out.size()) {
        const ssize_t n =
            ::send(m_fd, m_out.data() + m_outOffset, m_out.size() - m_outOffset, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n > 0) {
            m_outOffset += std::size_t(n);
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        // The peer is gone: nothing more can be written.
        m_out.clear();
        m_outOffset = 0;
        m_closing = true;
        break;
    }
    if (m_outOffset == m_out.size()) {
        m_out.clear();
        m_outOffset = 0;
    } else if (m_outOffset > (1u << 16) && m_outOffset * 2 > m_out.size()) {
        m_out.erase(0, m_outOffset);
        m_outOffset = 0;
    }
}

void WsConnection::updateInterestLocked()
{
    // Writable interest while bytes wait, and also once closing: the writable event then
    // wakes the loop, which finishes the connection on its own thread.
    const bool want = m_out.size() > m_outOffset || m_closing;
    if (want == m_wantWrite || m_fdClosed)
        return;
    m_wantWrite = want;
    epoll_event ev{};
    ev.events = kReadEvents | (want ? EPOLLOUT : 0u);
    ev.data.ptr = this;
    ::epoll_ctl(m_epollFd, EPOLL_CTL_MOD, m_fd, &ev);
}

void WsConnection::close(std::uint16_t code, std::string_view reason)
{
    std::lock_guard lock(m_mutex);
    if (m_closing)
        return;
    const std::string frame = ws::encodeClose(code, reason);
    queueLocked(frame);
    m_closing = true;
    updateInterestLocked();
    finishAfterLocked(m_limits.closeTimeout);
}

void WsConnection::finishAfterLocked(std::chrono::steady_clock::duration after)
{
    const auto by = std::chrono::steady_clock::now() + after;
    if (m_finishBy && *m_finishBy <= by)
        return;
    m_finishBy = by;
    if (after <= std::chrono::steady_clock::duration::zero()) {
        const std::uint64_t one = 1;
        [[maybe_unused]] auto n = ::write(m_wakeFd, &one, sizeof one);
    }
}

std::size_t WsConnection::backlog()
{
    std::lock_guard lock(m_mutex);
    return m_out.size() - m_outOffset;
}

bool WsConnection::onReadable()
{
    char buffer[65536];
    // A bounded number of reads per wake-up keeps one busy client from starving the others.
    for (int round = 0; round < 4; ++round) {
        const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, MSG_DONTWAIT);
        if (n == 0)
            return false;
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                break;
            return false;
        }
        m_reader.feed(buffer, std::size_t(n));
        ws::MessageReader::Message message;
        for (;;) {
            if (m_closing)
                return true;
            const auto status = m_reader.next(message);
            if (status == ws::MessageReader::Status::NeedMore)
                break;
            if (status == ws::MessageReader::Status::Error) {
                if (m_reader.closeCode() == 1009 && m_limits.onRefused)
                    m_limits.onRefused("battle_message_bytes");
                close(m_reader.closeCode(), m_reader.error());
                return true;
            }
            switch (message.opcode) {
            case ws::Text:
                m_handler->onText(shared_from_this(), std::move(message.payload));
                break;
            case ws::Ping: {
                const std::string pong = ws::encodeFrame(ws::Pong, message.payload);
                std::lock_guard lock(m_mutex);
                if (!m_closing)
                    queueLocked(pong);
                break;
            }
            case ws::Pong:
                break;
            case ws::Close: {
                const auto code = ws::closeCodeOf(message.payload);
                close(code == 1005 ? 1000 : code, "");
                return true;
            }
            default:
                close(1003, "battle messages are JSON text frames");
                return true;
            }
        }
        if (std::size_t(n) < sizeof buffer)
            break;
    }
    return true;
}

void WsConnection::onWritable()
{
    bool done;
    {
        std::lock_guard lock(m_mutex);
        flushLocked();
        done = m_closing && m_out.size() == m_outOffset;
        updateInterestLocked();
    }
    if (done)
        finish(true);
}

void WsConnection::finish(bool linger)
{
    if (m_finished)
        return;
    m_finished = true;
    {
        std::lock_guard lock(m_mutex);
        m_closing = true;
        m_out.clear();
        m_outOffset = 0;
        if (!(linger && !m_loop.m_stopping && beginLingerLocked()))
            closeFdLocked();
    }
    --m_loop.m_count;
    m_handler->onClosed(shared_from_this());
}

bool WsConnection::beginLingerLocked()
{
    if (m_fdClosed || ::shutdown(m_fd, SHUT_WR) != 0)
        return false;
    epoll_event ev{};
    ev.events = kReadEvents;
    ev.data.ptr = this;
    if (::epoll_ctl(m_epollFd, EPOLL_CTL_MOD, m_fd, &ev) != 0)
        return false;
    m_wantWrite = false;
    m_lingering = true;
    return true;
}

bool WsConnection::drainLinger()
{
    char sink[16384];
    for (;;) {
        const ssize_t n = ::recv(m_fd, sink, sizeof sink, MSG_DONTWAIT);
        if (n > 0) {
            m_lingerBytes += std::size_t(n);
            if (m_lingerBytes > kLingerBytes)
                return false;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
    }
}

void WsConnection::closeFd()
{
    std::lock_guard lock(m_mutex);
    closeFdLocked();
}

void WsConnection::closeFdLocked()
{
    m_lingering = false;
    if (m_fdClosed)
        return;
    ::epoll_ctl(m_epollFd, EPOLL_CTL_DEL, m_fd, nullptr);
    m_fdClosed = true;
    try {
        m_socket.close();
    } catch (const Poco::Exception &) {
        // already gone; nothing to release
    }
}

SocketLoop::SocketLoop(int threads, SocketLoopLimits limits)
    : m_limits(limits)
{
    for (int i = 0; i < std::max(1, threads); ++i) {
        auto worker = std::make_unique<Worker>();
        worker->epollFd = ::epoll_create1(EPOLL_CLOEXEC);
        worker->wakeFd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
        if (worker->epollFd < 0 || worker->wakeFd < 0)
            throw Poco::SystemException("cannot make the battle socket loop", std::strerror(errno));
        epoll_event ev{};
        ev.events = EPOLLIN;
        ev.data.ptr = nullptr; // the wake-up descriptor
        ::epoll_ctl(worker->epollFd, EPOLL_CTL_ADD, worker->wakeFd, &ev);
        Worker *w = worker.get();
        worker->thread = std::thread([this, w] { run(*w); });
        m_workers.push_back(std::move(worker));
    }
}

SocketLoop::~SocketLoop()
{
    stop();
    for (auto &w : m_workers) {
        ::close(w->epollFd);
        ::close(w->wakeFd);
    }
}

std::shared_ptr<WsConnection>
SocketLoop::adopt(Poco::Net::StreamSocket socket, std::shared_ptr<WsHandler> handler,
                  const std::function<void(const std::shared_ptr<WsConnection> &)> &beforeStart)
{
    Worker &worker = *m_workers[m_next++ % m_workers.size()];
    const int fd = socket.impl()->sockfd();
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    auto conn = std::make_shared<WsConnection>(std::move(socket), std::move(handler), *this, worker.epollFd,
                                               worker.wakeFd, m_limits);
    if (beforeStart)
        beforeStart(conn);
    {
        std::lock_guard lock(worker.mutex);
        if (m_stopping)
            throw Poco::IllegalStateException("the battle socket loop is stopping");
        worker.pending.push_back(conn);
    }
    ++m_count;
    // Registered by its loop thread, so the map of live connections stays that thread's alone.
    const std::uint64_t one64 = 1;
    [[maybe_unused]] auto n = ::write(worker.wakeFd, &one64, sizeof one64);
    return conn;
}

void SocketLoop::run(Worker &worker)
{
    using Clock = std::chrono::steady_clock;
    std::vector<epoll_event> events(256);
    std::vector<std::shared_ptr<WsConnection>> finished;
    // Connections that are over but still reading what their peer sends, until a deadline.
    std::unordered_map<WsConnection *, std::pair<std::shared_ptr<WsConnection>, Clock::time_point>> lingering;
    std::optional<Clock::time_point> stopSince;
    Clock::time_point lastSweep;
    for (;;) {
        const int n =
            ::epoll_wait(worker.epollFd, events.data(), int(events.size()), m_stopping ? 100 : 1000);
        if (n < 0 && errno != EINTR)
            break;
        for (int i = 0; i < n; ++i) {
            auto *conn = static_cast<WsConnection *>(events[std::size_t(i)].data.ptr);
            if (!conn) {
                lastSweep = {}; // a connection may be waiting to be dropped
                std::uint64_t value;
                [[maybe_unused]] auto r = ::read(worker.wakeFd, &value, sizeof value);
                std::vector<std::shared_ptr<WsConnection>> fresh;
                {
                    std::lock_guard lock(worker.mutex);
                    fresh.swap(worker.pending);
                }
                for (auto &c : fresh) {
                    worker.live[c.get()] = c;
                    std::lock_guard lock(c->m_mutex);
                    epoll_event ev{};
                    c->m_wantWrite = c->m_out.size() > c->m_outOffset || c->m_closing;
                    ev.events = kReadEvents | (c->m_wantWrite ? EPOLLOUT : 0u);
                    ev.data.ptr = c.get();
                    ::epoll_ctl(worker.epollFd, EPOLL_CTL_ADD, c->m_fd, &ev);
                }
                continue;
            }
            const auto flags = events[std::size_t(i)].events;
            if (conn->m_finished) {
                if (conn->m_lingering && (!conn->drainLinger() || (flags & (EPOLLHUP | EPOLLERR)))) {
                    conn->closeFd();
                    lingering.erase(conn);
                }
                continue;
            }
            bool alive = true;
            bool closedByUs = false;
            try {
                if (flags & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR))
                    alive = conn->onReadable() && !(flags & (EPOLLHUP | EPOLLERR));
                if (alive && (flags & EPOLLOUT)) {
                    conn->onWritable();
                    closedByUs = conn->m_finished;
                }
            } catch (const std::exception &e) {
                // A handler must never take the loop down; the connection goes instead.
                Poco::Logger::get("bunnyd.battles")
                    .error("battle socket %s: %s", conn->peer(), std::string(e.what()));
                alive = false;
            }
            if (!alive || conn->m_finished) {
                conn->finish(false); // no-op when it finished itself
                if (const auto it = worker.live.find(conn); it != worker.live.end()) {
                    if (closedByUs && conn->m_lingering)
                        lingering.emplace(conn, std::pair(it->second, Clock::now() + kLingerTime));
                    finished.push_back(it->second);
                }
            }
        }
        if (const auto now = Clock::now(); now - lastSweep >= kSweepInterval) {
            // Dropped or closed connections whose peer stopped reading: no event comes for them.
            lastSweep = now;
            for (auto &[ptr, c] : worker.live) {
                bool due;
                {
                    std::lock_guard lock(c->m_mutex);
                    due = c->m_finishBy && *c->m_finishBy <= now;
                }
                if (due && !c->m_finished) {
                    c->finish(false);
                    finished.push_back(c);
                }
            }
        }
        for (auto &c : finished)
            worker.live.erase(c.get());
        finished.clear();
        if (!lingering.empty()) {
            const auto now = Clock::now();
            for (auto it = lingering.begin(); it != lingering.end();) {
                if (m_stopping || it->second.second <= now) {
                    it->second.first->closeFd();
                    it = lingering.erase(it);
                } else {
                    ++it;
                }
            }
        }
        if (m_stopping) {
            // Say goodbye to everyone, give them a moment to read it, then drop the rest.
            if (!stopSince) {
                stopSince = Clock::now();
                for (auto &[ptr, c] : worker.live)
                    c->close(1001, "server stopping");
            } else if (Clock::now() - *stopSince > std::chrono::seconds(2)) {
                for (auto &[ptr, c] : worker.live)
                    c->finish(false);
                worker.live.clear();
            }
            if (worker.live.empty() && lingering.empty())
                break;
        }
    }
}

void SocketLoop::stop()
{
    if (m_stopping.exchange(true))
        return;
    // Each loop closes its own connections and ends when they are gone.
    for (auto &w : m_workers) {
        const std::uint64_t one = 1;
        [[maybe_unused]] auto n = ::write(w->wakeFd, &one, sizeof one);
    }
    for (auto &w : m_workers)
        if (w->thread.joinable())
            w->thread.join();
}

} // namespace bunny::backend::battles
