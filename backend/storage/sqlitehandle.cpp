#include "storage/sqlitehandle.h"

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/SQLite/SQLiteException.h>
#include <Poco/Data/SQLite/Utility.h>
#include <Poco/Data/Session.h>

#include <sqlite3.h>

#include <mutex>

namespace bunny::backend::storage::detail {

using namespace Poco::Data::Keywords;

namespace {

// Our SQL is a fixed set of texts plus a few variants (list filters, counters), so the cache
// stays small; the bound only guards against a caller building unbounded SQL one day.
constexpr std::size_t kMaxStatements = 256;

/// Resets the statement after use, also on an exception, so it holds no read snapshot or lock
/// and binds nothing that dies with the caller.
class StatementUse
{
public:
    explicit StatementUse(sqlite3_stmt *stmt)
        : m_stmt(stmt)
    {}
    ~StatementUse()
    {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
    }
    StatementUse(const StatementUse &) = delete;
    StatementUse &operator=(const StatementUse &) = delete;

private:
    sqlite3_stmt *m_stmt;
};

Row::Cell column(sqlite3_stmt *stmt, int col)
{
    switch (sqlite3_column_type(stmt, col)) {
    case SQLITE_INTEGER:
        return std::int64_t(sqlite3_column_int64(stmt, col));
    case SQLITE_FLOAT:
        return sqlite3_column_double(stmt, col);
    case SQLITE_NULL:
        return std::monostate();
    default: { // TEXT, BLOB: the pointer first, then the size (SQLite's documented order)
        const auto *data = static_cast<const char *>(sqlite3_column_blob(stmt, col));
        return std::string(data ? data : "", std::size_t(sqlite3_column_bytes(stmt, col)));
    }
    }
}

} // namespace

SqliteHandle::SqliteHandle(const std::string &path, bool readOnly)
{
    static std::once_flag once;
    std::call_once(once, [] { Poco::Data::SQLite::Connector::registerConnector(); });
    m_session = std::make_unique<Poco::Data::Session>("SQLite", path);
    m_db = Poco::Data::SQLite::Utility::dbHandle(*m_session);
    Poco::Data::Session &s = *m_session;
    if (readOnly) {
        s << "PRAGMA query_only=ON", now;
    } else {
        // WAL lets readers (the reader pool, other processes such as bunnyctl) work beside the
        // writer; it is a property of the file, so the writer sets it.
        s << "PRAGMA journal_mode=WAL", now;
        s << "PRAGMA foreign_keys=ON", now;
        s << "PRAGMA synchronous=NORMAL", now;
    }
    s << "PRAGMA busy_timeout=5000", now;
}

SqliteHandle::~SqliteHandle()
{
    for (auto &[sql, stmt] : m_statements)
        sqlite3_finalize(stmt);
}

sqlite3_stmt *SqliteHandle::prepared(std::string_view sql)
{
    const std::string key(sql);
    if (auto it = m_statements.find(key); it != m_statements.end())
        return it->second;
    if (m_statements.size() >= kMaxStatements) {
        for (auto &[text, stmt] : m_statements)
            sqlite3_finalize(stmt);
        m_statements.clear();
    }
    sqlite3_stmt *stmt = nullptr;
    const char *tail = nullptr;
    const int rc =
        sqlite3_prepare_v3(m_db, key.data(), int(key.size()), SQLITE_PREPARE_PERSISTENT, &stmt, &tail);
    if (rc != SQLITE_OK)
        Poco::Data::SQLite::Utility::throwException(m_db, rc, key);
    if (!stmt) // only whitespace or a comment
        throw Poco::Data::DataException("empty SQL statement", key);
    for (; tail && *tail; ++tail) {
        if (*tail != ' ' && *tail != '\n' && *tail != '\t' && *tail != '\r' && *tail != ';') {
            sqlite3_finalize(stmt);
            throw Poco::Data::DataException("one SQL statement at a time", key);
        }
    }
    m_statements.emplace(key, stmt);
    return stmt;
}

std::size_t SqliteHandle::run(std::string_view sql, const std::vector<Value> &params, std::vector<Row> *rows)
{
    sqlite3_stmt *stmt = prepared(sql);
    StatementUse use(stmt);
    int index = 0;
    for (const auto &p : params) {
        ++index;
        // The values outlive the statement's use (reset by `use`), so SQLite need not copy them.
        const int rc = std::holds_alternative<std::int64_t>(p)
                           ? sqlite3_bind_int64(stmt, index, std::get<std::int64_t>(p))
                           : sqlite3_bind_text(stmt, index, std::get<std::string>(p).data(),
                                               int(std::get<std::string>(p).size()), SQLITE_STATIC);
        if (rc != SQLITE_OK)
            Poco::Data::SQLite::Utility::throwException(m_db, rc, std::string(sql));
    }
    const int columns = sqlite3_column_count(stmt);
    while (true) {
        const int rc = sqlite3_step(stmt);
        if (rc == SQLITE_DONE)
            break;
        if (rc != SQLITE_ROW)
            Poco::Data::SQLite::Utility::throwException(m_db, rc, std::string(sql));
        if (!rows)
            continue;
        std::vector<Row::Cell> cells;
        cells.reserve(std::size_t(columns));
        for (int c = 0; c < columns; ++c)
            cells.push_back(column(stmt, c));
        rows->emplace_back(std::move(cells));
    }
    // As Poco::Data counts them: the changes of the last INSERT, UPDATE or DELETE.
    return sqlite3_stmt_readonly(stmt) ? 0 : std::size_t(sqlite3_changes(m_db));
}

} // namespace bunny::backend::storage::detail
