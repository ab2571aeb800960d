// File tree decorations over a real QFileSystemModel.

#include "gitcli.h"
#include "vcs/repository.h"
#include "vcsui/filestatusproxymodel.h"
#include "vcsui/filestatusstyle.h"

#include <QFileSystemModel>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace bunny::vcs;
using namespace bunny::vcs::test;
using bunny::vcsui::FileStatusProxyModel;

class tst_FileStatusProxyModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void filesAndFoldersShowTheirStatus()
    {
        QTemporaryDir dir;
        auto repo = Repository::init(dir.path());
        QVERIFY(writeFile(dir.path(), "src/kept.c", "int x;\n"));
        QVERIFY(writeFile(dir.path(), "src/changed.c", "int y;\n"));
        QVERIFY(writeFile(dir.path(), ".gitignore", "build/\n"));
        QVERIFY(repo->commitAll("one", "Ada", "a@x"));
        QVERIFY(writeFile(dir.path(), "src/changed.c", "int y = 2;\n"));
        QVERIFY(writeFile(dir.path(), "notes.txt", "new\n"));
        QVERIFY(writeFile(dir.path(), "build/out.o", "obj"));
        auto statuses = repo->fileStatuses();
        QVERIFY(statuses);

        QFileSystemModel files;
        files.setRootPath(dir.path());
        FileStatusProxyModel proxy;
        proxy.setSourceModel(&files);
        proxy.setStatuses(repo->workdir(), *statuses);

        const QString root = repo->workdir();
        auto statusOf = [&](const QString &relative) {
            const QModelIndex index = proxy.mapFromSource(files.index(root + '/' + relative));
            return FileStatus(proxy.data(index, FileStatusProxyModel::StatusRole).toInt());
        };
        QCOMPARE(statusOf("src/changed.c"), FileStatus::Modified);
        QCOMPARE(statusOf("src/kept.c"), FileStatus::Unmodified);
        QCOMPARE(statusOf("notes.txt"), FileStatus::New);
        QCOMPARE(statusOf("src"), FileStatus::Modified);
        QCOMPARE(statusOf("build"), FileStatus::Ignored);
        QCOMPARE(statusOf("build/out.o"), FileStatus::Ignored);

        const QModelIndex changed = proxy.mapFromSource(files.index(root + "/src/changed.c"));
        QCOMPARE(proxy.data(changed, Qt::ForegroundRole).value<QColor>(),
                 bunny::vcsui::statusColor(FileStatus::Modified));
        QVERIFY(!proxy.data(changed, Qt::ToolTipRole).toString().isEmpty());
        QCOMPARE(proxy.data(changed, Qt::DisplayRole).toString(), QStringLiteral("changed.c"));
        const QModelIndex kept = proxy.mapFromSource(files.index(root + "/src/kept.c"));
        QVERIFY(!proxy.data(kept, Qt::ForegroundRole).isValid());
    }

    void deletedFilesColourTheirFoldersAndAreNamedInTheirTooltips()
    {
        QTemporaryDir dir;
        auto repo = Repository::init(dir.path());
        QVERIFY(writeFile(dir.path(), "top.c", "int t;\n"));
        QVERIFY(writeFile(dir.path(), "src/gone.c", "int g;\n"));
        QVERIFY(writeFile(dir.path(), "src/deep/also.c", "int a;\n"));
        QVERIFY(writeFile(dir.path(), "src/kept.c", "int k;\n"));
        QVERIFY(writeFile(dir.path(), "lib/changed.c", "int c;\n"));
        QVERIFY(writeFile(dir.path(), "lib/old.c", "int o;\n"));
        QVERIFY(repo->commitAll("one", "Ada", "a@x"));
        const QString root = repo->workdir();
        for (const char *path : {"top.c", "src/gone.c", "src/deep/also.c", "lib/old.c"})
            QVERIFY(QFile::remove(root + '/' + path));
        QVERIFY(writeFile(dir.path(), "lib/changed.c", "int c = 1;\n"));
        auto statuses = repo->fileStatuses();
        QVERIFY(statuses);
        QCOMPARE(statuses->value("top.c"), FileStatus::Deleted);

        QFileSystemModel files;
        files.setRootPath(dir.path());
        FileStatusProxyModel proxy;
        proxy.setSourceModel(&files);
        proxy.setStatuses(root, *statuses);
        const auto index = [&](const QString &relative) {
            return proxy.mapFromSource(files.index(root + '/' + relative));
        };

        // Deleted files have no row; what is left of their folders shows them.
        QCOMPARE(proxy.statusOf(root + "/top.c"), FileStatus::Deleted);
        QCOMPARE(FileStatus(proxy.data(index("src"), FileStatusProxyModel::StatusRole).toInt()),
                 FileStatus::Deleted);
        QCOMPARE(proxy.data(index("src"), Qt::ForegroundRole).value<QColor>(),
                 bunny::vcsui::statusColor(FileStatus::Deleted));
        QCOMPARE(proxy.deletedUnder(root + "/src"), (QStringList{"deep/also.c", "gone.c"}));
        QCOMPARE(proxy.deletedUnder(root),
                 (QStringList{"lib/old.c", "src/deep/also.c", "src/gone.c", "top.c"}));
        QCOMPARE(proxy.data(index("src"), Qt::ToolTipRole).toString(),
                 QStringLiteral("Deleted since the last commit\nDeleted inside: deep/also.c, gone.c"));
        // A stronger change wins the colour; the tooltip still names what was deleted.
        QCOMPARE(FileStatus(proxy.data(index("lib"), FileStatusProxyModel::StatusRole).toInt()),
                 FileStatus::Modified);
        QCOMPARE(proxy.data(index("lib"), Qt::ToolTipRole).toString(),
                 QStringLiteral("Changed since the last commit\nDeleted inside: old.c"));
        QCOMPARE(proxy.data(index("lib/changed.c"), Qt::ToolTipRole).toString(),
                 QStringLiteral("Changed since the last commit"));
        QVERIFY(proxy.deletedUnder(root + "/src/kept.c").isEmpty());
    }
};

QTEST_MAIN(tst_FileStatusProxyModel)
#include "tst_filestatusproxymodel.moc"
