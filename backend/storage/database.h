#pragma once

#include <Poco/Data/Session.h>
#include <Poco/Dynamic/Var.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace Poco::Data {
class SessionPool;
}

namespace bunny::backend::storage {

/// A bound query parameter: every value reaches SQL through a placeholder, never by splicing.
using Value = std::variant<std::int64_t, std::string>;

/// One result row; columns in SELECT order.
class Row
{
public:
    explicit Row(std::vector<Poco::Dynamic::Var> cols)
        : m_cols(std::move(cols))
    {}
    std::string str(std::size_t col) const;
    std::int64_t num(std::size_t col) const;

private:
    std::vector<Poco::Dynamic::Var> m_cols;
};

/// A session borrowed from the Database; queries are written with `?` placeholders and
/// translated to the engine's syntax, so SQLite and PostgreSQL run the same code.
class Connection
{
public:
    Connection(Poco::Data::Session &session, bool postgres)
        : m_session(session)
        , m_postgres(postgres)
    {}
    /// Returns the number of rows affected.
    std::size_t execute(std::string_view sql, const std::vector<Value> &params = {});
    std::vector<Row> query(std::string_view sql, const std::vector<Value> &params = {});
    /// The first column of the first row as an integer (COUNT and friends); 0 without rows.
    std::int64_t scalar(std::string_view sql, const std::vector<Value> &params = {});

private:
    std::string translate(std::string_view sql) const;

    Poco::Data::Session &m_session;
    bool m_postgres;
};

/// The database: SQLite (one WAL file, one serialized connection) or PostgreSQL (a pool).
/// Thread-safe. Throws Poco::Data exceptions on failures, counted by the caller.
class Database
{
public:
    enum class Engine { SQLite, PostgreSQL };

    /// url: "sqlite:PATH" or "postgresql://user:pass@host:port/db" (also "host=... dbname=...").
    static std::unique_ptr<Database> open(const std::string &url);
    ~Database();

    Engine engine() const { return m_engine; }
    void withConnection(const std::function<void(Connection &)> &fn);
    /// Runs fn inside BEGIN/COMMIT; rolls back and rethrows on an exception.
    void transaction(const std::function<void(Connection &)> &fn);

    std::size_t execute(std::string_view sql, const std::vector<Value> &params = {});
    std::vector<Row> query(std::string_view sql, const std::vector<Value> &params = {});
    std::int64_t scalar(std::string_view sql, const std::vector<Value> &params = {});

    /// True when a trivial query succeeds (for /readyz).
    bool ping();

    /// Converts a postgresql:// URL to libpq's keyword form, which Poco's connector wants.
    static std::string postgresKeywords(const std::string &url);

private:
    Database(Engine engine, const std::string &connection);

    Engine m_engine;
    std::mutex m_sqliteMutex;
    std::unique_ptr<Poco::Data::Session> m_sqlite;
    std::unique_ptr<Poco::Data::SessionPool> m_pool;
};

} // namespace bunny::backend::storage
