#include "server/trustedproxies.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/NumberParser.h>
#include <Poco/String.h>
#include <Poco/StringTokenizer.h>

#include <algorithm>

namespace bunny::backend {

namespace {

using Poco::Net::IPAddress;

/// ::ffff:10.0.0.1 is 10.0.0.1: a dual-stack socket reports IPv4 peers that way.
IPAddress unmapped(const IPAddress &address)
{
    if (address.family() == IPAddress::IPv6 && address.isIPv4Mapped())
        return IPAddress(static_cast<const char *>(address.addr()) + 12, 4);
    return address;
}

std::vector<std::string> splitList(const std::string &list)
{
    std::string commas = list;
    std::replace_if(
        commas.begin(), commas.end(), [](char c) { return c == ' ' || c == '\t'; }, ',');
    Poco::StringTokenizer tokens(commas, ",",
                                 Poco::StringTokenizer::TOK_IGNORE_EMPTY | Poco::StringTokenizer::TOK_TRIM);
    return {tokens.begin(), tokens.end()};
}

} // namespace

TrustedProxies TrustedProxies::parse(const std::string &list)
{
    TrustedProxies proxies;
    for (const auto &entry : splitList(list)) {
        const auto slash = entry.find('/');
        Network network;
        if (!IPAddress::tryParse(entry.substr(0, slash), network.base))
            throw Poco::InvalidArgumentException("server.trusted_proxies: '" + entry +
                                                 "' is not an IP address or network (e.g. 10.0.0.0/8)");
        network.base = unmapped(network.base);
        const unsigned bits = network.base.family() == IPAddress::IPv4 ? 32 : 128;
        network.prefix = bits;
        if (slash != std::string::npos) {
            unsigned prefix = 0;
            if (!Poco::NumberParser::tryParseUnsigned(entry.substr(slash + 1), prefix) || prefix > bits)
                throw Poco::InvalidArgumentException("server.trusted_proxies: '" + entry +
                                                     "' has a prefix length that is not 0 to " +
                                                     std::to_string(bits));
            network.prefix = prefix;
        }
        proxies.m_networks.push_back(network);
    }
    return proxies;
}

bool TrustedProxies::trusts(const IPAddress &address) const
{
    const IPAddress candidate = unmapped(address);
    for (const auto &network : m_networks) {
        if (network.base.family() != candidate.family())
            continue;
        const IPAddress mask(network.prefix, candidate.family());
        if ((candidate & mask) == (network.base & mask))
            return true;
    }
    return false;
}

bool TrustedProxies::trusts(const std::string &address) const
{
    IPAddress parsed;
    return IPAddress::tryParse(address, parsed) && trusts(parsed);
}

std::string TrustedProxies::clientAddress(const IPAddress &peer, const std::vector<std::string> &forwardedFor,
                                          const std::string &realIp) const
{
    IPAddress client = unmapped(peer);
    if (!trusts(client))
        return client.toString();
    std::vector<std::string> hops;
    for (const auto &header : forwardedFor)
        for (auto &hop : splitList(header))
            hops.push_back(std::move(hop));
    if (hops.empty()) {
        IPAddress real;
        if (IPAddress::tryParse(Poco::trim(realIp), real))
            return unmapped(real).toString();
        return client.toString();
    }
    // Walk from the nearest hop outwards while the hops are our proxies. A hop that is not an
    // address was not written by a proxy of ours: stop at the last one we trust.
    for (auto hop = hops.rbegin(); hop != hops.rend(); ++hop) {
        IPAddress address;
        if (!IPAddress::tryParse(*hop, address))
            break;
        client = unmapped(address);
        if (!trusts(client))
            break;
    }
    return client.toString();
}

std::string TrustedProxies::clientAddress(const Poco::Net::HTTPServerRequest &request) const
{
    const IPAddress peer = request.clientAddress().host();
    if (!trusts(peer))
        return unmapped(peer).toString();
    std::vector<std::string> forwardedFor;
    for (auto it = request.find("X-Forwarded-For");
         it != request.end() && Poco::icompare(it->first, "X-Forwarded-For") == 0; ++it)
        forwardedFor.push_back(it->second);
    return clientAddress(peer, forwardedFor, request.get("X-Real-IP", ""));
}

} // namespace bunny::backend
