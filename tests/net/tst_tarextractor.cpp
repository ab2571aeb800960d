// TarWriter and TarExtractor: archives a real tar reads, and hostile archives refused whole.
#include "net/tarextractor.h"
#include "net/tarwriter.h"
#include "recording/gzip.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cstring>

using namespace bunny::net;

namespace {
/// One raw ustar entry, written by hand so the test can say anything a hostile archive could.
QByteArray rawEntry(const QByteArray &name, char type, const QByteArray &body, const QByteArray &link = {},
                    bool breakChecksum = false)
{
    char h[512] = {};
    std::memcpy(h, name.constData(), std::size_t(std::min<qsizetype>(name.size(), 100)));
    std::memcpy(h + 100, "0000644", 7);
    std::memcpy(h + 108, "0000000", 7);
    std::memcpy(h + 116, "0000000", 7);
    const QByteArray size = QByteArray::number(body.size(), 8).rightJustified(11, '0');
    std::memcpy(h + 124, size.constData(), 11);
    std::memcpy(h + 136, "00000000000", 11);
    h[156] = type;
    std::memcpy(h + 157, link.constData(), std::size_t(std::min<qsizetype>(link.size(), 100)));
    std::memcpy(h + 257, "ustar", 6);
    std::memcpy(h + 263, "00", 2);
    std::memset(h + 148, ' ', 8);
    unsigned sum = 0;
    for (unsigned char c : h)
        sum += c;
    if (breakChecksum)
        sum += 1;
    const QByteArray sumText = QByteArray::number(sum, 8).rightJustified(6, '0');
    std::memcpy(h + 148, sumText.constData(), 6);
    h[154] = '\0';
    QByteArray out(h, 512);
    out += body;
    out += QByteArray((512 - body.size() % 512) % 512, '\0');
    return out;
}

QByteArray gz(const QByteArray &tar)
{
    auto r = bunny::rec::detail::gzip(std::string_view(tar.constData(), std::size_t(tar.size())));
    return r ? QByteArray(r->data(), qsizetype(r->size())) : QByteArray();
}

QStringList filesUnder(const QString &dir)
{
    QStringList out;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext())
        out << it.next();
    return out;
}
} // namespace

class tst_TarExtractor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writerOutputIsReadByRealTar();
    void writerIsDeterministic();
    void roundTripKeepsBytesModesAndLongNames();
    void hostileArchivesAreRefusedWhole_data();
    void hostileArchivesAreRefusedWhole();
    void archiveBombIsCapped();
};

void tst_TarExtractor::writerOutputIsReadByRealTar()
{
    TarWriter w(1700000000);
    QVERIFY(w.addFile("main.py", "print(1)\n"));
    const QString longName = QString("deep/").repeated(30) + "file.txt";
    QVERIFY(w.addFile(longName, "long\n"));
    QVERIFY(w.addFile("run.sh", "#!/bin/sh\n", true));
    auto archive = w.targz();
    QVERIFY(archive);
    QTemporaryDir dir;
    QFile f(dir.filePath("a.tar.gz"));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(*archive);
    f.close();
    QProcess tar;
    tar.start("tar", {"-xzf", f.fileName(), "-C", dir.path()});
    QVERIFY(tar.waitForFinished(30000));
    QCOMPARE(tar.exitCode(), 0);
    QFile longFile(dir.filePath(longName));
    QVERIFY(longFile.open(QIODevice::ReadOnly));
    QCOMPARE(longFile.readAll(), QByteArray("long\n"));
    QVERIFY(QFileInfo(dir.filePath("run.sh")).isExecutable());
}

void tst_TarExtractor::writerIsDeterministic()
{
    // The same tree gives the same bytes: a retried publish has the same sha256.
    auto make = [] {
        TarWriter w(42);
        (void)w.addFile("a.txt", "a");
        (void)w.addFile("b/c.txt", "c");
        return *w.targz();
    };
    QCOMPARE(make(), make());
    TarWriter w;
    QVERIFY(!w.addFile("../escape", "x"));
    QVERIFY(!w.addFile("/abs", "x"));
}

void tst_TarExtractor::roundTripKeepsBytesModesAndLongNames()
{
    TarWriter w(7);
    const QByteArray binary("\x00\x01\xff\xfe binary", 12);
    QVERIFY(w.addFile("bin.dat", binary));
    QVERIFY(w.addFile(QString("x/").repeated(70) + "y.txt", "deep"));
    QVERIFY(w.addFile("tool.sh", "#!/bin/sh\n", true));
    QVERIFY(w.addFile("é中😀.txt", "utf8 name"));
    QTemporaryDir dir;
    auto files = TarExtractor::extract(*w.targz(), dir.path());
    QVERIFY2(files, files ? "" : files.message().c_str());
    QCOMPARE(files->size(), 4);
    QFile b(dir.filePath("bin.dat"));
    QVERIFY(b.open(QIODevice::ReadOnly));
    QCOMPARE(b.readAll(), binary);
    QVERIFY(QFile::exists(dir.filePath(QString("x/").repeated(70) + "y.txt")));
    QVERIFY(QFileInfo(dir.filePath("tool.sh")).isExecutable());
    QVERIFY(QFile::exists(dir.filePath("é中😀.txt")));
}

void tst_TarExtractor::hostileArchivesAreRefusedWhole_data()
{
    QTest::addColumn<QByteArray>("archive");
    QTest::addColumn<QString>("named");
    const QByteArray ok = rawEntry("fine.txt", '0', "fine");
    const QByteArray end(1024, '\0');
    QTest::newRow("absolutePath") << gz(ok + rawEntry("/tmp/evil", '0', "x") + end) << "/tmp/evil";
    QTest::newRow("dotDot") << gz(ok + rawEntry("../evil", '0', "x") + end) << "../evil";
    QTest::newRow("nestedDotDot") << gz(ok + rawEntry("a/b/../../../evil", '0', "x") + end)
                                  << "a/b/../../../evil";
    QTest::newRow("gitHook") << gz(ok + rawEntry(".git/hooks/post-checkout", '0', "x") + end)
                             << ".git/hooks/post-checkout";
    QTest::newRow("dotSlashGit") << gz(ok + rawEntry("./.git/config", '0', "x") + end) << "./.git/config";
    QTest::newRow("symlink") << gz(ok + rawEntry("link", '2', {}, "/etc/passwd") + end) << "link";
    QTest::newRow("hardlink") << gz(ok + rawEntry("hard", '1', {}, "/etc/passwd") + end) << "hard";
    QTest::newRow("device") << gz(ok + rawEntry("dev", '3', {}) + end) << "dev";
    QTest::newRow("badChecksum") << gz(ok + rawEntry("x.txt", '0', "x", {}, true) + end) << "checksum";
    QTest::newRow("truncated") << gz(ok + rawEntry("big.txt", '0', QByteArray(2000, 'a')).left(900))
                               << "truncated";
    QTest::newRow("notGzip") << QByteArray("plain text, not an archive") << "gzip";
    QByteArray pax = "29 path=../../pax-escape.txt\n";
    QTest::newRow("paxPathEscape") << gz(ok + rawEntry("PaxHeader", 'x', pax) +
                                         rawEntry("innocent", '0', "x") + end)
                                   << "../../pax-escape.txt";
}

void tst_TarExtractor::hostileArchivesAreRefusedWhole()
{
    QFETCH(QByteArray, archive);
    QFETCH(QString, named);
    QTemporaryDir outer;
    const QString target = outer.filePath("project");
    auto r = TarExtractor::extract(archive, target);
    QVERIFY(!r);
    QVERIFY2(QString::fromStdString(r.message()).contains(named), r.message().c_str());
    // Nothing at all was written, inside or outside the folder.
    QCOMPARE(filesUnder(outer.path()), QStringList());
}

void tst_TarExtractor::archiveBombIsCapped()
{
    TarWriter w;
    QVERIFY(w.addFile("zeros", QByteArray(4 << 20, '\0')));
    QTemporaryDir dir;
    auto r = TarExtractor::extract(*w.targz(), dir.path(), 1 << 20);
    QVERIFY(!r);
    QVERIFY(QString::fromStdString(r.message()).contains("MiB"));
    QCOMPARE(filesUnder(dir.path()), QStringList());
}

QTEST_GUILESS_MAIN(tst_TarExtractor)
#include "tst_tarextractor.moc"
