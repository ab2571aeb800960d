#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace Poco::Data {
class Session;
class SessionPool;
} // namespace Poco::Data

namespace bunny::backend::storage {

/// A bound query parameter: every value reaches SQL through a placeholder, never by splicing.
using Value = std::variant<std::int64_t, std::string>;

/// One result row; columns in SELECT order.
class Row
{
public:
    /// NULL, integer, floating point, text (or blob bytes).
    using Cell = std::variant<std::monostate, std::int64_t, double, std::string>;
    explicit Row(std::vector<Cell> cols)
        : m_cols(std::move(cols))
    {}
    /// The column as text ("" for NULL); numbers are formatted.
    std::string str(std::size_t col) const;
    /// The column as an integer (0 for NULL); text is parsed (Poco::SyntaxException if it is no number).
    std::int64_t num(std::size_t col) const;

private:
    std::vector<Cell> m_cols;
};

namespace detail {
class SqliteHandle;
}

/// A connection borrowed from the Database; queries are written with `?` placeholders and
/// translated to the engine's syntax, so SQLite and PostgreSQL run the same code.
class Connection
{
public:
    /// PostgreSQL: each call is a Poco::Data statement on the session.
    explicit Connection(Poco::Data::Session &session)
        : m_session(&session)
    {}
    /// SQLite: each call reuses the connection's prepared statement for that SQL.
    explicit Connection(detail::SqliteHandle &sqlite)
        : m_sqlite(&sqlite)
    {}
    /// Returns the number of rows affected.
    std::size_t execute(std::string_view sql, const std::vector<Value> &params = {});
    std::vector<Row> query(std::string_view sql, const std::vector<Value> &params = {});
    /// The first column of the first row as an integer (COUNT and friends); 0 without rows.
    std::int64_t scalar(std::string_view sql, const std::vector<Value> &params = {});

private:
    std::string translate(std::string_view sql) const;

    Poco::Data::Session *m_session = nullptr;
    detail::SqliteHandle *m_sqlite = nullptr;
};

/// The database: SQLite (one WAL file; one writer connection, serialized, and a pool of
/// read-only connections that WAL lets read in parallel with it and each other) or PostgreSQL
/// (a session pool). Thread-safe. Throws Poco::Data exceptions on failures, counted by the caller.
class Database
{
public:
    enum class Engine { SQLite, PostgreSQL };

    /// url: "sqlite:PATH" or "postgresql://user:pass@host:port/db" (also "host=... dbname=...").
    static std::unique_ptr<Database> open(const std::string &url);
    ~Database();

    Engine engine() const { return m_engine; }
    /// fn gets the writer connection (SQLite) or a pooled session (PostgreSQL). Counts as a
    /// write (see writes()), like transaction() and execute().
    void withConnection(const std::function<void(Connection &)> &fn);
    /// How many writes this process has finished (or failed) so far. A cache that notes it
    /// before a read and finds it unchanged later knows no write of this process came between.
    std::uint64_t writes() const { return m_writes.load(std::memory_order_acquire); }
    /// Runs fn inside BEGIN/COMMIT; rolls back and rethrows on an exception.
    void transaction(const std::function<void(Connection &)> &fn);

    /// A write (or any statement) on the writer connection.
    std::size_t execute(std::string_view sql, const std::vector<Value> &params = {});
    /// Reads only: on SQLite they run on a reader connection, in parallel with other reads and
    /// the writer, and see every transaction committed before they start.
    std::vector<Row> query(std::string_view sql, const std::vector<Value> &params = {});
    std::int64_t scalar(std::string_view sql, const std::vector<Value> &params = {});

    /// True when a trivial query succeeds (for /readyz).
    bool ping();

    /// Converts a postgresql:// URL to libpq's keyword form, which Poco's connector wants.
    static std::string postgresKeywords(const std::string &url);

private:
    Database(Engine engine, const std::string &connection);
    void connect(const std::function<void(Connection &)> &fn);
    /// fn gets a reader connection (SQLite; the writer for a private in-memory database) or a
    /// pooled session (PostgreSQL).
    void withReader(const std::function<void(Connection &)> &fn);

    Engine m_engine;
    std::atomic<std::uint64_t> m_writes{0};
    std::string m_sqlitePath;
    std::mutex m_sqliteMutex; // the writer
    std::unique_ptr<detail::SqliteHandle> m_sqlite;
    std::mutex m_readersMutex;
    std::condition_variable m_readerReturned;
    std::vector<std::unique_ptr<detail::SqliteHandle>> m_idleReaders;
    std::size_t m_readers = 0; // opened so far, idle or lent
    std::size_t m_maxReaders = 0;
    std::unique_ptr<Poco::Data::SessionPool> m_pool;
};

} // namespace bunny::backend::storage
