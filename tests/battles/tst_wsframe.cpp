// The battle socket loop's WebSocket framing (RFC 6455) and the Elo update: pure units.
#include <battles/elo.h>
#include <battles/wsframe.h>

#include <QTest>

namespace ws = bunny::backend::battles::ws;
using bunny::backend::battles::eloUpdate;
using Status = ws::MessageReader::Status;

class tst_WsFrame : public QObject
{
    Q_OBJECT

private slots:
    void maskedFramesRoundTripAtEveryLengthEncoding_data()
    {
        QTest::addColumn<int>("size");
        QTest::newRow("empty") << 0;
        QTest::newRow("short") << 125;
        QTest::newRow("sixteenBitLength") << 126;
        QTest::newRow("sixteenBitMax") << 65535;
        QTest::newRow("sixtyFourBitLength") << 65536;
    }

    void maskedFramesRoundTripAtEveryLengthEncoding()
    {
        QFETCH(int, size);
        std::string payload(std::size_t(size), '\0');
        for (std::size_t i = 0; i < payload.size(); ++i)
            payload[i] = char(i * 7);
        const std::string frame = ws::encodeFrame(ws::Text, payload, true, 0x01020304);
        ws::MessageReader reader(1 << 20, true);
        // Byte by byte for the header, then the rest: a reader must cope with any split.
        for (std::size_t i = 0; i < std::min<std::size_t>(frame.size(), 12); ++i) {
            ws::MessageReader::Message m;
            QCOMPARE(reader.next(m), Status::NeedMore);
            reader.feed(frame.data() + i, 1);
        }
        if (frame.size() > 12)
            reader.feed(frame.data() + 12, frame.size() - 12);
        ws::MessageReader::Message m;
        QCOMPARE(reader.next(m), Status::Message);
        QCOMPARE(m.opcode, ws::Text);
        QVERIFY(m.payload == payload);
        QCOMPARE(reader.next(m), Status::NeedMore);
    }

    void fragmentsJoinWithControlFramesBetween()
    {
        std::string first = ws::encodeFrame(ws::Text, "Hel", true);
        first[0] = char(first[0] & 0x7f); // not final
        std::string middle = ws::encodeFrame(ws::Continuation, "lo ", true);
        middle[0] = char(middle[0] & 0x7f);
        const std::string ping = ws::encodeFrame(ws::Ping, "p", true);
        const std::string last = ws::encodeFrame(ws::Continuation, "中", true);
        ws::MessageReader reader(1024, true);
        const std::string all = first + middle + ping + last;
        reader.feed(all.data(), all.size());
        ws::MessageReader::Message m;
        QCOMPARE(reader.next(m), Status::Message);
        QCOMPARE(m.opcode, ws::Ping);
        QCOMPARE(reader.next(m), Status::Message);
        QCOMPARE(m.opcode, ws::Text);
        QCOMPARE(m.payload, std::string("Hello 中"));
    }

    void violationsAreErrorsWithTheirCloseCodes_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("code");
        QTest::newRow("unmasked") << QByteArray::fromStdString(ws::encodeFrame(ws::Text, "x", false)) << 1002;
        QTest::newRow("tooLarge") << QByteArray::fromStdString(
                                         ws::encodeFrame(ws::Text, std::string(2000, 'x'), true))
                                  << 1009;
        std::string rsv = ws::encodeFrame(ws::Text, "x", true);
        rsv[0] = char(rsv[0] | 0x20);
        QTest::newRow("reservedBit") << QByteArray::fromStdString(rsv) << 1002;
        std::string opcode = ws::encodeFrame(ws::Text, "x", true);
        opcode[0] = char(0x83);
        QTest::newRow("unknownOpcode") << QByteArray::fromStdString(opcode) << 1002;
        std::string fragmentedPing = ws::encodeFrame(ws::Ping, "x", true);
        fragmentedPing[0] = char(fragmentedPing[0] & 0x7f);
        QTest::newRow("fragmentedControl") << QByteArray::fromStdString(fragmentedPing) << 1002;
        QTest::newRow("strayContinuation")
            << QByteArray::fromStdString(ws::encodeFrame(ws::Continuation, "x", true)) << 1002;
        // A 64-bit length that claims an absurd size is refused from the header alone.
        QTest::newRow("hugeLengthHeader") << QByteArray::fromHex("81ff7fffffffffffffff01020304") << 1009;
    }

    void violationsAreErrorsWithTheirCloseCodes()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, code);
        ws::MessageReader reader(1024, true);
        reader.feed(bytes.constData(), std::size_t(bytes.size()));
        ws::MessageReader::Message m;
        QCOMPARE(reader.next(m), Status::Error);
        QCOMPARE(int(reader.closeCode()), code);
        QVERIFY(!reader.error().empty());
    }

    void closeFramesCarryTheirCode()
    {
        const std::string frame = ws::encodeClose(1008, "flood", true);
        ws::MessageReader reader(1024, true);
        reader.feed(frame.data(), frame.size());
        ws::MessageReader::Message m;
        QCOMPARE(reader.next(m), Status::Message);
        QCOMPARE(m.opcode, ws::Close);
        QCOMPARE(int(ws::closeCodeOf(m.payload)), 1008);
        QCOMPARE(int(ws::closeCodeOf("")), 1005);
    }

    void eloMovesPointsFromLoserToWinner_data()
    {
        QTest::addColumn<int>("a");
        QTest::addColumn<int>("b");
        QTest::addColumn<double>("score");
        QTest::addColumn<int>("afterA");
        QTest::addColumn<int>("afterB");
        QTest::newRow("equalWin") << 1200 << 1200 << 1.0 << 1216 << 1184;
        QTest::newRow("equalDraw") << 1200 << 1200 << 0.5 << 1200 << 1200;
        QTest::newRow("favouriteWins") << 1400 << 1200 << 1.0 << 1408 << 1192;
        QTest::newRow("upset") << 1200 << 1400 << 1.0 << 1224 << 1376;
        QTest::newRow("drawAgainstStronger") << 1200 << 1400 << 0.5 << 1208 << 1392;
    }

    void eloMovesPointsFromLoserToWinner()
    {
        QFETCH(int, a);
        QFETCH(int, b);
        QFETCH(double, score);
        const auto r = eloUpdate(a, b, score);
        QTEST(r.a, "afterA");
        QTEST(r.b, "afterB");
        QCOMPARE(r.a + r.b, a + b);
    }
};

QTEST_GUILESS_MAIN(tst_WsFrame)
#include "tst_wsframe.moc"
