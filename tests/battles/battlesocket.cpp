#include "battlesocket.h"

#include <battles/wsframe.h>

#include <Poco/Buffer.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Timespan.h>

#include <QDeadlineTimer>

namespace bunny::test {

namespace ws = bunny::backend::battles::ws;

bool BattleSocket::open(quint16 port, const std::string &battleId, const std::string &token,
                        const std::string &extraQuery)
{
    Poco::Net::HTTPClientSession session("127.0.0.1", port);
    std::string path = "/api/v1/battles/" + battleId + "/ws?access_token=" + token;
    if (!extraQuery.empty())
        path += "&" + extraQuery;
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, path, Poco::Net::HTTPMessage::HTTP_1_1);
    Poco::Net::HTTPResponse response;
    try {
        m_socket = std::make_unique<Poco::Net::WebSocket>(session, request, response);
    } catch (const Poco::Exception &) {
        m_httpStatus = int(response.getStatus());
        m_socket.reset();
        return false;
    }
    m_httpStatus = 101;
    m_socket->setReceiveTimeout(Poco::Timespan(0, 200 * 1000));
    return true;
}

void BattleSocket::send(const nlohmann::json &message)
{
    sendText(message.dump());
}

void BattleSocket::sendText(const std::string &text)
{
    sendFrame(text, Poco::Net::WebSocket::FRAME_TEXT);
}

void BattleSocket::sendFrame(const std::string &payload, int flags)
{
    if (m_socket)
        m_socket->sendFrame(payload.data(), int(payload.size()), flags);
}

std::optional<nlohmann::json> BattleSocket::receive(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (m_socket && !deadline.hasExpired()) {
        Poco::Buffer<char> buffer(0);
        int flags = 0;
        int n = 0;
        try {
            n = m_socket->receiveFrame(buffer, flags);
        } catch (const Poco::TimeoutException &) {
            continue;
        } catch (const Poco::Exception &) {
            m_socket.reset();
            return std::nullopt;
        }
        const int opcode = flags & Poco::Net::WebSocket::FRAME_OP_BITMASK;
        if (opcode == Poco::Net::WebSocket::FRAME_OP_CLOSE || (n == 0 && flags == 0)) {
            m_closeCode = n >= 2 ? (std::uint8_t(buffer[0]) << 8) | std::uint8_t(buffer[1]) : 1005;
            try {
                m_socket->shutdown(); // answers the close; the server may have reset already
            } catch (const Poco::Exception &) {
            }
            m_socket.reset();
            return std::nullopt;
        }
        if (opcode != Poco::Net::WebSocket::FRAME_OP_TEXT)
            continue;
        auto j = nlohmann::json::parse(std::string(buffer.begin(), std::size_t(n)), nullptr, false);
        m_log.push_back(j);
        return j;
    }
    return std::nullopt;
}

nlohmann::json BattleSocket::waitFor(const std::string &type, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        auto message = receive(int(std::max<qint64>(1, deadline.remainingTime())));
        if (!message)
            break;
        if (message->is_object() && message->value("type", "") == type)
            return *message;
    }
    return nullptr;
}

int BattleSocket::waitClosed(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (m_socket && !deadline.hasExpired())
        receive(int(std::max<qint64>(1, deadline.remainingTime())));
    return m_socket ? 0 : m_closeCode;
}

void BattleSocket::close()
{
    if (!m_socket)
        return;
    try {
        m_socket->shutdown(Poco::Net::WebSocket::WS_NORMAL_CLOSE, "bye");
        m_socket->close();
    } catch (const Poco::Exception &) {
        // already gone
    }
    m_socket.reset();
}

bool RawBattleSocket::open(quint16 port, const std::string &battleId, const std::string &token)
{
    m_socket.connect(Poco::Net::SocketAddress("127.0.0.1", port));
    m_socket.setReceiveTimeout(Poco::Timespan(0, 200 * 1000));
    const std::string request =
        "GET /api/v1/battles/" + battleId + "/ws?access_token=" + token +
        " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
    m_socket.sendBytes(request.data(), int(request.size()));
    QDeadlineTimer deadline(10000);
    std::string head;
    char buffer[4096];
    while (head.find("\r\n\r\n") == std::string::npos && !deadline.hasExpired()) {
        try {
            const int n = m_socket.receiveBytes(buffer, sizeof buffer);
            if (n <= 0)
                return false;
            head.append(buffer, std::size_t(n));
        } catch (const Poco::TimeoutException &) {
        }
    }
    const auto end = head.find("\r\n\r\n");
    if (end == std::string::npos || head.rfind("HTTP/1.1 101", 0) != 0)
        return false;
    m_pending = head.substr(end + 4);
    return true;
}

void RawBattleSocket::sendBytes(const std::string &bytes)
{
    try {
        m_socket.sendBytes(bytes.data(), int(bytes.size()));
    } catch (const Poco::Exception &) {
        // the server may close mid-way through a frame it refuses
    }
}

int RawBattleSocket::waitCloseCode(int timeoutMs)
{
    ws::MessageReader reader(1 << 24, false);
    reader.feed(m_pending.data(), m_pending.size());
    QDeadlineTimer deadline(timeoutMs);
    char buffer[65536];
    for (;;) {
        ws::MessageReader::Message message;
        while (reader.next(message) == ws::MessageReader::Status::Message)
            if (message.opcode == ws::Close)
                return ws::closeCodeOf(message.payload);
        if (deadline.hasExpired())
            return 0;
        try {
            const int n = m_socket.receiveBytes(buffer, sizeof buffer);
            if (n <= 0)
                return 0;
            reader.feed(buffer, std::size_t(n));
        } catch (const Poco::TimeoutException &) {
        } catch (const Poco::Exception &) {
            return 0;
        }
    }
}

} // namespace bunny::test
