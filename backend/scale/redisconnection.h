#pragma once

#include <Poco/Redis/Client.h>

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace bunny::backend::scale {

/// Where Redis is: `redis://[:password@]host[:port][/db]` (port 6379, db 0 by default).
struct RedisUrl
{
    std::string host = "127.0.0.1";
    int port = 6379;
    std::string password;
    int db = 0;

    /// Throws Poco::SyntaxException naming what is wrong.
    static RedisUrl parse(const std::string &url);
};

/// One connection to Redis with the few reply shapes we use. Not thread-safe: one user at a
/// time (RedisPool hands them out). Error replies and lost connections throw Poco exceptions.
class RedisConnection
{
public:
    explicit RedisConnection(const RedisUrl &url);

    using Args = std::vector<std::string>;
    /// The raw reply.
    Poco::Redis::RedisType::Ptr command(const Args &args);
    /// A bulk or simple string reply; nullopt for a null reply.
    std::optional<std::string> string(const Args &args);
    /// An integer reply (0 for a null reply).
    std::int64_t integer(const Args &args);
    /// Several commands in one round trip (pipelined), their integer replies in order. Throws
    /// after reading every reply when one of them is an error.
    std::vector<std::int64_t> integers(const std::vector<Args> &commands);
    /// An array of strings (nullopt elements for nulls); empty for a null array.
    std::vector<std::optional<std::string>> array(const Args &args);

    /// The next reply the server pushes unasked (a Pub/Sub message), as an array of strings.
    std::vector<std::optional<std::string>> readPushed();

    /// For blocking commands: how long to wait for a reply before the connection is given up.
    void setReceiveTimeout(std::chrono::milliseconds timeout);

private:
    static std::vector<std::optional<std::string>> strings(const Poco::Redis::RedisType::Ptr &reply);

    Poco::Redis::Client m_client;
};

/// Hands out connections to one Redis, reusing idle ones. Thread-safe. A connection that threw
/// is dropped rather than returned, so a broken socket is never reused.
class RedisPool
{
public:
    explicit RedisPool(RedisUrl url);

    class Lease
    {
    public:
        Lease(RedisPool &pool, std::unique_ptr<RedisConnection> connection);
        Lease(Lease &&) = default;
        ~Lease();
        RedisConnection *operator->() { return m_connection.get(); }
        RedisConnection &operator*() { return *m_connection; }
        /// Call when the connection is in a known state (no reply pending): it goes back to the pool.
        void keep() { m_keep = true; }

    private:
        RedisPool *m_pool;
        std::unique_ptr<RedisConnection> m_connection;
        bool m_keep = false;
    };

    Lease acquire();
    const RedisUrl &url() const { return m_url; }

private:
    void giveBack(std::unique_ptr<RedisConnection> connection);

    RedisUrl m_url;
    std::mutex m_mutex;
    std::vector<std::unique_ptr<RedisConnection>> m_idle;
};

} // namespace bunny::backend::scale
