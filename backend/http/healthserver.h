#pragma once

#include <Poco/Util/ServerApplication.h>

namespace bunny::backend {

/// bunnyd: serves GET /healthz until the full server lands.
class BunnyServer : public Poco::Util::ServerApplication
{
protected:
    void defineOptions(Poco::Util::OptionSet &options) override;
    void handleOption(const std::string &name, const std::string &value) override;
    int main(const std::vector<std::string> &args) override;

private:
    std::string m_bind = "127.0.0.1";
    unsigned short m_port = 8737;
    bool m_helpRequested = false;
};

} // namespace bunny::backend
