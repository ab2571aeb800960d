// The deadline rule of DESIGN.md on its own, for the cases whole battles cannot time exactly
// (two best submissions made in the same millisecond).
#include <battles/deadlineoutcome.h>

#include <QTest>

using namespace bunny::backend::battles;

class tst_DeadlineOutcome : public QObject
{
    Q_OBJECT

private slots:
    void deadlineOutcome_data()
    {
        QTest::addColumn<int>("p1Passed");
        QTest::addColumn<qint64>("p1At");
        QTest::addColumn<int>("p2Passed");
        QTest::addColumn<qint64>("p2At");
        QTest::addColumn<QString>("winner");
        QTest::addColumn<QString>("reason");
        QTest::newRow("p1PassedMore") << 7 << qint64(9000) << 3 << qint64(100) << "p1"
                                      << "deadline";
        QTest::newRow("p2PassedMore") << 2 << qint64(100) << 5 << qint64(9000) << "p2"
                                      << "deadline";
        QTest::newRow("onlyP2Submitted") << -1 << qint64(0) << 1 << qint64(500) << "p2"
                                         << "deadline";
        QTest::newRow("samePassedP1ReachedItFirst") << 4 << qint64(1200) << 4 << qint64(1201) << "p1"
                                                    << "deadline";
        QTest::newRow("samePassedP2ReachedItFirst") << 4 << qint64(3000) << 4 << qint64(2999) << "p2"
                                                    << "deadline";
        QTest::newRow("samePassedSameMomentIsADraw") << 4 << qint64(2500) << 4 << qint64(2500) << ""
                                                     << "draw";
        QTest::newRow("bothZeroIsADraw") << 0 << qint64(100) << 0 << qint64(50) << ""
                                         << "draw";
        QTest::newRow("nobodySubmittedIsADraw") << -1 << qint64(0) << -1 << qint64(0) << ""
                                                << "draw";
        QTest::newRow("zeroAgainstNothingIsADraw") << 0 << qint64(10) << -1 << qint64(0) << ""
                                                   << "draw";
    }

    void deadlineOutcome()
    {
        QFETCH(int, p1Passed);
        QFETCH(qint64, p1At);
        QFETCH(int, p2Passed);
        QFETCH(qint64, p2At);
        QFETCH(QString, winner);
        QFETCH(QString, reason);
        const auto outcome = bunny::backend::battles::deadlineOutcome({p1Passed, p1At}, {p2Passed, p2At});
        QCOMPARE(QString::fromStdString(outcome.winner), winner);
        QCOMPARE(QString::fromStdString(outcome.reason), reason);
    }
};

QTEST_GUILESS_MAIN(tst_DeadlineOutcome)
#include "tst_deadlineoutcome.moc"
