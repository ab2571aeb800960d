// Finding the stretch of recordings that shows how a commit was written.

#include "gitcli.h"
#include "recordingfixture.h"
#include "vcs/replaystretch.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace bunny::vcs;

namespace {
const QString kA = QStringLiteral("aaaa1111aaaa1111aaaa1111aaaa1111aaaa1111");
const QString kB = QStringLiteral("bbbb2222bbbb2222bbbb2222bbbb2222bbbb2222");
const QString kC = QStringLiteral("cccc3333cccc3333cccc3333cccc3333cccc3333");
const QString kOther = QStringLiteral("dddd4444dddd4444dddd4444dddd4444dddd4444");

RecordingMarkers::Marker commitMarker(qint64 t, const QString &id)
{
    return {t, QStringLiteral("commit"),
            commitMarkerLabel(id.left(7), QStringLiteral("Subject of ") + id.left(4))};
}

/// Two sessions a day apart: A committed in the first, B in the second, C in the second
/// after a run marker; another commit on a side branch sits between B and C.
QList<RecordingMarkers> twoSessions()
{
    const QDateTime day1 = QDateTime::fromString(QStringLiteral("2026-11-27T10:00:00Z"), Qt::ISODate);
    const QDateTime day2 = QDateTime::fromString(QStringLiteral("2026-11-28T09:30:00+01:00"), Qt::ISODate);
    RecordingMarkers second{QStringLiteral("/p/.bunny/recordings/2.bunnyrec"),
                            day2,
                            {commitMarker(3000, kB),
                             {4000, QStringLiteral("run"), QStringLiteral("python main.py")},
                             commitMarker(5000, kOther),
                             commitMarker(9000, kC)}};
    RecordingMarkers first{QStringLiteral("/p/.bunny/recordings/1.bunnyrec"), day1, {commitMarker(5000, kA)}};
    return {second, first}; // out of order on purpose: the search sorts by start time
}
} // namespace

class tst_ReplayStretch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void stretchRunsFromTheParentMarkerToTheCommitMarker_data()
    {
        QTest::addColumn<QString>("commit");
        QTest::addColumn<QStringList>("parents");
        QTest::addColumn<QStringList>("files");
        QTest::addColumn<qint64>("startMs");
        QTest::addColumn<qint64>("endMs");
        QTest::addColumn<bool>("fromPrevious");
        const QString one = QStringLiteral("/p/.bunny/recordings/1.bunnyrec");
        const QString two = QStringLiteral("/p/.bunny/recordings/2.bunnyrec");
        QTest::newRow("firstCommitStartsAtTheBeginning")
            << kA << QStringList() << QStringList{one} << qint64(0) << qint64(5000) << false;
        QTest::newRow("acrossTwoSessions")
            << kB << QStringList{kA} << QStringList{one, two} << qint64(5000) << qint64(3000) << true;
        QTest::newRow("parentMarkerWinsOverALaterUnrelatedCommit")
            << kC << QStringList{kB} << QStringList{two} << qint64(3000) << qint64(9000) << true;
        QTest::newRow("unknownParentFallsBackToTheLastCommitMarker")
            << kC << QStringList{QStringLiteral("eeee5555")} << QStringList{two} << qint64(5000)
            << qint64(9000) << true;
        QTest::newRow("mergeCommitUsesWhicheverParentCameLast")
            << kC << QStringList{kA, kB} << QStringList{two} << qint64(3000) << qint64(9000) << true;
    }

    void stretchRunsFromTheParentMarkerToTheCommitMarker()
    {
        QFETCH(QString, commit);
        QFETCH(QStringList, parents);
        QFETCH(QStringList, files);
        QFETCH(qint64, startMs);
        QFETCH(qint64, endMs);
        QFETCH(bool, fromPrevious);
        auto stretch = findReplayStretch(twoSessions(), commit, parents);
        QVERIFY2(stretch, stretch ? "" : stretch.message().c_str());
        QCOMPARE(stretch->files, files);
        QCOMPARE(stretch->startMs, startMs);
        QCOMPARE(stretch->endMs, endMs);
        QCOMPARE(stretch->fromPreviousCommit, fromPrevious);
    }

    void stretchCarriesAbsoluteTimes()
    {
        auto stretch = findReplayStretch(twoSessions(), kB, {kA});
        QVERIFY(stretch);
        QCOMPARE(stretch->startTime,
                 QDateTime::fromString(QStringLiteral("2026-11-27T10:00:05Z"), Qt::ISODate));
        QCOMPARE(stretch->endTime,
                 QDateTime::fromString(QStringLiteral("2026-11-28T08:30:03Z"), Qt::ISODate));
    }

    void aCommitWithoutMarkerIsAReadableError()
    {
        auto stretch = findReplayStretch(twoSessions(), kOther.left(3) + QStringLiteral("f"), {});
        QVERIFY(!stretch);
        QVERIFY2(QString::fromStdString(stretch.message()).contains(QStringLiteral("No recording")),
                 stretch.message().c_str());
        QVERIFY(!findReplayStretch({}, kA, {}));
    }

    void markersWithTooShortOrNonHexIdsNeverMatch_data()
    {
        QTest::addColumn<QString>("label");
        QTest::newRow("threeDigits") << QStringLiteral("aaa subject");
        QTest::newRow("notHex") << QStringLiteral("aaaz111 subject");
        QTest::newRow("emptyLabel") << QString();
        QTest::newRow("otherCommit") << QStringLiteral("bbbb222 subject");
    }

    void markersWithTooShortOrNonHexIdsNeverMatch()
    {
        QFETCH(QString, label);
        RecordingMarkers recording{QStringLiteral("r.bunnyrec"),
                                   QDateTime::currentDateTimeUtc(),
                                   {{100, QStringLiteral("commit"), label}}};
        QVERIFY(!findReplayStretch({recording}, kA, {}));
    }

    void onlyCommitMarkersCount()
    {
        RecordingMarkers recording{QStringLiteral("r.bunnyrec"),
                                   QDateTime::currentDateTimeUtc(),
                                   {{100, QStringLiteral("note"), kA.left(7)}, commitMarker(200, kB)}};
        QVERIFY(!findReplayStretch({recording}, kA, {}));
        auto stretch = findReplayStretch({recording}, kB, {kA});
        QVERIFY(stretch);
        QCOMPARE(stretch->startMs, 0);
    }

    void recordingFilesAreReadWithTheirMarkersPlainOrGzip()
    {
        QTemporaryDir project;
        QVERIFY(bunny::vcs::test::writeRecording(project.path(), "b-second", "2026-11-28T09:30:00+01:00",
                                                 {{3000, commitMarkerLabel(kB.left(7), "B")}}, true));
        QVERIFY(bunny::vcs::test::writeRecording(project.path(), "a-first", "2026-11-27T10:00:00.500Z",
                                                 {{5000, commitMarkerLabel(kA.left(7), "A")}}));
        QVERIFY(
            bunny::vcs::test::writeFile(project.path(), ".bunny/recordings/broken.bunnyrec", "not json\n"));
        QVERIFY(bunny::vcs::test::writeFile(project.path(), ".bunny/recordings/notes.txt", "ignored\n"));

        QStringList warnings;
        const QList<RecordingMarkers> recordings = loadRecordingMarkers(project.path(), &warnings);
        QCOMPARE(recordings.size(), 2);
        QCOMPARE(warnings.size(), 1);
        QVERIFY2(warnings.at(0).startsWith("broken.bunnyrec: line 1"), qPrintable(warnings.at(0)));
        QCOMPARE(recordings.at(0).started,
                 QDateTime::fromString("2026-11-27T10:00:00.500Z", Qt::ISODateWithMs));
        QCOMPARE(recordings.at(0).markers.size(), 2);
        QCOMPARE(recordings.at(0).markers.at(1).kind, QStringLiteral("commit"));
        QCOMPARE(recordings.at(0).markers.at(1).label, kA.left(7) + " A");
        QCOMPARE(recordings.at(0).markers.at(1).t, 5000);

        auto stretch = findReplayStretch(recordings, kB, {kA});
        QVERIFY2(stretch, stretch ? "" : stretch.message().c_str());
        QCOMPARE(stretch->files, (QStringList{project.filePath(".bunny/recordings/a-first.bunnyrec"),
                                              project.filePath(".bunny/recordings/b-second.bunnyrec")}));
        QCOMPARE(stretch->startMs, 5000);
        QCOMPARE(stretch->endMs, 3000);
    }
};

QTEST_GUILESS_MAIN(tst_ReplayStretch)
#include "tst_replaystretch.moc"
