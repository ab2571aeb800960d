#pragma once

#include "storage/database.h"

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace Poco::Data {
class Session;
}

namespace bunny::backend::storage::detail {

/// One SQLite connection, opened and configured through Poco::Data, whose statements are
/// prepared once and kept (keyed by their SQL text): Poco::Data's Statement parses the SQL and
/// builds a RecordSet of Dynamic::Vars on every call, which cost more than the query itself.
/// Used by one thread at a time (the Database hands it out).
class SqliteHandle
{
public:
    /// readOnly: the connection refuses writes (PRAGMA query_only), for the reader pool.
    SqliteHandle(const std::string &path, bool readOnly);
    ~SqliteHandle();
    SqliteHandle(const SqliteHandle &) = delete;
    SqliteHandle &operator=(const SqliteHandle &) = delete;

    /// Runs one statement with params bound in order; every result row is appended to rows
    /// when given. Returns the rows an INSERT, UPDATE or DELETE changed (else 0). Throws
    /// Poco::Data::SQLite exceptions (DataExceptions) with SQLite's message.
    std::size_t run(std::string_view sql, const std::vector<Value> &params, std::vector<Row> *rows);

private:
    sqlite3_stmt *prepared(std::string_view sql);

    std::unique_ptr<Poco::Data::Session> m_session; // owns the connection
    sqlite3 *m_db = nullptr;
    std::unordered_map<std::string, sqlite3_stmt *> m_statements;
};

} // namespace bunny::backend::storage::detail
