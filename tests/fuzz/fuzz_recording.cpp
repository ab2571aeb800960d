// libFuzzer target: the .bunnyrec reader (shared/recording), plain and gzip, whole and streamed.
//
// The first byte steers: its low bit gzips the rest before reading (so mutations of plain text
// also reach the inflater's happy path), the other bits pick where the streamed copy is split.
// The rest is the file. Anything may be refused with an error; nothing may crash, leak or hang.
#include <recording/gzip.h>
#include <recording/reader.h>
#include <recording/recording.h>
#include <recording/serialize.h>
#include <recording/summary.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

void readStreamed(std::string_view bytes, std::size_t split)
{
    bunny::rec::Reader reader;
    const std::size_t cut = bytes.empty() ? 0 : split % (bytes.size() + 1);
    if (reader.feed(bytes.substr(0, cut)) && reader.feed(bytes.substr(cut)))
        (void)reader.finish();
    (void)reader.takeEvents();
}

void readWhole(std::string_view bytes)
{
    auto recording = bunny::rec::Recording::parse(bytes);
    if (!recording)
        return;
    // What the server and the player do next with an accepted recording.
    (void)bunny::rec::summarize(*recording);
    const auto duration = recording->durationMs();
    (void)recording->stateAt(duration / 2);
    (void)recording->stateAfter(recording->events().size());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0)
        return 0;
    const std::uint8_t steer = data[0];
    std::string_view bytes(reinterpret_cast<const char *>(data + 1), size - 1);
    std::string compressed;
    if (steer & 1) {
        auto gz = bunny::rec::detail::gzip(bytes);
        if (!gz)
            return 0;
        compressed = std::move(*gz);
        bytes = compressed;
    }
    readStreamed(bytes, std::size_t(steer >> 1) * 7);
    readWhole(bytes);
    return 0;
}
