#include "sandbox/dockerclient.h"

#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/StreamCopier.h>

#include <sstream>

namespace bunny::sandbox {

namespace {

constexpr const char *kApi = "/v1.41";

} // namespace

DockerClient::DockerClient(std::string socketPath)
    : m_socketPath(std::move(socketPath))
{}

Poco::Net::StreamSocket DockerClient::connect() const
{
    Poco::Net::StreamSocket socket(
        Poco::Net::SocketAddress(Poco::Net::SocketAddress::UNIX_LOCAL, m_socketPath));
    return socket;
}

std::unique_ptr<Poco::Net::HTTPClientSession> DockerClient::takeSession()
{
    {
        std::lock_guard lock(m_mutex);
        if (!m_idle.empty()) {
            auto session = std::move(m_idle.back());
            m_idle.pop_back();
            return session;
        }
    }
    auto session = std::make_unique<Poco::Net::HTTPClientSession>(connect());
    session->setKeepAlive(true);
    session->setTimeout(Poco::Timespan(120, 0));
    return session;
}

void DockerClient::giveBack(std::unique_ptr<Poco::Net::HTTPClientSession> session)
{
    std::lock_guard lock(m_mutex);
    if (m_idle.size() < 8)
        m_idle.push_back(std::move(session));
}

bool DockerClient::ping()
{
    try {
        return request("GET", "/_ping").status == 200;
    } catch (const Poco::Exception &) {
        return false;
    } catch (const std::exception &) {
        return false;
    }
}

DockerClient::Answer DockerClient::request(const std::string &method, const std::string &path,
                                           const std::string &body, const std::string &contentType)
{
    // An idle keep-alive connection may have been closed by dockerd: one retry on a fresh one.
    for (int attempt = 0;; ++attempt) {
        auto session = takeSession();
        try {
            Poco::Net::HTTPRequest request(method, kApi + path, Poco::Net::HTTPMessage::HTTP_1_1);
            request.setHost("docker"); // required by HTTP/1.1; dockerd ignores its value
            request.setKeepAlive(true);
            if (!body.empty() || method == "POST") {
                request.setContentType(contentType);
                request.setContentLength(static_cast<std::streamsize>(body.size()));
            }
            std::ostream &out = session->sendRequest(request);
            out.write(body.data(), static_cast<std::streamsize>(body.size()));
            Poco::Net::HTTPResponse response;
            std::istream &in = session->receiveResponse(response);
            Answer answer;
            answer.status = response.getStatus();
            std::ostringstream text;
            Poco::StreamCopier::copyStream(in, text);
            answer.body = text.str();
            if (response.getKeepAlive())
                giveBack(std::move(session));
            return answer;
        } catch (const Poco::Net::NetException &) {
            if (attempt > 0)
                throw;
        } catch (const Poco::IOException &) {
            if (attempt > 0)
                throw;
        }
    }
}

Poco::Net::StreamSocket DockerClient::attach(const std::string &id)
{
    Poco::Net::StreamSocket socket = connect();
    const std::string request =
        std::string("POST ") + kApi + "/containers/" + id +
        "/attach?stream=1&stdin=1&stdout=1&stderr=1 HTTP/1.1\r\n"
        "Host: docker\r\nConnection: Upgrade\r\nUpgrade: tcp\r\nContent-Length: 0\r\n\r\n";
    socket.sendBytes(request.data(), static_cast<int>(request.size()));
    // Read the answer's head byte by byte so no stream byte is consumed with it.
    std::string head;
    char c;
    while (head.size() < 8192 && head.find("\r\n\r\n") == std::string::npos) {
        if (socket.receiveBytes(&c, 1) != 1)
            throw Poco::Net::NetException("dockerd closed the attach connection");
        head.push_back(c);
    }
    if (head.rfind("HTTP/1.1 101", 0) != 0 && head.rfind("HTTP/1.1 200", 0) != 0)
        throw Poco::Net::NetException("dockerd refused to attach: " + head.substr(0, head.find("\r\n")));
    return socket;
}

} // namespace bunny::sandbox
