#include "server/limitedhttpserver.h"

#include <Poco/Net/HTTPServerConnection.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Net/TCPServerConnectionFactory.h>

namespace bunny::backend {

ConnectionCounter::ConnectionCounter(int perAddress, std::function<void()> onRefused, TrustedProxies exempt)
    : m_perAddress(perAddress)
    , m_onRefused(std::move(onRefused))
    , m_exempt(std::move(exempt))
{}

bool ConnectionCounter::acquire(const std::string &address)
{
    if (m_exempt.trusts(address))
        return true; // release() finds no entry for it either
    {
        std::lock_guard lock(m_mutex);
        int &open = m_open[address];
        if (m_perAddress <= 0 || open < m_perAddress) {
            ++open;
            return true;
        }
    }
    if (m_onRefused)
        m_onRefused();
    return false;
}

void ConnectionCounter::release(const std::string &address)
{
    std::lock_guard lock(m_mutex);
    auto it = m_open.find(address);
    if (it != m_open.end() && --it->second <= 0)
        m_open.erase(it); // no entry per address ever seen: a scan of many addresses costs nothing
}

namespace detail {

/// Poco lets only its own HTTPServer tell connections that the server stopped (the event is
/// protected); this wrapper of the real factory raises it for LimitedHttpServer.
class StoppableFactory : public Poco::Net::HTTPRequestHandlerFactory
{
public:
    explicit StoppableFactory(Poco::Net::HTTPRequestHandlerFactory::Ptr inner)
        : m_inner(std::move(inner))
    {}
    Poco::Net::HTTPRequestHandler *createRequestHandler(const Poco::Net::HTTPServerRequest &request) override
    {
        return m_inner->createRequestHandler(request);
    }
    void notifyStopped(const void *sender, bool abortCurrent) { serverStopped(sender, abortCurrent); }

private:
    Poco::Net::HTTPRequestHandlerFactory::Ptr m_inner;
};

} // namespace detail

namespace {

/// An HTTP connection that gives its slot back when it ends, however it ends.
class CountedConnection : public Poco::Net::HTTPServerConnection
{
public:
    CountedConnection(const Poco::Net::StreamSocket &socket, Poco::Net::HTTPServerParams::Ptr params,
                      Poco::Net::HTTPRequestHandlerFactory::Ptr factory,
                      std::shared_ptr<ConnectionCounter> counter, std::string address)
        : HTTPServerConnection(socket, std::move(params), std::move(factory))
        , m_counter(std::move(counter))
        , m_address(std::move(address))
    {}
    ~CountedConnection() override { m_counter->release(m_address); }

private:
    std::shared_ptr<ConnectionCounter> m_counter;
    std::string m_address;
};

/// A connection over its address's limit: one JSON 429 answer, then closed.
class RefusedConnection : public Poco::Net::TCPServerConnection
{
public:
    using TCPServerConnection::TCPServerConnection;
    void run() override
    {
        static const std::string kBody = "{\"error\":{\"code\":\"too_many_connections\",\"message\":"
                                         "\"Too many open connections from your address; close some and "
                                         "try again.\"}}";
        const std::string answer = "HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/json\r\n"
                                   "Retry-After: 1\r\nConnection: close\r\nContent-Length: " +
                                   std::to_string(kBody.size()) + "\r\n\r\n" + kBody;
        try {
            socket().setSendTimeout(Poco::Timespan(1, 0));
            socket().sendBytes(answer.data(), int(answer.size()));
            socket().shutdownSend();
        } catch (const Poco::Exception &) { // the client is gone: nothing to tell it
        }
    }
};

class CountingFactory : public Poco::Net::TCPServerConnectionFactory
{
public:
    CountingFactory(Poco::Net::HTTPServerParams::Ptr params,
                    Poco::Net::HTTPRequestHandlerFactory::Ptr factory,
                    std::shared_ptr<ConnectionCounter> counter)
        : m_params(std::move(params))
        , m_factory(std::move(factory))
        , m_counter(std::move(counter))
    {}

    Poco::Net::TCPServerConnection *createConnection(const Poco::Net::StreamSocket &socket) override
    {
        std::string address;
        try {
            address = socket.peerAddress().host().toString();
        } catch (const Poco::Exception &) { // already disconnected
            return new RefusedConnection(socket);
        }
        if (!m_counter->acquire(address))
            return new RefusedConnection(socket);
        return new CountedConnection(socket, m_params, m_factory, m_counter, std::move(address));
    }

private:
    Poco::Net::HTTPServerParams::Ptr m_params;
    Poco::Net::HTTPRequestHandlerFactory::Ptr m_factory;
    std::shared_ptr<ConnectionCounter> m_counter;
};

} // namespace

LimitedHttpServer::LimitedHttpServer(Poco::Net::HTTPRequestHandlerFactory::Ptr factory,
                                     Poco::ThreadPool &threads, const Poco::Net::ServerSocket &socket,
                                     Poco::Net::HTTPServerParams::Ptr params,
                                     std::shared_ptr<ConnectionCounter> counter)
    : LimitedHttpServer(
          Poco::SharedPtr<detail::StoppableFactory>(new detail::StoppableFactory(std::move(factory))),
          threads, socket, std::move(params), std::move(counter))
{}

LimitedHttpServer::LimitedHttpServer(Poco::SharedPtr<detail::StoppableFactory> factory,
                                     Poco::ThreadPool &threads, const Poco::Net::ServerSocket &socket,
                                     Poco::Net::HTTPServerParams::Ptr params,
                                     std::shared_ptr<ConnectionCounter> counter)
    : TCPServer(new CountingFactory(params, factory, std::move(counter)), threads, socket, params)
    , m_factory(std::move(factory))
{}

LimitedHttpServer::~LimitedHttpServer() = default;

void LimitedHttpServer::stopAll(bool abortCurrent)
{
    stop();
    m_factory->notifyStopped(this, abortCurrent);
}

} // namespace bunny::backend
