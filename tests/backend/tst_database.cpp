// Database on a real SQLite file: the writer connection, the pool of read-only connections that
// WAL lets read beside it, and the prepared statements each connection keeps.
#include "storage/database.h"

#include <Poco/Data/DataException.h>

#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <thread>
#include <vector>

using bunny::backend::storage::Connection;
using bunny::backend::storage::Database;

class tst_Database : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_files = 0;
    std::unique_ptr<Database> m_shared; // one database for all rows of a data-driven test

    std::unique_ptr<Database> freshDatabase()
    {
        auto db =
            Database::open("sqlite:" + m_dir.filePath(QString("db%1.sqlite").arg(++m_files)).toStdString());
        db->execute("CREATE TABLE items (id TEXT PRIMARY KEY, n BIGINT, note TEXT)");
        return db;
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void aReadSeesEveryWriteCommittedBeforeIt()
    {
        auto db = freshDatabase();
        for (std::int64_t i = 1; i <= 50; ++i) {
            db->execute("INSERT INTO items (id, n) VALUES (?, ?)", {"item" + std::to_string(i), i});
            // A reader connection, not the writer: still the row just written.
            QCOMPARE(db->scalar("SELECT COUNT(*) FROM items"), i);
            QCOMPARE(db->scalar("SELECT n FROM items WHERE id = ?", {"item" + std::to_string(i)}), i);
        }
    }

    void aReusedStatementBindsItsNewValues_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<qlonglong>("n");
        QTest::addColumn<QString>("note");
        QTest::newRow("plain") << "a" << 1ll << "first";
        QTest::newRow("multibyte") << "é中🐰" << -7ll << "naïve 中文 🐰";
        QTest::newRow("quotesAndPlaceholders") << "b'?\"" << 0ll << "'); DROP TABLE items; --";
        QTest::newRow("emptyText") << "" << 9'007'199'254'740'993ll << "";
    }

    void aReusedStatementBindsItsNewValues()
    {
        QFETCH(QString, id);
        QFETCH(qlonglong, n);
        QFETCH(QString, note);
        if (!m_shared)
            m_shared = freshDatabase(); // every row reuses the same prepared statements
        Database *db = m_shared.get();
        db->execute("INSERT INTO items (id, n, note) VALUES (?, ?, ?)",
                    {id.toStdString(), std::int64_t(n), note.toStdString()});
        const auto rows = db->query("SELECT id, n, note FROM items WHERE id = ?", {id.toStdString()});
        QCOMPARE(rows.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(rows[0].str(0)), id);
        QCOMPARE(rows[0].num(1), std::int64_t(n));
        QCOMPARE(QString::fromStdString(rows[0].str(2)), note);
    }

    void nullsAndNumbersConvertAsBefore()
    {
        auto db = freshDatabase();
        db->execute("INSERT INTO items (id) VALUES ('x')");
        const auto rows = db->query("SELECT note, n, 42, '17', 2.5 FROM items");
        QCOMPARE(rows.size(), std::size_t(1));
        QCOMPARE(rows[0].str(0), std::string());
        QCOMPARE(rows[0].num(1), std::int64_t(0));
        QCOMPARE(rows[0].str(2), std::string("42"));
        QCOMPARE(rows[0].num(3), std::int64_t(17));
        QCOMPARE(rows[0].num(4), std::int64_t(2));
        QCOMPARE(db->scalar("SELECT n FROM items WHERE id = 'none'"), std::int64_t(0));
    }

    void executeCountsTheRowsItChanged()
    {
        auto db = freshDatabase();
        QCOMPARE(db->execute("INSERT INTO items (id, n) VALUES ('a', 1) ON CONFLICT DO NOTHING"),
                 std::size_t(1));
        QCOMPARE(db->execute("INSERT INTO items (id, n) VALUES ('a', 1) ON CONFLICT DO NOTHING"),
                 std::size_t(0));
        db->execute("INSERT INTO items (id, n) VALUES ('b', 1)");
        QCOMPARE(db->execute("UPDATE items SET n = n + 1"), std::size_t(2));
        QCOMPARE(db->execute("DELETE FROM items WHERE id = ?", {"nothing"}), std::size_t(0));
    }

    void readsGoOnWhileATransactionIsOpen()
    {
        auto db = freshDatabase();
        db->execute("INSERT INTO items (id, n) VALUES ('before', 1)");
        std::promise<void> written, readDone;
        std::thread writer([&] {
            db->transaction([&](Connection &c) {
                c.execute("INSERT INTO items (id, n) VALUES ('inside', 2)");
                written.set_value();
                readDone.get_future().wait(); // hold the writer until the reads are done
            });
        });
        written.get_future().wait();
        // On the writer connection these would wait for the transaction: a reader answers,
        // from the last commit, without the uncommitted row.
        auto reads = std::async(std::launch::async, [&] {
            return db->scalar("SELECT COUNT(*) FROM items") * 10 +
                   db->scalar("SELECT COUNT(*) FROM items WHERE id = 'inside'");
        });
        const bool answered = reads.wait_for(std::chrono::seconds(30)) == std::future_status::ready;
        readDone.set_value();
        writer.join();
        QVERIFY2(answered, "a read waited for the writer's open transaction");
        QCOMPARE(reads.get(), std::int64_t(10));
        QCOMPARE(db->scalar("SELECT COUNT(*) FROM items"), std::int64_t(2));
    }

    void readsRefuseToWrite()
    {
        auto db = freshDatabase();
        QVERIFY_THROWS_EXCEPTION(Poco::Data::DataException, db->query("INSERT INTO items (id) VALUES ('r')"));
        QCOMPARE(db->scalar("SELECT COUNT(*) FROM items"), std::int64_t(0));
    }

    void aFailedStatementLeavesTheConnectionUsable()
    {
        auto db = freshDatabase();
        db->execute("INSERT INTO items (id, n) VALUES ('a', 1)");
        QVERIFY_THROWS_EXCEPTION(Poco::Data::DataException,
                                 db->execute("INSERT INTO items (id, n) VALUES ('a', 2)"));
        QVERIFY_THROWS_EXCEPTION(Poco::Data::DataException, db->query("SELECT nothing FROM nowhere"));
        QVERIFY_THROWS_EXCEPTION(Poco::Data::DataException, db->transaction([](Connection &c) {
            c.execute("INSERT INTO items (id, n) VALUES ('b', 1)");
            c.execute("INSERT INTO items (id, n) VALUES ('a', 3)");
        }));
        QCOMPARE(db->scalar("SELECT COUNT(*) FROM items"), std::int64_t(1)); // 'b' rolled back
        db->execute("INSERT INTO items (id, n) VALUES ('c', 1)");
        QCOMPARE(db->scalar("SELECT COUNT(*) FROM items"), std::int64_t(2));
    }

    void manyThreadsReadAndWriteTogether()
    {
        auto db = freshDatabase();
        constexpr int kThreads = 12, kEach = 40;
        std::vector<std::thread> threads;
        std::atomic<int> wrong = 0;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&, t] {
                for (int i = 0; i < kEach; ++i) {
                    const std::string id = std::to_string(t) + "-" + std::to_string(i);
                    db->execute("INSERT INTO items (id, n) VALUES (?, ?)", {id, std::int64_t(i)});
                    if (db->scalar("SELECT n FROM items WHERE id = ?", {id}) != i)
                        ++wrong;
                }
            });
        }
        for (auto &thread : threads)
            thread.join();
        QCOMPARE(wrong.load(), 0);
        QCOMPARE(db->scalar("SELECT COUNT(*) FROM items"), std::int64_t(kThreads * kEach));
    }

    void anInMemoryDatabaseReadsThroughItsOnlyConnection()
    {
        auto db = Database::open("sqlite::memory:");
        db->execute("CREATE TABLE t (x BIGINT)");
        db->execute("INSERT INTO t (x) VALUES (5)");
        QCOMPARE(db->scalar("SELECT x FROM t"), std::int64_t(5));
    }
};

QTEST_GUILESS_MAIN(tst_Database)
#include "tst_database.moc"
