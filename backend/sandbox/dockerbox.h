#pragma once

#include "sandbox/box.h"
#include "sandbox/dockerclient.h"

#include <Poco/Net/StreamSocket.h>

#include <functional>
#include <string>

namespace bunny::sandbox {

/// One started container with bunny-box-init waiting on its attached stdin.
class DockerBox : public Box
{
public:
    DockerBox(DockerClient &client, std::string id, Poco::Net::StreamSocket stream, Limits created,
              std::function<void(const std::string &)> remove);
    ~DockerBox() override;

    BoxOutcome execute(const BoxSpec &spec) override;

private:
    DockerClient &m_client;
    std::string m_id;
    Poco::Net::StreamSocket m_stream;
    Limits m_created;
    std::function<void(const std::string &)> m_remove;
};

} // namespace bunny::sandbox
