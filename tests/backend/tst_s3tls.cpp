// S3Store over https against a real s3rver serving TLS (tests/services.d/s3.sh makes a throwaway
// CA and a certificate for localhost with openssl): the operator's s3.ca_file is trusted, and a
// server whose certificate that CA did not sign is refused with an error that says so.
#include "bunnydfixture.h"

#include "auth/randomtoken.h"
#include "storage/s3store.h"
#include "storage/sigv4.h"

#include <Poco/Exception.h>
#include <Poco/String.h>

#include <QTest>

using bunny::backend::storage::S3Config;
using bunny::backend::storage::S3Store;
using bunny::backend::storage::SigV4Signer;
using bunny::test::BunnydFixture;

class tst_S3Tls : public QObject
{
    Q_OBJECT

private:
    static S3Config tlsConfig(const QString &caFile)
    {
        S3Config c = BunnydFixture::s3Config("t-tls-" + Poco::toLower(bunny::backend::auth::newId()) + "/");
        c.endpoint = qEnvironmentVariable("BUNNY_TEST_S3_TLS_ENDPOINT").toStdString();
        c.caFile = caFile.toStdString();
        return c;
    }

private slots:
    void initTestCase()
    {
        if (const QString why = BunnydFixture::s3UnavailableReason(); !why.isEmpty())
            QSKIP(qPrintable(why));
        QVERIFY2(!qEnvironmentVariableIsEmpty("BUNNY_TEST_S3_TLS_ENDPOINT"),
                 "tests/services.d/s3.sh starts s3rver over TLS too (it needs openssl)");
    }

    void storesAndReadsBackOverHttpsTrustingTheConfiguredCa()
    {
        S3Store store(tlsConfig(qEnvironmentVariable("BUNNY_TEST_S3_TLS_CA_FILE")));
        QVERIFY(store.ping());
        const std::string bytes(20000, 't');
        const std::string sha = store.put(bytes);
        QCOMPARE(sha, SigV4Signer::sha256Hex(bytes));
        QVERIFY(store.exists(sha));
        QCOMPARE(store.read(sha, 0, bytes.size()), bytes);
        QCOMPARE(store.read(sha, 100, 10), bytes.substr(100, 10));
        const std::string url = store.presignedGetUrl(sha, 60);
        QVERIFY2(url.rfind("https://localhost:", 0) == 0, url.c_str());
        store.remove(sha);
        QVERIFY(!store.exists(sha));
    }

    void refusesAServerTheCaDidNotVouchFor_data()
    {
        QTest::addColumn<QString>("caFile");
        QTest::newRow("anotherCa") << qEnvironmentVariable("BUNNY_TEST_S3_TLS_OTHER_CA_FILE");
        QTest::newRow("systemCasOnly") << QString(); // the throwaway CA is in no system store
    }

    void refusesAServerTheCaDidNotVouchFor()
    {
        QFETCH(QString, caFile);
        S3Store store(tlsConfig(caFile));
        QVERIFY(!store.ping());
        try {
            store.put("never stored");
            QFAIL("a server with an untrusted certificate was accepted");
        } catch (const Poco::Exception &e) {
            const std::string text = e.displayText();
            qInfo("%s", text.c_str()); // what an operator reads in the log
            // Names the endpoint, OpenSSL's reason and the setting that fixes it.
            QVERIFY2(text.find(qEnvironmentVariable("BUNNY_TEST_S3_TLS_ENDPOINT").toStdString()) !=
                         std::string::npos,
                     text.c_str());
            QVERIFY2(text.find("certificate verify failed") != std::string::npos,
                     text.c_str()); // OpenSSL's reason
            QVERIFY2(text.find("s3.ca_file") != std::string::npos, text.c_str());
        }
    }

    void aMissingCaFileIsAClearErrorAtStart()
    {
        try {
            S3Store store(tlsConfig("/nonexistent/ca.pem"));
            QFAIL("a missing s3.ca_file was accepted");
        } catch (const Poco::Exception &e) {
            QVERIFY2(e.displayText().find("/nonexistent/ca.pem") != std::string::npos,
                     e.displayText().c_str());
        }
    }
};

QTEST_GUILESS_MAIN(tst_S3Tls)
#include "tst_s3tls.moc"
