#include "storage/database.h"

#include "storage/sqlitehandle.h"

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Session.h>
#include <Poco/Data/SessionPool.h>
#include <Poco/Data/Statement.h>
#include <Poco/NumberFormatter.h>
#include <Poco/NumberParser.h>
#include <Poco/URI.h>

#include <algorithm>
#include <mutex>
#include <thread>

namespace bunny::backend::storage {

using namespace Poco::Data::Keywords;

std::string Row::str(std::size_t col) const
{
    const Cell &v = m_cols.at(col);
    if (const auto *text = std::get_if<std::string>(&v))
        return *text;
    if (const auto *n = std::get_if<std::int64_t>(&v))
        return std::to_string(*n);
    if (const auto *d = std::get_if<double>(&v))
        return Poco::NumberFormatter::format(*d);
    return std::string();
}

std::int64_t Row::num(std::size_t col) const
{
    const Cell &v = m_cols.at(col);
    if (const auto *n = std::get_if<std::int64_t>(&v))
        return *n;
    if (const auto *text = std::get_if<std::string>(&v))
        return Poco::NumberParser::parse64(*text);
    if (const auto *d = std::get_if<double>(&v))
        return std::int64_t(*d);
    return 0;
}

std::string Connection::translate(std::string_view sql) const
{
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

/// A PostgreSQL value as a cell; Poco's RecordSet hands them out as Vars.
Row::Cell cell(const Poco::Dynamic::Var &v)
{
    if (v.isEmpty())
        return std::monostate();
    if (v.isInteger() || v.isBoolean())
        return v.convert<Poco::Int64>();
    if (v.isNumeric())
        return v.convert<double>();
    return v.convert<std::string>();
}

} // namespace

std::size_t Connection::execute(std::string_view sql, const std::vector<Value> &params)
{
    if (m_sqlite)
        return m_sqlite->run(sql, params, nullptr);
    Poco::Data::Statement st(*m_session);
    st << translate(sql);
    bindAll(st, params);
    return st.execute();
}

std::vector<Row> Connection::query(std::string_view sql, const std::vector<Value> &params)
{
    std::vector<Row> rows;
    if (m_sqlite) {
        m_sqlite->run(sql, params, &rows);
        return rows;
    }
    Poco::Data::Statement st(*m_session);
    st << translate(sql);
    bindAll(st, params);
    st.execute();
    Poco::Data::RecordSet rs(st);
    rows.reserve(rs.rowCount());
    const std::size_t cols = rs.columnCount();
    for (std::size_t r = 0; r < rs.rowCount(); ++r) {
        std::vector<Row::Cell> values;
        values.reserve(cols);
        for (std::size_t c = 0; c < cols; ++c)
            values.push_back(cell(rs.value(c, r)));
        rows.emplace_back(std::move(values));
    }
    return rows;
}

std::int64_t Connection::scalar(std::string_view sql, const std::vector<Value> &params)
{
    if (m_sqlite) {
        std::vector<Row> rows;
        m_sqlite->run(sql, params, &rows);
        return rows.empty() ? 0 : rows.front().num(0);
    }
    Poco::Data::Statement st(*m_session);
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
        m_sqlitePath = connection;
        m_sqlite = std::make_unique<detail::SqliteHandle>(connection, false);
        // Readers are opened on demand, up to a few per core: a query holds one for
        // microseconds, so more would only wait for a core. A private in-memory database has
        // no second connection to it, so there the writer reads too.
        const bool inMemory = connection.empty() || connection.find(":memory:") != std::string::npos ||
                              connection.find("mode=memory") != std::string::npos;
        m_maxReaders = inMemory ? 0 : std::max(4u, 2 * std::thread::hardware_concurrency());
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
    // Counted however fn ends (a failed write may still have changed something): caches that
    // noted the count before they read see that their copy may be stale.
    struct Count
    {
        std::atomic<std::uint64_t> &writes;
        ~Count() { writes.fetch_add(1, std::memory_order_acq_rel); }
    } count{m_writes};
    connect(fn);
}

void Database::connect(const std::function<void(Connection &)> &fn)
{
    if (m_sqlite) {
        std::lock_guard lock(m_sqliteMutex);
        Connection c(*m_sqlite);
        fn(c);
        return;
    }
    Poco::Data::Session session = m_pool->get();
    Connection c(session);
    fn(c);
}

void Database::withReader(const std::function<void(Connection &)> &fn)
{
    if (!m_sqlite || m_maxReaders == 0) {
        connect(fn);
        return;
    }
    std::unique_ptr<detail::SqliteHandle> reader;
    {
        std::unique_lock lock(m_readersMutex);
        m_readerReturned.wait(lock, [&] { return !m_idleReaders.empty() || m_readers < m_maxReaders; });
        if (!m_idleReaders.empty()) {
            reader = std::move(m_idleReaders.back());
            m_idleReaders.pop_back();
        } else {
            ++m_readers;
        }
    }
    if (!reader) {
        try {
            reader = std::make_unique<detail::SqliteHandle>(m_sqlitePath, true);
        } catch (...) {
            std::lock_guard lock(m_readersMutex);
            --m_readers;
            m_readerReturned.notify_one();
            throw;
        }
    }
    // Given back however fn ends: a failed statement leaves the connection usable.
    struct GiveBack
    {
        Database &db;
        std::unique_ptr<detail::SqliteHandle> &reader;
        ~GiveBack()
        {
            std::lock_guard lock(db.m_readersMutex);
            db.m_idleReaders.push_back(std::move(reader));
            db.m_readerReturned.notify_one();
        }
    } giveBack{*this, reader};
    Connection c(*reader);
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
    withReader([&](Connection &c) { rows = c.query(sql, params); });
    return rows;
}

std::int64_t Database::scalar(std::string_view sql, const std::vector<Value> &params)
{
    std::int64_t v = 0;
    withReader([&](Connection &c) { v = c.scalar(sql, params); });
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
