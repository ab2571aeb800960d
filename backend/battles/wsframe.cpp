#include "battles/wsframe.h"

namespace bunny::backend::battles::ws {

std::string encodeFrame(Opcode opcode, std::string_view payload, bool masked, std::uint32_t maskKey)
{
    std::string out;
    out.reserve(payload.size() + 14);
    out.push_back(char(0x80 | opcode));
    const std::uint8_t maskBit = masked ? 0x80 : 0;
    const std::uint64_t n = payload.size();
    if (n < 126) {
        out.push_back(char(maskBit | n));
    } else if (n <= 0xffff) {
        out.push_back(char(maskBit | 126));
        out.push_back(char(n >> 8));
        out.push_back(char(n & 0xff));
    } else {
        out.push_back(char(maskBit | 127));
        for (int shift = 56; shift >= 0; shift -= 8)
            out.push_back(char((n >> shift) & 0xff));
    }
    if (!masked) {
        out.append(payload);
        return out;
    }
    const char key[4] = {char(maskKey >> 24), char(maskKey >> 16), char(maskKey >> 8), char(maskKey)};
    out.append(key, 4);
    const std::size_t start = out.size();
    out.append(payload);
    for (std::size_t i = 0; i < n; ++i)
        out[start + i] = char(out[start + i] ^ key[i & 3]);
    return out;
}

std::string encodeClose(std::uint16_t code, std::string_view reason, bool masked)
{
    std::string payload;
    payload.push_back(char(code >> 8));
    payload.push_back(char(code & 0xff));
    payload.append(reason.substr(0, 120));
    return encodeFrame(Close, payload, masked);
}

std::uint16_t closeCodeOf(std::string_view payload)
{
    if (payload.size() < 2)
        return 1005;
    return std::uint16_t((std::uint8_t(payload[0]) << 8) | std::uint8_t(payload[1]));
}

MessageReader::Status MessageReader::fail(std::uint16_t code, std::string why)
{
    m_closeCode = code;
    m_error = std::move(why);
    return Status::Error;
}

MessageReader::Status MessageReader::next(Message &out)
{
    for (;;) {
        const std::size_t avail = m_buffer.size() - m_offset;
        const auto *p = reinterpret_cast<const std::uint8_t *>(m_buffer.data() + m_offset);
        if (avail < 2)
            break;
        const bool fin = p[0] & 0x80;
        const std::uint8_t rsv = p[0] & 0x70;
        const auto opcode = Opcode(p[0] & 0x0f);
        const bool masked = p[1] & 0x80;
        std::uint64_t len = p[1] & 0x7f;
        std::size_t header = 2;
        if (rsv)
            return fail(1002, "reserved bits set (no extension was agreed)");
        if (m_requireMask && !masked)
            return fail(1002, "client frames must be masked");
        if (len == 126) {
            if (avail < 4)
                break;
            len = (std::uint64_t(p[2]) << 8) | p[3];
            header = 4;
        } else if (len == 127) {
            if (avail < 10)
                break;
            len = 0;
            for (int i = 0; i < 8; ++i)
                len = (len << 8) | p[2 + i];
            header = 10;
        }
        const bool control = opcode & 0x08;
        if (control && (!fin || len > 125))
            return fail(1002, "control frames must be final and at most 125 bytes");
        if (!control && opcode != Continuation && opcode != Text && opcode != Binary)
            return fail(1002, "unknown opcode");
        // Refuse a message past the limit from its header, before buffering it.
        // (len alone first: a 64-bit length near 2^64 would wrap the sum)
        if (!control && (len > m_max || len + m_partial.size() > m_max))
            return fail(1009, "message too large");
        if (masked)
            header += 4;
        if (avail < header || avail - header < len)
            break;
        std::string payload(reinterpret_cast<const char *>(p + header), std::size_t(len));
        if (masked) {
            const std::uint8_t *key = p + header - 4;
            for (std::size_t i = 0; i < payload.size(); ++i)
                payload[i] = char(std::uint8_t(payload[i]) ^ key[i & 3]);
        }
        m_offset += header + std::size_t(len);
        // Keep the buffer from growing without bound: drop consumed bytes now and then.
        if (m_offset > 65536 && m_offset * 2 > m_buffer.size()) {
            m_buffer.erase(0, m_offset);
            m_offset = 0;
        }
        if (control) {
            out.opcode = opcode;
            out.payload = std::move(payload);
            return Status::Message;
        }
        if (opcode == Continuation) {
            if (!m_inFragments)
                return fail(1002, "continuation without a message to continue");
            m_partial += payload;
        } else {
            if (m_inFragments)
                return fail(1002, "a new message began inside a fragmented one");
            m_partialOpcode = opcode;
            m_partial = std::move(payload);
            m_inFragments = true;
        }
        if (fin) {
            out.opcode = m_partialOpcode;
            out.payload = std::move(m_partial);
            m_partial.clear();
            m_inFragments = false;
            return Status::Message;
        }
    }
    if (m_offset == m_buffer.size()) {
        m_buffer.clear();
        m_offset = 0;
    }
    return Status::NeedMore;
}

} // namespace bunny::backend::battles::ws
