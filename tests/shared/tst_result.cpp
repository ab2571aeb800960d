#include <core/result.h>

#include <QTest>

using bunny::Error;
using bunny::Result;

class tst_Result : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void valueIsReadBack()
    {
        Result<int> r(42);
        QVERIFY(r.ok());
        QCOMPARE(*r, 42);
    }

    void errorCarriesItsMessage()
    {
        Result<int> r(Error{"line 3: not JSON"});
        QVERIFY(!r.ok());
        QCOMPARE(QString::fromStdString(r.message()), QStringLiteral("line 3: not JSON"));
    }

    void voidResultFailsOnlyWithAnError()
    {
        QVERIFY(Result<void>().ok());
        QVERIFY(!Result<void>(Error{"no"}).ok());
    }
};

QTEST_GUILESS_MAIN(tst_Result)
#include "tst_result.moc"
