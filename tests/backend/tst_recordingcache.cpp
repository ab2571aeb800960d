// RecordingCache on a real SQLite file: what it may reuse and what it must read again. A second
// Database handle on the same file stands for another bunnyd instance (or bunnyctl) writing.
#include "storage/database.h"
#include "storage/migrations.h"
#include "storage/recordingcache.h"
#include "storage/recordingstore.h"
#include "storage/userstore.h"

#include <QTemporaryDir>
#include <QTest>

#include <chrono>
#include <future>
#include <memory>
#include <thread>
#include <vector>

using namespace bunny::backend::storage;
using namespace std::chrono_literals;

class tst_RecordingCache : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::string m_url;
    std::unique_ptr<Database> m_db;    // this instance
    std::unique_ptr<Database> m_other; // another instance on the same database
    std::string m_owner;

    std::string newRecording(const std::string &title, const std::string &visibility = "public")
    {
        RecordingRow r;
        r.ownerId = m_owner;
        r.title = title;
        r.visibility = visibility;
        r.files = "[]";
        r.sha256 = std::string(64, 'a' + char(title.size() % 6)) + title; // unique per owner
        r.size = 10;
        if (!RecordingStore(*m_db).insert(r))
            throw std::runtime_error("insert failed");
        return r.id;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_url = "sqlite:" + m_dir.filePath("bunny.db").toStdString();
        m_db = Database::open(m_url);
        migrate(*m_db);
        m_other = Database::open(m_url);
        User u;
        u.username = "carol";
        u.email = "carol@example.org";
        u.passwordHash = "x";
        QVERIFY(UserStore(*m_db).create(u));
        m_owner = u.id;
    }

    void aRepeatedReadIsServedFromMemory()
    {
        RecordingCache cache(*m_db, 60s);
        const std::string id = newRecording("repeat");
        const auto first = cache.byId(id);
        QVERIFY(first);
        QCOMPARE(first->title, std::string("repeat"));
        QCOMPARE(first->ownerName, std::string("carol"));
        const auto second = cache.byId(id);
        QVERIFY(second);
        QCOMPARE(second->sha256, first->sha256);
        QCOMPARE(cache.misses(), std::uint64_t(1));
        QCOMPARE(cache.hits(), std::uint64_t(1));
    }

    void aWriteThroughThisInstanceShowsAtOnce()
    {
        RecordingCache cache(*m_db, 60s);
        const std::string id = newRecording("turned-private");
        QCOMPARE(cache.byId(id)->visibility, std::string("public"));
        auto row = *RecordingStore(*m_db).byId(id);
        row.visibility = "private";
        RecordingStore(*m_db).update(row);
        QCOMPARE(cache.byId(id)->visibility, std::string("private"));
        RecordingStore(*m_db).remove(id);
        QVERIFY(!cache.byId(id));
    }

    void anyWriteOfThisInstanceCountsEvenAFailedOne()
    {
        RecordingCache cache(*m_db, 60s);
        const std::string id = newRecording("failed-write");
        QVERIFY(cache.byId(id));
        // Changed behind the cache's back by another handle, then a failing statement here: the
        // failed write still makes this instance read again (it may have changed something).
        m_other->execute("UPDATE recordings SET title = 'renamed' WHERE id = ?", {id});
        QVERIFY_THROWS_EXCEPTION(std::exception, m_db->execute("INSERT INTO no_such_table VALUES (1)"));
        QCOMPARE(cache.byId(id)->title, std::string("renamed"));
    }

    void aWriteElsewhereShowsWithinTheTtl()
    {
        const std::string id = newRecording("elsewhere");
        RecordingCache longLived(*m_db, 60s);
        RecordingCache shortLived(*m_db, 50ms);
        QCOMPARE(longLived.byId(id)->visibility, std::string("public"));
        QCOMPARE(shortLived.byId(id)->visibility, std::string("public"));
        m_other->execute("UPDATE recordings SET visibility = 'private' WHERE id = ?", {id});
        // Within the TTL this instance may still answer with its copy...
        QCOMPARE(longLived.byId(id)->visibility, std::string("public"));
        // ...and past it, never.
        std::this_thread::sleep_for(80ms);
        QCOMPARE(shortLived.byId(id)->visibility, std::string("private"));
    }

    void absentRowsAreNeverKept()
    {
        RecordingCache cache(*m_db, 60s);
        QVERIFY(!cache.byId("not-there-yet"));
        // Made by another instance: found at once, not after a TTL.
        const std::string id = "madeElsewhere123";
        m_other->execute(
            "INSERT INTO recordings (id, owner_id, title, visibility, duration_ms, events, files,"
            " language, size, sha256, created) VALUES (?, ?, 'elsewhere', 'public', 0, 0, '[]',"
            " '', 1, ?, 0)",
            {id, m_owner, std::string(64, 'f')});
        const auto row = cache.byId(id);
        QVERIFY(row);
        QCOMPARE(row->title, std::string("elsewhere"));
    }

    void aZeroTtlReadsEveryTime()
    {
        RecordingCache cache(*m_db, 0ms);
        const std::string id = newRecording("uncached");
        QVERIFY(cache.byId(id));
        m_other->execute("UPDATE recordings SET title = 'seen' WHERE id = ?", {id});
        QCOMPARE(cache.byId(id)->title, std::string("seen"));
        QCOMPARE(cache.hits(), std::uint64_t(0));
    }

    void moreRowsThanTheCapacityStayCorrect()
    {
        RecordingCache cache(*m_db, 60s, 3);
        std::vector<std::string> ids;
        for (int i = 0; i < 10; ++i)
            ids.push_back(newRecording("many-" + std::to_string(i)));
        for (int round = 0; round < 3; ++round)
            for (int i = 0; i < 10; ++i)
                QCOMPARE(cache.byId(ids[std::size_t(i)])->title, "many-" + std::to_string(i));
        QCOMPARE(cache.hits() + cache.misses(), std::uint64_t(30));
    }

    void threadsReadAndWriteAtOnce()
    {
        RecordingCache cache(*m_db, 60s, 8);
        std::vector<std::string> ids;
        for (int i = 0; i < 16; ++i)
            ids.push_back(newRecording("shared-" + std::to_string(i)));
        std::vector<std::future<int>> readers;
        for (int t = 0; t < 4; ++t)
            readers.push_back(std::async(std::launch::async, [&, t] {
                int found = 0;
                for (int i = 0; i < 400; ++i)
                    found += cache.byId(ids[std::size_t((i * 7 + t) % 16)]) ? 1 : 0;
                return found;
            }));
        for (int i = 0; i < 50; ++i)
            m_db->execute("UPDATE recordings SET views = views + 1 WHERE id = ?", {ids[std::size_t(i % 16)]});
        for (auto &r : readers)
            QCOMPARE(r.get(), 400);
        // After the writes, every read reflects them.
        std::int64_t views = 0;
        for (const auto &id : ids)
            views += cache.byId(id)->views;
        QCOMPARE(views, std::int64_t(50));
    }
};

QTEST_GUILESS_MAIN(tst_RecordingCache)
#include "tst_recordingcache.moc"
