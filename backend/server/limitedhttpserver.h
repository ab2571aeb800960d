#pragma once

#include "server/trustedproxies.h"

#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/TCPServer.h>

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace bunny::backend {

namespace detail {
class StoppableFactory;
}

/// Open connections per client address, so a few slow clients (slowloris) cannot hold every
/// server thread. Thread-safe. Trusted proxies are not counted: every client behind nginx
/// arrives from its address, and nginx limits its own clients (limit_conn).
class ConnectionCounter
{
public:
    /// perAddress 0: unlimited. onRefused is called (any thread) for each refused connection.
    /// Addresses `exempt` trusts are never counted nor refused.
    ConnectionCounter(int perAddress, std::function<void()> onRefused, TrustedProxies exempt = {});
    /// Counts a connection of `address`; false (nothing counted) when it is at its limit.
    bool acquire(const std::string &address);
    void release(const std::string &address);

private:
    const int m_perAddress;
    std::function<void()> m_onRefused;
    const TrustedProxies m_exempt;
    std::mutex m_mutex;
    std::map<std::string, int> m_open;
};

/// Poco's HTTPServer with a cap on connections per client address: past it a connection gets
/// one 429 answer and is closed at once, never occupying a thread for long. Otherwise the same
/// (HTTPServerConnection serves each connection; timeouts and keep-alive from the params).
class LimitedHttpServer : public Poco::Net::TCPServer
{
public:
    /// The server shares ownership of the factory and params, as Poco's HTTPServer does.
    /// Connections are served on `threads`, which must outlive the server.
    LimitedHttpServer(Poco::Net::HTTPRequestHandlerFactory::Ptr factory, Poco::ThreadPool &threads,
                      const Poco::Net::ServerSocket &socket, Poco::Net::HTTPServerParams::Ptr params,
                      std::shared_ptr<ConnectionCounter> counter);
    ~LimitedHttpServer() override;

    /// As HTTPServer::stopAll: stops accepting; with abortCurrent, shuts the open connections.
    void stopAll(bool abortCurrent = false);

private:
    LimitedHttpServer(Poco::SharedPtr<detail::StoppableFactory> factory, Poco::ThreadPool &threads,
                      const Poco::Net::ServerSocket &socket, Poco::Net::HTTPServerParams::Ptr params,
                      std::shared_ptr<ConnectionCounter> counter);

    Poco::SharedPtr<detail::StoppableFactory> m_factory;
};

} // namespace bunny::backend
