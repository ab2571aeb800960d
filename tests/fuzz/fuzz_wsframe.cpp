// libFuzzer target: the battle socket's WebSocket framing (backend/battles/wsframe.h), which
// reads raw bytes from the network before anything else looks at them, and the JSON parse of
// each text message that follows it in the socket loop.
//
// The first byte picks where the input is cut into two reads (frames arrive in pieces); the
// rest is what a client sent. Every message that comes out is encoded again and must read back
// the same. Errors (a close code) are fine; crashes, hangs, leaks and sanitizer reports are bugs.
#include <battles/wsframe.h>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

namespace ws = bunny::backend::battles::ws;

namespace {

constexpr std::size_t kMaxMessage = 64 * 1024;

void roundTrip(const ws::MessageReader::Message &message)
{
    ws::MessageReader again(kMaxMessage, true);
    const std::string frame = ws::encodeFrame(message.opcode, message.payload, true);
    again.feed(frame.data(), frame.size());
    ws::MessageReader::Message back;
    if (again.next(back) != ws::MessageReader::Status::Message || back.payload != message.payload ||
        back.opcode != message.opcode)
        std::abort(); // what we write must read back as it was
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0)
        return 0;
    const char *bytes = reinterpret_cast<const char *>(data + 1);
    const std::size_t length = size - 1;
    const std::size_t cut = length == 0 ? 0 : data[0] % (length + 1);
    ws::MessageReader reader(kMaxMessage, true);
    reader.feed(bytes, cut);
    bool fed = false;
    for (int guard = 0; guard < 100000; ++guard) {
        ws::MessageReader::Message message;
        const auto status = reader.next(message);
        if (status == ws::MessageReader::Status::Error) {
            (void)ws::encodeClose(reader.closeCode(), reader.error());
            break;
        }
        if (status == ws::MessageReader::Status::NeedMore) {
            if (fed)
                break;
            reader.feed(bytes + cut, length - cut);
            fed = true;
            continue;
        }
        if (message.payload.size() > kMaxMessage)
            std::abort(); // the size limit is the flood defence
        if (message.opcode == ws::Close)
            (void)ws::closeCodeOf(message.payload);
        const bool control = message.opcode >= ws::Close;
        if (!control || message.payload.size() <= 125)
            roundTrip(message);
        if (message.opcode == ws::Text)
            (void)nlohmann::json::parse(message.payload, nullptr, false);
    }
    return 0;
}
