#pragma once

#include <arpa/inet.h>
#include <cerrno>
#include <netinet/in.h>
#include <string>
#include <sys/socket.h>
#include <unistd.h>

#include <QtGlobal>

namespace bunny::test {

/// A TCP connection to the server from a chosen loopback address (all of 127/8 is local, so a
/// test can be several clients).
class RawClient
{
public:
    RawClient(const char *from, quint16 port)
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in local{};
        local.sin_family = AF_INET;
        ::inet_pton(AF_INET, from, &local.sin_addr);
        sockaddr_in server{};
        server.sin_family = AF_INET;
        server.sin_port = htons(port);
        ::inet_pton(AF_INET, "127.0.0.1", &server.sin_addr);
        m_connected = m_fd >= 0 && ::bind(m_fd, reinterpret_cast<sockaddr *>(&local), sizeof local) == 0 &&
                      ::connect(m_fd, reinterpret_cast<sockaddr *>(&server), sizeof server) == 0;
    }
    ~RawClient()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    RawClient(const RawClient &) = delete;
    RawClient &operator=(const RawClient &) = delete;

    bool connected() const { return m_connected; }
    int fd() const { return m_fd; }
    bool send(const std::string &bytes)
    {
        return ::send(m_fd, bytes.data(), bytes.size(), MSG_NOSIGNAL) >= 0;
    }
    /// Reads what has arrived (non-blocking); true once the server closed its side.
    bool drain()
    {
        char buffer[4096];
        for (;;) {
            const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, MSG_DONTWAIT);
            if (n > 0) {
                m_received.append(buffer, std::size_t(n));
                continue;
            }
            return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK);
        }
    }
    const std::string &received() const { return m_received; }

private:
    int m_fd = -1;
    bool m_connected = false;
    std::string m_received;
};

} // namespace bunny::test
