// The diff viewer on a real QScintilla widget, offscreen.

#include "gitcli.h"
#include "vcs/repository.h"
#include "vcsui/diffview.h"

#include <Qsci/qsciscintilla.h>

#include <QListWidget>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace bunny::vcs;
using namespace bunny::vcs::test;
using bunny::vcsui::DiffView;

class tst_DiffView : public QObject
{
    Q_OBJECT

private:
    static bool hasMarker(DiffView &view, int line, int marker)
    {
        return (view.editor()->markersAtLine(line) & (1u << marker)) != 0;
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void addedAndRemovedLinesGetMarkersAndLineNumbers()
    {
        QTemporaryDir dir;
        auto repo = Repository::init(dir.path());
        QVERIFY(repo);
        QVERIFY(writeFile(dir.path(), "main.py", "a = 1\nb = 2\nc = 3\n"));
        QVERIFY(repo->commitAll("one", "Ada", "a@x"));
        QVERIFY(writeFile(dir.path(), "main.py", "a = 1\nb = 'é 中'\nc = 3\nd = 4\n"));
        QVERIFY(writeFile(dir.path(), "new.txt", "hello\n"));
        auto diff = repo->diffWorkingTree();
        QVERIFY2(diff, diff ? "" : diff.message().c_str());

        DiffView view;
        view.resize(600, 400);
        view.show();
        view.setDiff(*diff, "Changes");
        QCOMPARE(view.fileList()->count(), 2);
        QCOMPARE(view.fileList()->item(0)->text(), QStringLiteral("main.py   +2 −1"));

        const int header = view.fileLines().value("main.py", -1);
        QCOMPARE(header, 0);
        QVERIFY(hasMarker(view, header, DiffView::FileHeaderMarker));
        QVERIFY(hasMarker(view, header + 1, DiffView::HunkHeaderMarker));
        // Lines after the hunk header: context a, removed b, added b, context c, added d.
        const int first = header + 2;
        QCOMPARE(view.editor()->text(first).trimmed(), QStringLiteral("a = 1"));
        QVERIFY(!hasMarker(view, first, DiffView::AddedMarker));
        QVERIFY(!hasMarker(view, first, DiffView::RemovedMarker));
        QCOMPARE(view.editor()->text(first + 1).trimmed(), QStringLiteral("b = 2"));
        QVERIFY(hasMarker(view, first + 1, DiffView::RemovedMarker));
        QCOMPARE(view.editor()->text(first + 2).trimmed(), QStringLiteral("b = 'é 中'"));
        QVERIFY(hasMarker(view, first + 2, DiffView::AddedMarker));
        QVERIFY(hasMarker(view, first + 4, DiffView::AddedMarker));
        QCOMPARE(view.marginText(first).simplified(), QStringLiteral("1 1"));
        QCOMPARE(view.marginText(first + 1).simplified(), QStringLiteral("2 −"));
        QCOMPARE(view.marginText(first + 2).simplified(), QStringLiteral("2 +"));
        QCOMPARE(view.marginText(first + 4).simplified(), QStringLiteral("4 +"));
        QVERIFY(view.editor()->isReadOnly());

        const int newFile = view.fileLines().value("new.txt", -1);
        QVERIFY(newFile > first);
        QVERIFY(view.scrollToFile("new.txt"));
        QCOMPARE(view.editor()->firstVisibleLine(), newFile);
        QVERIFY(!view.scrollToFile("missing.txt"));
    }

    void emptyDiffSaysSo()
    {
        DiffView view;
        view.setDiff({}, "Changes since the last commit");
        QCOMPARE(view.editor()->text(), QString());
        QVERIFY(view.fileLines().isEmpty());
    }
};

QTEST_MAIN(tst_DiffView)
#include "tst_diffview.moc"
