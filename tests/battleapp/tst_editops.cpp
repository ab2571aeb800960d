#include "battle/editops.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

using bunny::battle::EditOp;
using bunny::battle::EditOps;

Q_DECLARE_METATYPE(bunny::battle::EditOps)

class tst_EditOps : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void opsRoundTripThroughJsonText_data()
    {
        QTest::addColumn<EditOps>("ops");
        QTest::newRow("ascii") << EditOps{EditOp::insert(0, "print(1)\n"), EditOp::erase(6, "1")};
        QTest::newRow("multibyte") << EditOps{EditOp::insert(3, "é中😀"), EditOp::erase(0, "中")};
        QTest::newRow("controlCharacters") << EditOps{EditOp::insert(0, "\t\"q\"\\\r\n\x01")};
        QTest::newRow("empty") << EditOps{};
    }
    void opsRoundTripThroughJsonText()
    {
        QFETCH(EditOps, ops);
        // Through the bytes of a frame, as the socket carries them.
        const QByteArray frame = QJsonDocument(bunny::battle::opsToJson(ops)).toJson(QJsonDocument::Compact);
        auto back = bunny::battle::opsFromJson(QJsonDocument::fromJson(frame).array());
        QVERIFY2(back.ok(), back.ok() ? "" : back.message().c_str());
        QCOMPARE(*back, ops);
    }

    void malformedOpsAreRefusedWithTheirNumber_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknownKind") << QByteArray(R"([["i",0,"a"],["x",0,"a"]])") << "Edit op 2";
        QTest::newRow("negativePosition") << QByteArray(R"([["i",-1,"a"]])") << "Edit op 1";
        QTest::newRow("fractionalPosition") << QByteArray(R"([["i",1.5,"a"]])") << "Edit op 1";
        QTest::newRow("textNotString") << QByteArray(R"([["d",0,5]])") << "Edit op 1";
        QTest::newRow("tooShort") << QByteArray(R"([["i",0]])") << "Edit op 1";
        QTest::newRow("notAnArray") << QByteArray(R"([{"i":0}])") << "Edit op 1";
    }
    void malformedOpsAreRefusedWithTheirNumber()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        auto ops = bunny::battle::opsFromJson(QJsonDocument::fromJson(json).array());
        QVERIFY(!ops.ok());
        QVERIFY2(QString::fromStdString(ops.message()).startsWith(message), ops.message().c_str());
    }

    void opsThatDoNotFitLeaveTheTextUnchanged_data()
    {
        QTest::addColumn<EditOps>("ops");
        QTest::addColumn<QString>("message");
        QTest::newRow("pastTheEnd") << EditOps{EditOp::insert(99, "x")} << "past the end";
        QTest::newRow("insideACharacter") << EditOps{EditOp::insert(2, "x")} << "inside a character";
        QTest::newRow("wrongDeletedText") << EditOps{EditOp::erase(0, "b")} << "not at 0";
        // The first op fits; the second does not: neither is kept.
        QTest::newRow("secondOpFails")
            << EditOps{EditOp::insert(0, "ok"), EditOp::erase(0, "zz")} << "Edit op 2";
    }
    void opsThatDoNotFitLeaveTheTextUnchanged()
    {
        QFETCH(EditOps, ops);
        QFETCH(QString, message);
        QByteArray text = "aé中\n";
        auto applied = bunny::battle::applyOps(text, ops);
        QVERIFY(!applied.ok());
        QVERIFY2(QString::fromStdString(applied.message()).contains(message), applied.message().c_str());
        QCOMPARE(text, QByteArray("aé中\n"));
    }

    void diffTurnsOneTextIntoAnotherOnCharacterBoundaries_data()
    {
        QTest::addColumn<QByteArray>("from");
        QTest::addColumn<QByteArray>("to");
        QTest::newRow("same") << QByteArray("abc") << QByteArray("abc");
        QTest::newRow("fromEmpty") << QByteArray() << QByteArray("def main():\n");
        QTest::newRow("toEmpty") << QByteArray("x = 1") << QByteArray();
        QTest::newRow("middle") << QByteArray("print(1)") << QByteArray("print(42)");
        // é (C3 A9) and ã (C3 A3) share their first byte: the op must take whole characters.
        QTest::newRow("sharedLeadByte") << QByteArray("aé") << QByteArray("aã");
        // 😀 (F0 9F 98 80) and 😁 (F0 9F 98 81) share three bytes.
        QTest::newRow("emojiSharesThreeBytes") << QByteArray("😀!") << QByteArray("😁!");
        QTest::newRow("sharedTrailBytes") << QByteArray("中") << QByteArray("丠"); // E4 B8 AD / E4 B8 A0
        QTest::newRow("repeat") << QByteArray("aaaa") << QByteArray("aaaaaa");
    }
    void diffTurnsOneTextIntoAnotherOnCharacterBoundaries()
    {
        QFETCH(QByteArray, from);
        QFETCH(QByteArray, to);
        const EditOps ops = bunny::battle::diffOps(from, to);
        QVERIFY(ops.size() <= 2);
        for (const EditOp &op : ops)
            QVERIFY2(QString::fromUtf8(op.text).toUtf8() == op.text, op.text.toHex().constData());
        QByteArray text = from;
        QVERIFY(bunny::battle::applyOps(text, ops).ok());
        QCOMPARE(text, to);
    }

    void randomDiffsAlwaysApply()
    {
        const QStringList alphabet = {"a", "b", "\n", "é", "ã", "中", "丠", "😀", "😁"};
        auto *random = QRandomGenerator::global();
        for (int round = 0; round < 500; ++round) {
            QString a, b;
            for (int i = int(random->bounded(8)); i > 0; --i)
                a += alphabet[int(random->bounded(alphabet.size()))];
            for (int i = int(random->bounded(8)); i > 0; --i)
                b += alphabet[int(random->bounded(alphabet.size()))];
            QByteArray text = a.toUtf8();
            const EditOps ops = bunny::battle::diffOps(text, b.toUtf8());
            auto applied = bunny::battle::applyOps(text, ops);
            QVERIFY2(applied.ok(), qPrintable(a + " -> " + b));
            QCOMPARE(text, b.toUtf8());
        }
    }
};

QTEST_GUILESS_MAIN(tst_EditOps)
#include "tst_editops.moc"
