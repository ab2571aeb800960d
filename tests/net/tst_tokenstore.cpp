// TokenStore: the keyring through QtKeychain, else a file only the user can read; never QSettings.
#include "net/tokenstore.h"

#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace bunny::net;

class tst_TokenStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void fallbackFileIsOwnerOnly_data();
    void fallbackFileIsOwnerOnly();
    void clearRemovesTheFile();
    void tokensNeverReachSettings();

private:
    static Tokens sample() { return Tokens{"access-abc", "refresh-xyz", "http://127.0.0.1:1", {}}; }
};

void tst_TokenStore::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    // No keyring answers here: a session bus that does not exist, as on a headless box.
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bunny-test-bus");
}

void tst_TokenStore::fallbackFileIsOwnerOnly_data()
{
    QTest::addColumn<int>("backend");
    QTest::newRow("autoWithoutKeyring") << int(TokenStore::Backend::Auto);
    QTest::newRow("fileOnly") << int(TokenStore::Backend::File);
}

void tst_TokenStore::fallbackFileIsOwnerOnly()
{
    QFETCH(int, backend);
    QTemporaryDir dir;
    const QString file = dir.filePath("sub/session.json");
    TokenStore store(nullptr, TokenStore::Backend(backend), file);
    bool saved = false, done = false;
    store.save(sample(), [&](bool ok) {
        saved = ok;
        done = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(done, 30000);
    QVERIFY(saved);
    QCOMPARE(store.lastBackend(), TokenStore::Backend::File);
    QVERIFY(QFile::exists(file));
    QCOMPARE(QFile::permissions(file) & ~(QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                          QFileDevice::ReadUser | QFileDevice::WriteUser),
             QFileDevice::Permissions());

    TokenStore again(nullptr, TokenStore::Backend(backend), file);
    Tokens loaded;
    done = false;
    again.load([&](const Tokens &t) {
        loaded = t;
        done = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(done, 30000);
    QCOMPARE(loaded.access, sample().access);
    QCOMPARE(loaded.refresh, sample().refresh);
    QCOMPARE(loaded.serverUrl, sample().serverUrl);
}

void tst_TokenStore::clearRemovesTheFile()
{
    QTemporaryDir dir;
    const QString file = dir.filePath("session.json");
    TokenStore store(nullptr, TokenStore::Backend::File, file);
    store.save(sample());
    QVERIFY(QFile::exists(file));
    bool done = false;
    store.clear([&] { done = true; });
    QTRY_VERIFY(done);
    QVERIFY(!QFile::exists(file));
}

void tst_TokenStore::tokensNeverReachSettings()
{
    QTemporaryDir dir;
    TokenStore store(nullptr, TokenStore::Backend::Auto, dir.filePath("session.json"));
    bool done = false;
    store.save(sample(), [&](bool) { done = true; });
    QTRY_VERIFY_WITH_TIMEOUT(done, 30000);
    QSettings settings;
    settings.sync();
    QFile ini(settings.fileName());
    const QByteArray text = ini.open(QIODevice::ReadOnly) ? ini.readAll() : QByteArray();
    QVERIFY(!text.contains("refresh-xyz"));
    QVERIFY(!text.contains("access-abc"));
    for (const QString &key : settings.allKeys())
        QVERIFY2(!settings.value(key).toString().contains("refresh-xyz"), qPrintable(key));
}

QTEST_GUILESS_MAIN(tst_TokenStore)
#include "tst_tokenstore.moc"
