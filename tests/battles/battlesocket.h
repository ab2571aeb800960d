#pragma once

#include <QtGlobal>
#include <qfloat16.h> // complete, so QCOMPARE on JSON can rule out its qfloat16 overload

#include <nlohmann/json.hpp>

#include <Poco/Net/StreamSocket.h>
#include <Poco/Net/WebSocket.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace bunny::test {

/// A battle WebSocket client for tests, over Poco's own WebSocket client (an implementation
/// independent of the server's framing): JSON text messages in and out, with timeouts.
class BattleSocket
{
public:
    /// Opens /api/v1/battles/{id}/ws?access_token=token[&extraQuery]; false with httpStatus set
    /// when the server refuses the upgrade.
    bool open(quint16 port, const std::string &battleId, const std::string &token,
              const std::string &extraQuery = {});
    void send(const nlohmann::json &message);
    /// A text frame with exactly these bytes.
    void sendText(const std::string &text);
    /// A frame of any opcode (Poco's WebSocket flags), e.g. binary.
    void sendFrame(const std::string &payload, int flags);
    /// The next message, or nullopt after timeoutMs or when the server closed (closeCode()).
    std::optional<nlohmann::json> receive(int timeoutMs = 10000);
    /// Skips messages until one of this type arrives (null json on timeout or close). Every
    /// message received is also kept in log().
    nlohmann::json waitFor(const std::string &type, int timeoutMs = 10000);
    /// Waits for the server to close; returns its close code (0 if it did not).
    int waitClosed(int timeoutMs = 10000);
    void close();
    bool isOpen() const { return m_socket != nullptr; }
    int httpStatus() const { return m_httpStatus; }
    int closeCode() const { return m_closeCode; }
    const std::vector<nlohmann::json> &log() const { return m_log; }

private:
    std::unique_ptr<Poco::Net::WebSocket> m_socket;
    int m_httpStatus = 0;
    int m_closeCode = 0;
    std::vector<nlohmann::json> m_log;
};

/// A raw TCP connection upgraded by hand, for frames a well-behaved client cannot send
/// (unmasked, oversized, reserved bits).
class RawBattleSocket
{
public:
    bool open(quint16 port, const std::string &battleId, const std::string &token);
    void sendBytes(const std::string &bytes);
    /// Reads until the server closes the connection or timeoutMs passes; returns the close code
    /// from the server's close frame (0 when none came).
    int waitCloseCode(int timeoutMs = 10000);

private:
    Poco::Net::StreamSocket m_socket;
    std::string m_pending; // bytes read after the handshake's head
};

} // namespace bunny::test
