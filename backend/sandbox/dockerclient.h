#pragma once

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/StreamSocket.h>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace bunny::sandbox {

/// A small Docker Engine API client over dockerd's UNIX socket. Keeps a few keep-alive
/// sessions and reconnects itself (Poco's session cannot reconnect to a UNIX socket).
/// Thread-safe. Failures throw Poco::Exception (caught at the sandbox boundary).
class DockerClient
{
public:
    struct Answer
    {
        int status = 0;
        std::string body;
    };

    explicit DockerClient(std::string socketPath);

    /// Whether dockerd answers /_ping (never throws).
    bool ping();
    /// One request; `path` without the API version prefix, e.g. "/containers/create".
    Answer request(const std::string &method, const std::string &path, const std::string &body = {},
                   const std::string &contentType = "application/json");
    /// A raw stream attached to a container's stdin/stdout/stderr (the "hijacked" connection).
    Poco::Net::StreamSocket attach(const std::string &id);

private:
    std::unique_ptr<Poco::Net::HTTPClientSession> takeSession();
    void giveBack(std::unique_ptr<Poco::Net::HTTPClientSession> session);
    Poco::Net::StreamSocket connect() const;

    std::string m_socketPath;
    std::mutex m_mutex;
    std::vector<std::unique_ptr<Poco::Net::HTTPClientSession>> m_idle;
};

} // namespace bunny::sandbox
