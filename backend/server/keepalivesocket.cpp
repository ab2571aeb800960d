#include "server/keepalivesocket.h"

#include <Poco/Net/ServerSocketImpl.h>
#include <Poco/Net/StreamSocketImpl.h>

#include <cerrno>
#include <chrono>

#include <poll.h>
#include <sys/socket.h>

namespace bunny::backend {

namespace {

class PollingStreamSocketImpl : public Poco::Net::StreamSocketImpl
{
public:
    explicit PollingStreamSocketImpl(poco_socket_t fd)
        : StreamSocketImpl(fd)
    {}

    bool poll(const Poco::Timespan &timeout, int mode) override
    {
        pollfd p{sockfd(), 0, 0};
        if (mode & SELECT_READ)
            p.events |= POLLIN;
        if (mode & SELECT_WRITE)
            p.events |= POLLOUT;
        if (mode & SELECT_ERROR)
            p.events |= POLLPRI;
        using Clock = std::chrono::steady_clock;
        const auto deadline = Clock::now() + std::chrono::microseconds(timeout.totalMicroseconds());
        while (true) {
            const auto left =
                std::chrono::duration_cast<std::chrono::microseconds>(deadline - Clock::now()).count();
            const int rc = ::poll(&p, 1, left <= 0 ? 0 : int((left + 999) / 1000));
            if (rc >= 0)
                return rc > 0; // readable, writable, or closed/failed (the next call says which)
            if (errno != EINTR)
                error();
        }
    }
};

class PollingServerSocketImpl : public Poco::Net::ServerSocketImpl
{
public:
    Poco::Net::SocketImpl *acceptConnection(Poco::Net::SocketAddress &clientAddr) override
    {
        sockaddr_storage buffer{};
        auto *address = reinterpret_cast<sockaddr *>(&buffer);
        socklen_t length = sizeof buffer;
        int fd = -1;
        do {
            fd = ::accept4(sockfd(), address, &length, SOCK_CLOEXEC);
        } while (fd < 0 && errno == EINTR);
        if (fd < 0)
            error();
        clientAddr = Poco::Net::SocketAddress(address, length);
        return new PollingStreamSocketImpl(fd);
    }
};

} // namespace

KeepAliveServerSocket::KeepAliveServerSocket(const Poco::Net::SocketAddress &address, int backlog)
    : ServerSocket(new PollingServerSocketImpl, true)
{
    impl()->bind(address, true); // as ServerSocket(address, backlog) does
    impl()->listen(backlog);
}

} // namespace bunny::backend
