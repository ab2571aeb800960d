#include "ctl/ctlmain.h"

#include <QTest>

#include <sstream>

class tst_Ctl : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void unknownCommandFailsWithUsage()
    {
        std::ostringstream out, err;
        QCOMPARE(bunny::backend::runCtl({"frobnicate"}, out, err), 2);
        QVERIFY(err.str().find("unknown command 'frobnicate'") != std::string::npos);
        QVERIFY(out.str().empty());
    }

    void versionPrintsTheProductVersion()
    {
        std::ostringstream out, err;
        QCOMPARE(bunny::backend::runCtl({"version"}, out, err), 0);
        QVERIFY(out.str().rfind("bunnyctl ", 0) == 0);
    }
};

QTEST_GUILESS_MAIN(tst_Ctl)
#include "tst_ctl.moc"
