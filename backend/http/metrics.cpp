#include "http/metrics.h"

#include <sstream>

namespace bunny::backend::http {

namespace {

std::string escapeLabel(const std::string &v)
{
    std::string out;
    for (char c : v) {
        if (c == '\\' || c == '"')
            out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}

} // namespace

void Metrics::observe(const std::string &route, const std::string &method, int status, double seconds)
{
    std::lock_guard lock(m_mutex);
    ++m_requests[{route, method, status}];
    auto &h = m_latency[route];
    for (std::size_t i = 0; i < kBuckets.size(); ++i)
        if (seconds <= kBuckets[i])
            ++h.buckets[i];
    ++h.count;
    h.sum += seconds;
}

void Metrics::rateLimited(const std::string &limit)
{
    std::lock_guard lock(m_mutex);
    ++m_rateLimited[limit];
}

void Metrics::setLimit(const std::string &name, double value)
{
    std::lock_guard lock(m_mutex);
    m_limits[name] = value;
}

std::string Metrics::render() const
{
    std::ostringstream out;
    out.precision(9);
    std::lock_guard lock(m_mutex);
    out << "# HELP bunny_http_requests_total HTTP requests by route, method and status.\n"
           "# TYPE bunny_http_requests_total counter\n";
    for (const auto &[key, n] : m_requests) {
        const auto &[route, method, status] = key;
        out << "bunny_http_requests_total{route=\"" << escapeLabel(route) << "\",method=\""
            << escapeLabel(method) << "\",status=\"" << status << "\"} " << n << '\n';
    }
    out << "# HELP bunny_http_request_duration_seconds Time to answer a request, by route.\n"
           "# TYPE bunny_http_request_duration_seconds histogram\n";
    for (const auto &[route, h] : m_latency) {
        const std::string r = escapeLabel(route);
        for (std::size_t i = 0; i < kBuckets.size(); ++i)
            out << "bunny_http_request_duration_seconds_bucket{route=\"" << r << "\",le=\"" << kBuckets[i]
                << "\"} " << h.buckets[i] << '\n';
        out << "bunny_http_request_duration_seconds_bucket{route=\"" << r << "\",le=\"+Inf\"} " << h.count
            << '\n';
        out << "bunny_http_request_duration_seconds_sum{route=\"" << r << "\"} " << h.sum << '\n';
        out << "bunny_http_request_duration_seconds_count{route=\"" << r << "\"} " << h.count << '\n';
    }
    out << "# HELP bunny_database_errors_total Failed database operations.\n"
           "# TYPE bunny_database_errors_total counter\n"
           "bunny_database_errors_total "
        << m_dbErrors.load() << '\n';
    out << "# HELP bunny_object_store_errors_total Failed object store operations.\n"
           "# TYPE bunny_object_store_errors_total counter\n"
           "bunny_object_store_errors_total "
        << m_storeErrors.load() << '\n';
    out << "# HELP bunny_rate_limit_backend_errors_total Rate limit checks let through because Redis "
           "failed.\n"
           "# TYPE bunny_rate_limit_backend_errors_total counter\n"
           "bunny_rate_limit_backend_errors_total "
        << m_rateLimitBackendErrors.load() << '\n';
    out << "# HELP bunny_rate_limited_total Requests, connections and messages refused by an abuse limit.\n"
           "# TYPE bunny_rate_limited_total counter\n";
    for (const auto &[limit, n] : m_rateLimited)
        out << "bunny_rate_limited_total{limit=\"" << escapeLabel(limit) << "\"} " << n << '\n';
    out << "# HELP bunny_limit The configured abuse limits (0: unlimited).\n"
           "# TYPE bunny_limit gauge\n";
    for (const auto &[name, value] : m_limits)
        out << "bunny_limit{name=\"" << escapeLabel(name) << "\"} " << value << '\n';
    return out.str();
}

} // namespace bunny::backend::http
