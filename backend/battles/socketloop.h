#pragma once

#include "battles/wsframe.h"

#include <Poco/Net/StreamSocket.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace bunny::backend::battles {

class SocketLoop;
class WsConnection;

/// What a connection reports; called on the connection's loop thread, one call at a time per
/// connection.
class WsHandler
{
public:
    virtual ~WsHandler() = default;
    /// A whole text message.
    virtual void onText(const std::shared_ptr<WsConnection> &conn, std::string &&text) = 0;
    /// The connection is gone (closed by either side, an error, or dropped for being slow).
    virtual void onClosed(const std::shared_ptr<WsConnection> &conn) = 0;
};

struct SocketLoopLimits
{
    std::size_t maxMessageBytes = 256 * 1024; ///< a bigger message closes with 1009
    std::size_t maxOutboxBytes = 4 << 20;     ///< a client this far behind is dropped
    /// Told of each refusal by name ("battle_message_bytes", "battle_outbox_bytes") for
    /// bunny_rate_limited_total; any thread, under the connection's lock (so it must not call back).
    std::function<void(const std::string &limit)> onRefused;
    /// How long our close frame may wait for a peer that does not read before the socket goes.
    std::chrono::milliseconds closeTimeout{5000};
};

/// One upgraded WebSocket, read by its loop thread and written from any thread. sendText never
/// blocks: it writes what the socket takes now and keeps the rest for the loop to flush; a
/// client whose backlog passes maxOutboxBytes is closed, so one slow reader never stalls others.
class WsConnection : public std::enable_shared_from_this<WsConnection>
{
public:
    WsConnection(Poco::Net::StreamSocket socket, std::shared_ptr<WsHandler> handler, SocketLoop &loop,
                 int epollFd, int wakeFd, const SocketLoopLimits &limits);

    /// Queues a text message; false when the connection is closed or has just been dropped.
    bool sendText(std::string_view text);
    /// Queues a frame made by ws::encodeFrame: a message for many recipients is framed once and
    /// the same bytes go to each of them.
    bool sendFrame(std::string_view frame);
    /// Sends a close frame with code and reason, then closes once it is written.
    void close(std::uint16_t code, std::string_view reason);
    bool isOpen() const { return !m_closing.load(); }
    /// Bytes waiting to be written (tests and the load tool's figures).
    std::size_t backlog();
    const std::string &peer() const { return m_peer; }
    WsHandler &handler() { return *m_handler; }

private:
    friend class SocketLoop;
    bool queueLocked(std::string_view bytes); // needs m_mutex
    void flushLocked();                       // needs m_mutex; writes until EAGAIN
    void updateInterestLocked();
    /// Needs m_mutex: the loop finishes this connection once `after` has passed, whether or not
    /// the socket ever becomes writable again (a peer that stopped reading never makes it so).
    void finishAfterLocked(std::chrono::steady_clock::duration after);
    /// Loop thread: reads and dispatches; returns false when the connection must go.
    bool onReadable();
    void onWritable();
    /// Loop thread: ends the connection (once) and reports onClosed. With linger, when we
    /// closed first and the peer may still be sending, the descriptor stays open for reading
    /// (see beginLingerLocked) instead of being closed at once.
    void finish(bool linger);
    /// Needs m_mutex: sends our FIN but keeps reading, so input that is still arriving does not
    /// make the kernel answer with a reset, which would destroy the close frame (and whatever
    /// preceded it) before the peer has read it.
    bool beginLingerLocked();
    /// Loop thread, lingering: reads and discards; false once the peer is done (EOF, error) or
    /// has sent more than a lingering client may.
    bool drainLinger();
    /// Closes the descriptor (once).
    void closeFd();
    void closeFdLocked();

    Poco::Net::StreamSocket m_socket; // owns the descriptor
    int m_fd;
    int m_epollFd;
    int m_wakeFd; // the loop's wake-up descriptor
    std::shared_ptr<WsHandler> m_handler;
    SocketLoop &m_loop;
    SocketLoopLimits m_limits;
    std::string m_peer;
    ws::MessageReader m_reader; // loop thread only

    std::mutex m_mutex; // guards the output side and the descriptor's lifetime
    std::string m_out;
    std::size_t m_outOffset = 0;
    bool m_wantWrite = false;
    bool m_fdClosed = false;
    std::atomic<bool> m_closing{false}; // no more messages in or out; close after the flush
    std::optional<std::chrono::steady_clock::time_point> m_finishBy; // see finishAfterLocked
    bool m_finished = false;                                         // loop thread only
    bool m_lingering = false;                                        // loop thread only
    std::size_t m_lingerBytes = 0;                                   // loop thread only
};

/// epoll loops that own the battle sockets after the HTTP upgrade: a few threads serve
/// thousands of connections, instead of a blocked thread per socket. Connections are spread
/// round-robin over the threads.
class SocketLoop
{
public:
    SocketLoop(int threads, SocketLoopLimits limits);
    ~SocketLoop();
    SocketLoop(const SocketLoop &) = delete;
    SocketLoop &operator=(const SocketLoop &) = delete;

    /// Takes over an upgraded socket (made non-blocking here). beforeStart runs with the new
    /// connection before its first message can arrive (and may already write to it); the handler
    /// learns of messages from then on.
    std::shared_ptr<WsConnection>
    adopt(Poco::Net::StreamSocket socket, std::shared_ptr<WsHandler> handler,
          const std::function<void(const std::shared_ptr<WsConnection> &)> &beforeStart = {});
    /// Closes every connection (1001 going away) and joins the threads.
    void stop();
    std::size_t connections() const { return m_count.load(); }

private:
    friend class WsConnection;
    struct Worker
    {
        int epollFd = -1;
        int wakeFd = -1;
        std::thread thread;
        std::mutex mutex; // guards pending
        std::vector<std::shared_ptr<WsConnection>> pending;
        std::unordered_map<WsConnection *, std::shared_ptr<WsConnection>> live; // loop thread only
    };
    void run(Worker &worker);

    SocketLoopLimits m_limits;
    std::vector<std::unique_ptr<Worker>> m_workers;
    std::atomic<std::size_t> m_next{0};
    std::atomic<std::size_t> m_count{0};
    std::atomic<bool> m_stopping{false};
};

} // namespace bunny::backend::battles
