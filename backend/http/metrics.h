#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace bunny::backend::http {

/// Prometheus metrics of the server: requests by route, method and status, latency
/// histograms by route, database and object store errors. Thread-safe.
class Metrics
{
public:
    void observe(const std::string &route, const std::string &method, int status, double seconds);
    void databaseError() { ++m_dbErrors; }
    void storeError() { ++m_storeErrors; }
    /// The shared rate limiter (Redis) failed and let a request through unlimited.
    void rateLimitBackendError() { ++m_rateLimitBackendErrors; }
    /// A request or connection refused by an abuse limit (`limit` names it, e.g. "login_ip").
    void rateLimited(const std::string &limit);
    /// The configured value of a limit, shown as bunny_limit{name} so operators see what applies.
    void setLimit(const std::string &name, double value);
    /// The text exposition format (version 0.0.4).
    std::string render() const;

private:
    static constexpr std::array<double, 11> kBuckets{0.001, 0.005, 0.01, 0.025, 0.05, 0.1,
                                                     0.25,  0.5,   1,    2.5,   5};
    struct Histogram
    {
        std::array<std::uint64_t, kBuckets.size()> buckets{};
        std::uint64_t count = 0;
        double sum = 0;
    };

    mutable std::mutex m_mutex;
    std::map<std::tuple<std::string, std::string, int>, std::uint64_t> m_requests;
    std::map<std::string, Histogram> m_latency;
    std::atomic<std::uint64_t> m_dbErrors{0};
    std::atomic<std::uint64_t> m_storeErrors{0};
    std::atomic<std::uint64_t> m_rateLimitBackendErrors{0};
    std::map<std::string, std::uint64_t> m_rateLimited;
    std::map<std::string, double> m_limits;
};

} // namespace bunny::backend::http
