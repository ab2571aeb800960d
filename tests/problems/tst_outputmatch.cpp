// outputsMatch: whitespace-normalised token comparison, numbers within a declared tolerance.

#include <problems/outputmatch.h>

#include <QTest>

#include <optional>

using namespace bunny;
using Tolerance = std::optional<double>;
Q_DECLARE_METATYPE(Tolerance)

class tst_OutputMatch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void compares_data()
    {
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QString>("actual");
        QTest::addColumn<Tolerance>("tolerance");
        QTest::addColumn<bool>("match");
        const Tolerance exact;
        const Tolerance small = 1e-6;
        QTest::newRow("identical") << "1 2\n3\n"
                                   << "1 2\n3\n"
                                   << exact << true;
        QTest::newRow("trailingSpaces") << "1 2\n3\n"
                                        << "1 2   \n3\t\n"
                                        << exact << true;
        QTest::newRow("missingFinalNewline") << "42\n"
                                             << "42" << exact << true;
        QTest::newRow("trailingBlankLines") << "42\n"
                                            << "42\n\n\n  \n"
                                            << exact << true;
        QTest::newRow("crlf") << "a b\nc\n"
                              << "a b\r\nc\r\n"
                              << exact << true;
        QTest::newRow("innerSpacesCollapse") << "a b"
                                             << "a    b" << exact << true;
        QTest::newRow("leadingSpaces") << "a b"
                                       << "  a b" << exact << true;
        QTest::newRow("bothEmpty") << ""
                                   << "\n\n"
                                   << exact << true;
        QTest::newRow("emptyVersusText") << ""
                                         << "0\n"
                                         << exact << false;
        QTest::newRow("differentToken") << "1 2\n"
                                        << "1 3\n"
                                        << exact << false;
        QTest::newRow("extraToken") << "1 2\n"
                                    << "1 2 3\n"
                                    << exact << false;
        QTest::newRow("missingLine") << "1\n2\n"
                                     << "1\n"
                                     << exact << false;
        QTest::newRow("innerBlankLineMatters") << "a\n\nb\n"
                                               << "a\nb\n"
                                               << exact << false;
        QTest::newRow("linesNotMerged") << "1 2\n"
                                        << "1\n2\n"
                                        << exact << false;
        QTest::newRow("caseMatters") << "YES"
                                     << "yes" << exact << false;
        QTest::newRow("numbersExactWithoutTolerance") << "2.5"
                                                      << "2.50" << exact << false;
        QTest::newRow("withinAbsoluteTolerance") << "2.5"
                                                 << "2.5000004" << small << true;
        QTest::newRow("trailingZerosWithTolerance") << "2.5"
                                                    << "2.500000" << small << true;
        QTest::newRow("outsideAbsoluteTolerance") << "2.5"
                                                  << "2.50001" << small << false;
        QTest::newRow("relativeToleranceForLargeValues") << "1000000000"
                                                         << "1000000000.5" << small << true;
        QTest::newRow("relativeToleranceStillBounded") << "1000000000"
                                                       << "1000002000" << small << false;
        QTest::newRow("negativeNumbers") << "-0.333333333"
                                         << "-0.3333333" << small << true;
        QTest::newRow("scientificNotation") << "1500"
                                            << "1.5e3" << small << true;
        QTest::newRow("wordsStillExactWithTolerance") << "NONE"
                                                      << "none" << small << false;
        QTest::newRow("nanIsNotANumber") << "1"
                                         << "nan" << small << false;
        QTest::newRow("infIsNotANumber") << "1e308"
                                         << "inf" << small << false;
        QTest::newRow("numberVersusWord") << "3"
                                          << "three" << small << false;
    }

    void compares()
    {
        QFETCH(QString, expected);
        QFETCH(QString, actual);
        QFETCH(Tolerance, tolerance);
        QFETCH(bool, match);
        QCOMPARE(problems::outputsMatch(expected.toStdString(), actual.toStdString(), tolerance), match);
    }
};

QTEST_GUILESS_MAIN(tst_OutputMatch)
#include "tst_outputmatch.moc"
