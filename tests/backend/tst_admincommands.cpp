// bunnyctl admin against the database of a running bunnyd: accounts made or reset on the
// command line work over HTTP at once.
#include "bunnydfixture.h"

#include <QProcess>
#include <QTest>

using bunny::test::BunnydFixture;

class tst_AdminCommands : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void createdUserCanSignIn();
    void resetPasswordSignsTheUserOutEverywhere();
    void listUsersShowsAccountsWithoutSecrets();
    void badInputFailsWithAMessage_data();
    void badInputFailsWithAMessage();

private:
    struct Run
    {
        int code = -1;
        QString out, err;
    };
    Run ctl(const QStringList &args, const QByteArray &stdinText = {});

    BunnydFixture m_server;
};

void tst_AdminCommands::initTestCase()
{
    if (const QString why = BunnydFixture::unavailableReason(); !why.isEmpty())
        QSKIP(qPrintable(why));
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
}

tst_AdminCommands::Run tst_AdminCommands::ctl(const QStringList &args, const QByteArray &stdinText)
{
    QProcess p;
    p.start(qEnvironmentVariable("BUNNY_BUILD_DIR") + "/backend/bunnyctl",
            QStringList{"admin"} + args +
                QStringList{"--data", m_server.dataDir(), "--config", m_server.configPath()});
    p.waitForStarted();
    p.write(stdinText);
    p.closeWriteChannel();
    p.waitForFinished(60000);
    return Run{p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
               QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

void tst_AdminCommands::createdUserCanSignIn()
{
    const Run r = ctl({"create-user", "carol", "carol@example.org", "--password-stdin"}, "carol-pass-1\n");
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY(r.out.contains("created user carol"));
    const auto login = m_server.postJson("/api/v1/auth/login",
                                         {{"login", "carol@example.org"}, {"password", "carol-pass-1"}});
    QCOMPARE(login.status, 200);
}

void tst_AdminCommands::resetPasswordSignsTheUserOutEverywhere()
{
    const auto dave = m_server.signUp("dave");
    const Run r = ctl({"reset-password", "dave", "--password-stdin"}, "dave-new-pass\n");
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QCOMPARE(m_server.get("/api/v1/me", dave.accessToken).status, 401);
    QCOMPARE(m_server.postJson("/api/v1/auth/refresh", {{"refresh_token", dave.refreshToken}}).status, 401);
    QCOMPARE(m_server.postJson("/api/v1/auth/login", {{"login", "dave"}, {"password", dave.password}}).status,
             401);
    QCOMPARE(
        m_server.postJson("/api/v1/auth/login", {{"login", "dave"}, {"password", "dave-new-pass"}}).status,
        200);
}

void tst_AdminCommands::listUsersShowsAccountsWithoutSecrets()
{
    m_server.signUp("erin");
    const Run r = ctl({"list-users", "--json"});
    QCOMPARE(r.code, 0);
    const auto list = nlohmann::json::parse(r.out.toStdString(), nullptr, false);
    QVERIFY(list.is_array());
    bool found = false;
    for (const auto &u : list) {
        QVERIFY(!u.contains("password_hash"));
        found = found || (u.value("username", "") == "erin" && u.value("email", "") == "erin@example.org");
    }
    QVERIFY(found);
    QVERIFY(!r.out.contains("scrypt$"));
    const Run text = ctl({"list-users"});
    QVERIFY(text.out.contains("erin\terin@example.org\t"));
}

void tst_AdminCommands::badInputFailsWithAMessage_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("message");
    QTest::newRow("takenUsername") << QStringList{"create-user", "taken-one", "t1@example.org",
                                                  "--password-stdin"}
                                   << QByteArray("long-enough\n") << 1 << "taken";
    QTest::newRow("badEmail") << QStringList{"create-user", "frank", "not-an-email", "--password-stdin"}
                              << QByteArray("long-enough\n") << 1 << "valid email";
    QTest::newRow("shortPassword") << QStringList{"create-user", "gina", "g@example.org", "--password-stdin"}
                                   << QByteArray("short\n") << 1 << "at least 8";
    QTest::newRow("noPasswordGiven") << QStringList{"create-user", "hank", "h@example.org",
                                                    "--password-stdin"}
                                     << QByteArray() << 1 << "no password";
    QTest::newRow("noTerminalForPrompt")
        << QStringList{"create-user", "ivy", "i@example.org"} << QByteArray() << 1 << "--password-stdin";
    QTest::newRow("unknownUser") << QStringList{"reset-password", "nobody-here", "--password-stdin"}
                                 << QByteArray("long-enough\n") << 1 << "no user";
    QTest::newRow("missingArguments") << QStringList{"create-user", "jack"} << QByteArray() << 2 << "usage";
    QTest::newRow("unknownCommand") << QStringList{"drop-everything"} << QByteArray() << 2
                                    << "unknown command";
}

void tst_AdminCommands::badInputFailsWithAMessage()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, input);
    QFETCH(int, code);
    QFETCH(QString, message);
    if (QTest::currentDataTag() == QByteArray("takenUsername"))
        m_server.signUp("taken-one");
    const Run r = ctl(args, input);
    QCOMPARE(r.code, code);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
}

QTEST_GUILESS_MAIN(tst_AdminCommands)
#include "tst_admincommands.moc"
