#pragma once

#include <Poco/Net/ServerSocket.h>

namespace bunny::backend {

/// A listening TCP socket like Poco's ServerSocket, except that its connections wait for the
/// next request of a keep-alive connection with one poll(2) call. Poco's own wait
/// (SocketImpl::poll) creates, arms and closes an epoll instance every time, and
/// HTTPServerSession waits before each request: about a fifth of bunnyd's CPU time in the REST
/// benchmark (backend/PERFORMANCE.md).
class KeepAliveServerSocket : public Poco::Net::ServerSocket
{
public:
    /// Binds (reusing the address, as ServerSocket does) and listens.
    explicit KeepAliveServerSocket(const Poco::Net::SocketAddress &address, int backlog = 64);
};

} // namespace bunny::backend
