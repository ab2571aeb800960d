#pragma once

#include "server/settings.h"

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Util/ServerApplication.h>

#include <map>

namespace bunny::backend {

namespace http {
class Metrics;
}

/// bunnyd: `bunnyd [--port N] [--data DIR] [--bind ADDR] [--config FILE]`. Options override
/// the .properties file, which overrides the embedded defaults (server/settings.h).
class BunnyServer : public Poco::Util::ServerApplication
{
protected:
    void defineOptions(Poco::Util::OptionSet &options) override;
    void handleOption(const std::string &name, const std::string &value) override;
    int main(const std::vector<std::string> &args) override;

private:
    void setUpLogging();
    /// Shows the configured abuse limits on /metrics (bunny_limit{name}).
    void publishLimits(http::Metrics &metrics) const;
    Poco::Net::SocketAddress listenAddress() const;
    /// The listening socket for HTTPS from tls.cert and tls.key (PEM files).
    Poco::Net::ServerSocket secureSocket() const;

    std::string m_configFile;
    std::map<std::string, std::string> m_overrides; // config key -> value from the command line
    bool m_helpRequested = false;
    Settings m_settings;
};

} // namespace bunny::backend
