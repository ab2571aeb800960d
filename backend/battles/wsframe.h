#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace bunny::backend::battles {

/// WebSocket (RFC 6455) framing for the battle socket loop, which reads and writes
/// non-blocking sockets itself after Poco::Net::WebSocket did the handshake. Also used by the
/// load tool's clients (which must mask).
namespace ws {

enum Opcode : std::uint8_t { Continuation = 0, Text = 1, Binary = 2, Close = 8, Ping = 9, Pong = 10 };

/// One frame: FIN set, masked with maskKey when masked (clients must mask, servers must not).
std::string encodeFrame(Opcode opcode, std::string_view payload, bool masked = false,
                        std::uint32_t maskKey = 0x5a17c0de);
/// A close frame carrying a status code and a short reason.
std::string encodeClose(std::uint16_t code, std::string_view reason, bool masked = false);

/// Assembles whole messages from bytes as they arrive: unmasks, joins fragments, hands out
/// control frames between fragments. Enforces the peer's side of the protocol (clients mask,
/// control frames are short and final, no reserved bits) and a size limit per message.
class MessageReader
{
public:
    enum class Status { NeedMore, Message, Error };
    struct Message
    {
        Opcode opcode = Text; ///< Text, Binary, Close, Ping or Pong
        std::string payload;
    };

    /// requireMask: true on the server side (client frames must be masked).
    MessageReader(std::size_t maxMessageBytes, bool requireMask)
        : m_max(maxMessageBytes)
        , m_requireMask(requireMask)
    {}

    /// Adds received bytes.
    void feed(const char *data, std::size_t size) { m_buffer.append(data, size); }
    /// The next whole message, NeedMore until one is complete, or Error (then closeCode() and
    /// error() say why; the connection should be closed).
    Status next(Message &out);
    std::uint16_t closeCode() const { return m_closeCode; }
    const std::string &error() const { return m_error; }

private:
    Status fail(std::uint16_t code, std::string why);

    std::size_t m_max;
    bool m_requireMask;
    std::string m_buffer;
    std::size_t m_offset = 0; // bytes of m_buffer already consumed
    std::string m_partial;    // payload of a fragmented message so far
    Opcode m_partialOpcode = Text;
    bool m_inFragments = false;
    std::uint16_t m_closeCode = 1002;
    std::string m_error;
};

/// The status code of a close frame's payload (1005 when it has none).
std::uint16_t closeCodeOf(std::string_view payload);

} // namespace ws
} // namespace bunny::backend::battles
