#include <recording/document.h>

#include <QTest>

using bunny::rec::Document;
using bunny::rec::Event;

Q_DECLARE_METATYPE(bunny::rec::Event)

namespace {

Document docWith(const std::string &path, const std::string &text)
{
    Document doc;
    if (!doc.apply(Event::keyframe(0, path, text)).ok())
        qFatal("keyframe failed");
    return doc;
}

std::string textOf(const Document &doc, const std::string &path)
{
    const std::string *text = doc.text(path);
    return text ? *text : std::string("<missing>");
}

} // namespace

class tst_Document : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void insertAndDeleteUseByteOffsetsIntoUtf8()
    {
        // "é" is 2 bytes, "中" 3, "😀" 4.
        Document doc = docWith("a.txt", "é中😀");
        QVERIFY(doc.apply(Event::insert(1, "a.txt", 2, "x")).ok());
        QCOMPARE(textOf(doc, "a.txt"), std::string("éx中😀"));
        QVERIFY(doc.apply(Event::insert(2, "a.txt", 10, "!")).ok());
        QCOMPARE(textOf(doc, "a.txt"), std::string("éx中😀!"));
        QVERIFY(doc.apply(Event::erase(3, "a.txt", 3, "中")).ok());
        QCOMPARE(textOf(doc, "a.txt"), std::string("éx😀!"));
        QVERIFY(doc.apply(Event::insert(4, "a.txt", 0, "中")).ok());
        QCOMPARE(textOf(doc, "a.txt"), std::string("中éx😀!"));
    }

    void badOpsAreErrorsAndChangeNothing_data()
    {
        QTest::addColumn<Event>("event");
        QTest::addColumn<QString>("reason");
        QTest::newRow("insertPastEnd") << Event::insert(1, "a.txt", 12, "x") << "past its end";
        QTest::newRow("insertInsideMultibyte") << Event::insert(1, "a.txt", 1, "x") << "inside a multi-byte";
        QTest::newRow("insertInsideEmoji") << Event::insert(1, "a.txt", 7, "x") << "inside a multi-byte";
        QTest::newRow("deleteMismatch") << Event::erase(1, "a.txt", 0, "e") << "does not match";
        QTest::newRow("deletePastEnd") << Event::erase(1, "a.txt", 9, "😀!") << "runs past its end";
        QTest::newRow("deleteEndsInsideMultibyte")
            << Event::erase(1, "a.txt", 0, std::string("\xc3")) << "inside a multi-byte";
        QTest::newRow("deleteStartsInsideMultibyte")
            << Event::erase(1, "a.txt", 3, std::string("\xb8\xad")) << "inside a multi-byte";
        QTest::newRow("insertInvalidUtf8")
            << Event::insert(1, "a.txt", 0, std::string("\xff")) << "not valid UTF-8";
        QTest::newRow("keyframeInvalidUtf8")
            << Event::keyframe(1, "a.txt", std::string("\xc3(")) << "not valid UTF-8";
        QTest::newRow("insertUnknownPath") << Event::insert(1, "b.txt", 0, "x") << "does not exist";
        QTest::newRow("deleteUnknownPath") << Event::erase(1, "b.txt", 0, "x") << "does not exist";
        QTest::newRow("selectionUnknownPath") << Event::selection(1, "b.txt", {0, 0}) << "does not exist";
        QTest::newRow("selectionPastEnd") << Event::selection(1, "a.txt", {0, 99}) << "past its end";
        QTest::newRow("selectionInsideMultibyte")
            << Event::selection(1, "a.txt", {1, 1}) << "inside a multi-byte";
        QTest::newRow("selectionOddRanges") << Event::selection(1, "a.txt", {1}) << "pairs";
        QTest::newRow("renameMissing") << Event::rename(1, "b.txt", "c.txt") << "does not exist";
        QTest::newRow("renameOntoExisting") << Event::rename(1, "a.txt", "z.txt") << "already exists";
        QTest::newRow("removeMissing") << Event::remove(1, "b.txt") << "does not exist";
    }

    void badOpsAreErrorsAndChangeNothing()
    {
        QFETCH(Event, event);
        QFETCH(QString, reason);
        Document doc = docWith("a.txt", "é中😀!");
        QVERIFY(doc.apply(Event::keyframe(0, "z.txt", "")).ok());
        const Document before = doc;
        const auto result = doc.apply(event);
        QVERIFY(!result.ok());
        QVERIFY2(QString::fromStdString(result.message()).contains(reason), result.message().c_str());
        QVERIFY(doc == before);
    }

    void keyframeCreatesAndReplaces()
    {
        Document doc;
        QVERIFY(doc.apply(Event::keyframe(0, "a.txt", "one")).ok());
        QVERIFY(doc.apply(Event::keyframe(1, "a.txt", "two")).ok());
        QCOMPARE(textOf(doc, "a.txt"), std::string("two"));
        QCOMPARE(doc.files().size(), std::size_t(1));
    }

    void renameMovesTextAndSelectionButNotFocus()
    {
        Document doc = docWith("a.txt", "abc");
        QVERIFY(doc.apply(Event::selection(1, "a.txt", {1, 2})).ok());
        QVERIFY(doc.apply(Event::focus(1, "a.txt")).ok());
        QVERIFY(doc.apply(Event::rename(2, "a.txt", "dir/b.txt")).ok());
        QVERIFY(!doc.text("a.txt"));
        QCOMPARE(textOf(doc, "dir/b.txt"), std::string("abc"));
        QCOMPARE(*doc.selection("dir/b.txt"), (std::vector<std::int64_t>{1, 2}));
        QCOMPARE(doc.focus(), std::string("a.txt"));
    }

    void everyOpIsUndoneByItsInverse_data()
    {
        QTest::addColumn<Event>("event");
        QTest::newRow("keyframeReplace") << Event::keyframe(1, "a.txt", "new 中");
        QTest::newRow("keyframeCreate") << Event::keyframe(1, "new.txt", "😀");
        QTest::newRow("insertMultibyte") << Event::insert(1, "a.txt", 2, "中😀");
        QTest::newRow("deleteMultibyte") << Event::erase(1, "a.txt", 2, "中");
        QTest::newRow("selection") << Event::selection(1, "a.txt", {2, 5, 0, 0});
        QTest::newRow("focus") << Event::focus(1, "z.txt");
        QTest::newRow("rename") << Event::rename(1, "a.txt", "moved/a.txt");
        QTest::newRow("remove") << Event::remove(1, "z.txt");
        QTest::newRow("removeFocusedWithSelection") << Event::remove(1, "a.txt");
        QTest::newRow("marker") << Event::marker(1, "run", "tests pass");
        QTest::newRow("output") << Event::output(1, "stdout", "hello\n");
    }

    void everyOpIsUndoneByItsInverse()
    {
        QFETCH(Event, event);
        Document doc = docWith("a.txt", "é中😀!");
        QVERIFY(doc.apply(Event::keyframe(0, "z.txt", "zz")).ok());
        QVERIFY(doc.apply(Event::focus(0, "a.txt")).ok());
        QVERIFY(doc.apply(Event::selection(0, "a.txt", {2, 5})).ok());
        const Document before = doc;
        auto inverse = doc.inverse(event);
        QVERIFY2(inverse.ok(), inverse.ok() ? "" : inverse.message().c_str());
        QVERIFY(doc.apply(event).ok());
        QVERIFY(doc.apply(*inverse).ok());
        QCOMPARE(doc.files(), before.files());
        QCOMPARE(doc.focus(), before.focus());
        QVERIFY(doc == before);
    }
};

QTEST_GUILESS_MAIN(tst_Document)
#include "tst_document.moc"
