#pragma once

#include <Poco/Net/IPAddress.h>

#include <string>
#include <vector>

namespace Poco::Net {
class HTTPServerRequest;
}

namespace bunny::backend {

/// The proxies (server.trusted_proxies) whose X-Forwarded-For and X-Real-IP headers bunnyd
/// believes, so per-address limits count the client behind nginx rather than nginx itself.
/// Anyone else's headers are ignored: a client could write any address there.
class TrustedProxies
{
public:
    TrustedProxies() = default;
    /// A comma- or space-separated list of addresses and CIDR networks ("127.0.0.1, ::1,
    /// 10.0.0.0/8"). Throws Poco::InvalidArgumentException naming the first bad entry.
    static TrustedProxies parse(const std::string &list);

    bool empty() const { return m_networks.empty(); }
    bool trusts(const Poco::Net::IPAddress &address) const;
    /// False for anything that is not an IP address.
    bool trusts(const std::string &address) const;

    /// The address per-address limits count. The TCP peer, unless it is trusted: then the
    /// right-most X-Forwarded-For entry that is not itself trusted (each proxy appends the
    /// address it was connected from, so entries left of it may be forged), or X-Real-IP when
    /// there is no X-Forwarded-For, or the peer when neither holds a usable address.
    std::string clientAddress(const Poco::Net::IPAddress &peer, const std::vector<std::string> &forwardedFor,
                              const std::string &realIp) const;
    std::string clientAddress(const Poco::Net::HTTPServerRequest &request) const;

private:
    struct Network
    {
        Poco::Net::IPAddress base;
        unsigned prefix = 0;
    };
    std::vector<Network> m_networks;
};

} // namespace bunny::backend
