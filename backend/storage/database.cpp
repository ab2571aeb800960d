#include "storage/database.h"

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/RecordSet.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/SessionPool.h>
#include <Poco/Data/Statement.h>
#include <Poco/URI.h>

#include <mutex>

namespace bunny::backend::storage {

using namespace Poco::Data::Keywords;

std::string Row::str(std::size_t col) const
{
    const auto &v = m_cols.at(col);
    return v.isEmpty() ? std::string() : v.convert<std::string>();
}

std::int64_t Row::num(std::size_t col) const
{
    const auto &v = m_cols.at(col);
    return v.isEmpty() ? 0 : v.convert<Poco::Int64>();
}

std::string Connection::translate(std::string_view sql) const
{
    if (!m_postgres)
        return std::string(sql);
    // Our SQL never holds a literal '?', so each one is a placeholder: PostgreSQL numbers them.
    std::string out;
    int n = 0;
    for (char c : sql) {
        if (c == '?')
            out += "$" + std::to_string(++n);
        else
            out += c;
    }
    return out;
}

namespace {

void bindAll(Poco::Data::Statement &st, const std::vector<Value> &params)
{
    for (const auto &p : params) {
        if (std::holds_alternative<std::int64_t>(p))
            st.addBind(bind(Poco::Int64(std::get<std::int64_t>(p))));
        else
            st.addBind(bind(std::get<std::string>(p)));
    }
}

} // namespace

std::size_t Connection::execute(std::string_view sql, const std::vector<Value> &params)
{
    Poco::Data::Statement st(m_session);
    st << translate(sql);
    bindAll(st, params);
    return st.execute();
}

std::vector<Row> Connection::query(std::string_view sql, const std::vector<Value> &params)
{
    Poco::Data::Statement st(m_session);
    st << translate(sql);
    bindAll(st, params);
    st.execute();
    Poco::Data::RecordSet rs(st);
    std::vector<Row> rows;
    rows.reserve(rs.rowCount());
    const std::size_t cols = rs.columnCount();
    for (std::size_t r = 0; r < rs.rowCount(); ++r) {
        std::vector<Poco::Dynamic::Var> values;
        values.reserve(cols);
        for (std::size_t c = 0; c < cols; ++c)
            values.push_back(rs.value(c, r));
        rows.emplace_back(std::move(values));
    }
    return rows;
}

std::int64_t Connection::scalar(std::string_view sql, const std::vector<Value> &params)
{
    Poco::Data::Statement st(m_session);
    std::vector<Poco::Int64> out;
    st << translate(sql), into(out);
    bindAll(st, params);
    st.execute();
    return out.empty() ? 0 : out.front();
}

Database::Database(Engine engine, const std::string &connection)
    : m_engine(engine)
{
    if (engine == Engine::SQLite) {
        static std::once_flag once;
        std::call_once(once, [] { Poco::Data::SQLite::Connector::registerConnector(); });
        m_sqlite = std::make_unique<Poco::Data::Session>("SQLite", connection);
        // WAL lets readers (other processes such as bunnyctl) work beside the server.
        *m_sqlite << "PRAGMA journal_mode=WAL", now;
        *m_sqlite << "PRAGMA busy_timeout=5000", now;
        *m_sqlite << "PRAGMA foreign_keys=ON", now;
        *m_sqlite << "PRAGMA synchronous=NORMAL", now;
    } else {
        static std::once_flag once;
        std::call_once(once, [] { Poco::Data::PostgreSQL::Connector::registerConnector(); });
        m_pool = std::make_unique<Poco::Data::SessionPool>("PostgreSQL", connection, 1, 32, 60);
        m_pool->get(); // fail at start, not on the first request
    }
}

Database::~Database() = default;

std::string Database::postgresKeywords(const std::string &url)
{
    if (url.rfind("postgresql://", 0) != 0 && url.rfind("postgres://", 0) != 0)
        return url; // already keyword=value form
    const Poco::URI uri(url);
    std::string out = "host=" + (uri.getHost().empty() ? std::string("127.0.0.1") : uri.getHost());
    out += " port=" + std::to_string(uri.getPort() ? uri.getPort() : 5432);
    std::string user = uri.getUserInfo(), password;
    if (auto colon = user.find(':'); colon != std::string::npos) {
        password = user.substr(colon + 1);
        user.resize(colon);
    }
    if (!user.empty())
        out += " user=" + user;
    if (!password.empty())
        out += " password=" + password;
    std::string db = uri.getPath();
    if (!db.empty() && db.front() == '/')
        db.erase(0, 1);
    if (!db.empty())
        out += " dbname=" + db;
    return out;
}

std::unique_ptr<Database> Database::open(const std::string &url)
{
    if (url.rfind("sqlite:", 0) == 0)
        return std::unique_ptr<Database>(new Database(Engine::SQLite, url.substr(7)));
    return std::unique_ptr<Database>(new Database(Engine::PostgreSQL, postgresKeywords(url)));
}

void Database::withConnection(const std::function<void(Connection &)> &fn)
{
    if (m_sqlite) {
        std::lock_guard lock(m_sqliteMutex);
        Connection c(*m_sqlite, false);
        fn(c);
        return;
    }
    Poco::Data::Session session = m_pool->get();
    Connection c(session, true);
    fn(c);
}

void Database::transaction(const std::function<void(Connection &)> &fn)
{
    withConnection([&](Connection &c) {
        c.execute(m_sqlite ? "BEGIN IMMEDIATE" : "BEGIN");
        try {
            fn(c);
            c.execute("COMMIT");
        } catch (...) {
            try {
                c.execute("ROLLBACK");
            } catch (...) { // the connection is gone; the original error matters more
            }
            throw;
        }
    });
}

std::size_t Database::execute(std::string_view sql, const std::vector<Value> &params)
{
    std::size_t n = 0;
    withConnection([&](Connection &c) { n = c.execute(sql, params); });
    return n;
}

std::vector<Row> Database::query(std::string_view sql, const std::vector<Value> &params)
{
    std::vector<Row> rows;
    withConnection([&](Connection &c) { rows = c.query(sql, params); });
    return rows;
}

std::int64_t Database::scalar(std::string_view sql, const std::vector<Value> &params)
{
    std::int64_t v = 0;
    withConnection([&](Connection &c) { v = c.scalar(sql, params); });
    return v;
}

bool Database::ping()
{
    try {
        return scalar("SELECT 1") == 1;
    } catch (const std::exception &) {
        return false;
    }
}

} // namespace bunny::backend::storage
