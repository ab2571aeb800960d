// The battle socket loop's outbox bound over real loopback sockets: a client that never reads
// is dropped once its backlog passes the limit, the drop is reported to the refusal counter
// (bunny_rate_limited_total{limit="battle_outbox_bytes"} in bunnyd); a peer that never reads
// our close frame is dropped after the close timeout; a client that reads gets everything
// under the same limit.
#include <battles/socketloop.h>
#include <battles/wsframe.h>

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

#include <QTest>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

using namespace bunny::backend::battles;

namespace {

class CountingHandler : public WsHandler
{
public:
    void onText(const std::shared_ptr<WsConnection> &, std::string &&) override {}
    void onClosed(const std::shared_ptr<WsConnection> &) override { ++closed; }
    std::atomic<int> closed{0};
};

struct Refusals
{
    std::mutex mutex;
    std::vector<std::string> limits;
    std::vector<std::string> seen()
    {
        std::lock_guard lock(mutex);
        return limits;
    }
};

constexpr std::size_t kOutbox = 64 * 1024;

SocketLoopLimits limitsCountingInto(Refusals &refusals)
{
    SocketLoopLimits limits;
    limits.maxOutboxBytes = kOutbox;
    limits.onRefused = [&refusals](const std::string &limit) {
        std::lock_guard lock(refusals.mutex);
        refusals.limits.push_back(limit);
    };
    return limits;
}

} // namespace

class tst_SocketLoop : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aClientThatNeverReadsIsDroppedAndCounted()
    {
        Refusals refusals;
        SocketLoop loop(1, limitsCountingInto(refusals));
        Poco::Net::ServerSocket listener(Poco::Net::SocketAddress("127.0.0.1", 0));
        Poco::Net::StreamSocket client(listener.address()); // connected; never reads
        auto handler = std::make_shared<CountingHandler>();
        auto conn = loop.adopt(listener.acceptConnection(), handler);
        const std::string message(16 * 1024, 'x');
        // The kernel's buffers take a few MB first; then the outbox fills and the client goes.
        int sent = 0;
        while (sent < 100000 && conn->sendText(message))
            ++sent;
        QVERIFY(sent > int(kOutbox / message.size()));
        QVERIFY(!conn->isOpen());
        QTRY_COMPARE(handler->closed.load(), 1);
        QCOMPARE(refusals.seen(), std::vector<std::string>{"battle_outbox_bytes"});
        QCOMPARE(loop.connections(), std::size_t(0));
    }

    void aPeerThatDoesNotReadOurCloseFrameIsDroppedAfterTheTimeout()
    {
        Refusals refusals;
        SocketLoopLimits limits = limitsCountingInto(refusals);
        limits.maxOutboxBytes = 64 << 20; // far away: only the close timeout can end it
        limits.closeTimeout = std::chrono::milliseconds(200);
        SocketLoop loop(1, limits);
        Poco::Net::ServerSocket listener(Poco::Net::SocketAddress("127.0.0.1", 0));
        Poco::Net::StreamSocket client(listener.address()); // never reads
        auto handler = std::make_shared<CountingHandler>();
        auto conn = loop.adopt(listener.acceptConnection(), handler);
        const std::string message(16 * 1024, 'z');
        // Fill the kernel's buffers until bytes wait in the outbox: the close frame waits behind them.
        for (int i = 0; i < 100000 && conn->backlog() == 0; ++i)
            QVERIFY(conn->sendText(message));
        QVERIFY(conn->backlog() > 0);
        conn->close(1008, "too many messages");
        QTRY_COMPARE(handler->closed.load(), 1);
        QCOMPARE(loop.connections(), std::size_t(0));
        QVERIFY(refusals.seen().empty());
    }

    void aClientThatReadsGetsEverything()
    {
        Refusals refusals;
        SocketLoop loop(1, limitsCountingInto(refusals));
        Poco::Net::ServerSocket listener(Poco::Net::SocketAddress("127.0.0.1", 0));
        Poco::Net::StreamSocket client(listener.address());
        auto handler = std::make_shared<CountingHandler>();
        auto conn = loop.adopt(listener.acceptConnection(), handler);
        const std::string message(16 * 1024, 'y');
        const int count = 400; // 6.4 MB: a hundred times the outbox
        client.setReceiveTimeout(Poco::Timespan(10, 0));
        ws::MessageReader reader(1 << 20, false);
        int received = 0;
        const auto readSome = [&] {
            char buffer[65536];
            const int n = client.receiveBytes(buffer, sizeof buffer);
            if (n <= 0)
                return false;
            reader.feed(buffer, std::size_t(n));
            ws::MessageReader::Message m;
            while (reader.next(m) == ws::MessageReader::Status::Message)
                received += m.payload == message;
            return true;
        };
        for (int i = 0; i < count; ++i) {
            // A backlog means the kernel's buffers are full: there is something to read.
            while (conn->backlog() + message.size() > kOutbox)
                QVERIFY(readSome());
            QVERIFY(conn->sendText(message));
        }
        while (received < count)
            QVERIFY(readSome());
        QCOMPARE(received, count);
        QVERIFY(conn->isOpen());
        QVERIFY(refusals.seen().empty());
    }
};

QTEST_GUILESS_MAIN(tst_SocketLoop)
#include "tst_socketloop.moc"
