#include "scale/redisconnection.h"

#include <Poco/Exception.h>
#include <Poco/NumberParser.h>
#include <Poco/Redis/Array.h>
#include <Poco/Redis/Error.h>
#include <Poco/Redis/Exception.h>
#include <Poco/Redis/Type.h>
#include <Poco/URI.h>

namespace bunny::backend::scale {

using Poco::Redis::RedisType;

RedisUrl RedisUrl::parse(const std::string &text)
{
    Poco::URI uri(text);
    if (uri.getScheme() != "redis")
        throw Poco::SyntaxException("redis.url must start with redis://", text);
    RedisUrl url;
    if (!uri.getHost().empty())
        url.host = uri.getHost();
    if (uri.getPort() != 0)
        url.port = uri.getPort();
    const auto &info = uri.getUserInfo();
    if (const auto colon = info.find(':'); colon != std::string::npos)
        url.password = info.substr(colon + 1);
    std::string path = uri.getPath();
    if (!path.empty() && path != "/") {
        int db = 0;
        if (!Poco::NumberParser::tryParse(path.substr(1), db) || db < 0)
            throw Poco::SyntaxException("redis.url: the path must be a database number", text);
        url.db = db;
    }
    return url;
}

RedisConnection::RedisConnection(const RedisUrl &url)
{
    m_client.connect(url.host, url.port, Poco::Timespan(5, 0));
    m_client.setReceiveTimeout(Poco::Timespan(10, 0));
    if (!url.password.empty())
        string({"AUTH", url.password});
    if (url.db != 0)
        string({"SELECT", std::to_string(url.db)});
}

RedisType::Ptr RedisConnection::command(const Args &args)
{
    Poco::Redis::Array request;
    for (const auto &arg : args)
        request << arg;
    RedisType::Ptr reply = m_client.sendCommand(request);
    if (reply->isError()) {
        const auto *error = dynamic_cast<const Poco::Redis::Type<Poco::Redis::Error> *>(reply.get());
        throw Poco::Redis::RedisException(error ? error->value().getMessage() : std::string("error reply"));
    }
    return reply;
}

namespace {

std::optional<std::string> asString(const RedisType::Ptr &reply)
{
    if (reply->isBulkString()) {
        const auto &value =
            static_cast<const Poco::Redis::Type<Poco::Redis::BulkString> *>(reply.get())->value();
        if (value.isNull())
            return std::nullopt;
        return value.value();
    }
    if (reply->isSimpleString())
        return static_cast<const Poco::Redis::Type<std::string> *>(reply.get())->value();
    if (reply->isInteger())
        return std::to_string(static_cast<const Poco::Redis::Type<Poco::Int64> *>(reply.get())->value());
    // Blocking moves (BLMOVE, BRPOPLPUSH) answer a timeout with a null array, not a null string.
    if (reply->isArray() &&
        static_cast<const Poco::Redis::Type<Poco::Redis::Array> *>(reply.get())->value().isNull())
        return std::nullopt;
    throw Poco::Redis::RedisException("unexpected reply type");
}

} // namespace

std::optional<std::string> RedisConnection::string(const Args &args)
{
    return asString(command(args));
}

std::int64_t RedisConnection::integer(const Args &args)
{
    const auto reply = command(args);
    if (reply->isInteger())
        return static_cast<const Poco::Redis::Type<Poco::Int64> *>(reply.get())->value();
    const auto text = asString(reply);
    return text ? Poco::NumberParser::parse64(*text) : 0;
}

std::vector<std::int64_t> RedisConnection::integers(const std::vector<Args> &commands)
{
    std::vector<std::int64_t> out;
    if (commands.empty())
        return out;
    std::vector<Poco::Redis::Array> requests(commands.size());
    for (std::size_t i = 0; i < commands.size(); ++i)
        for (const auto &arg : commands[i])
            requests[i] << arg;
    const Poco::Redis::Array replies = m_client.sendCommands(requests);
    out.reserve(replies.size());
    std::string error;
    for (auto it = replies.begin(); it != replies.end(); ++it) {
        const RedisType::Ptr &reply = *it;
        if (reply->isError()) {
            const auto *e = dynamic_cast<const Poco::Redis::Type<Poco::Redis::Error> *>(reply.get());
            error = e ? e->value().getMessage() : std::string("error reply");
            out.push_back(0);
        } else if (reply->isInteger()) {
            out.push_back(static_cast<const Poco::Redis::Type<Poco::Int64> *>(reply.get())->value());
        } else {
            const auto text = asString(reply);
            out.push_back(text ? Poco::NumberParser::parse64(*text) : 0);
        }
    }
    if (!error.empty())
        throw Poco::Redis::RedisException(error);
    return out;
}

std::vector<std::optional<std::string>> RedisConnection::readPushed()
{
    return strings(m_client.readReply());
}

std::vector<std::optional<std::string>> RedisConnection::array(const Args &args)
{
    return strings(command(args));
}

std::vector<std::optional<std::string>> RedisConnection::strings(const RedisType::Ptr &reply)
{
    std::vector<std::optional<std::string>> out;
    if (!reply->isArray())
        throw Poco::Redis::RedisException("expected an array reply");
    const auto &items = static_cast<const Poco::Redis::Type<Poco::Redis::Array> *>(reply.get())->value();
    if (items.isNull())
        return out;
    for (auto it = items.begin(); it != items.end(); ++it)
        out.push_back(asString(*it));
    return out;
}

void RedisConnection::setReceiveTimeout(std::chrono::milliseconds timeout)
{
    m_client.setReceiveTimeout(Poco::Timespan(static_cast<Poco::Timespan::TimeDiff>(timeout.count()) * 1000));
}

RedisPool::RedisPool(RedisUrl url)
    : m_url(std::move(url))
{}

RedisPool::Lease::Lease(RedisPool &pool, std::unique_ptr<RedisConnection> connection)
    : m_pool(&pool)
    , m_connection(std::move(connection))
{}

RedisPool::Lease::~Lease()
{
    if (m_keep && m_connection)
        m_pool->giveBack(std::move(m_connection));
}

RedisPool::Lease RedisPool::acquire()
{
    {
        std::lock_guard lock(m_mutex);
        if (!m_idle.empty()) {
            auto connection = std::move(m_idle.back());
            m_idle.pop_back();
            return Lease(*this, std::move(connection));
        }
    }
    return Lease(*this, std::make_unique<RedisConnection>(m_url));
}

void RedisPool::giveBack(std::unique_ptr<RedisConnection> connection)
{
    connection->setReceiveTimeout(std::chrono::seconds(10));
    std::lock_guard lock(m_mutex);
    if (m_idle.size() < 16)
        m_idle.push_back(std::move(connection));
}

} // namespace bunny::backend::scale
