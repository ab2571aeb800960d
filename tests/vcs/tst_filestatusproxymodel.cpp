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
};

QTEST_MAIN(tst_FileStatusProxyModel)
#include "tst_filestatusproxymodel.moc"
