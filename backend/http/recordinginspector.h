#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace bunny::backend::http {

/// What an upload tells about itself, extracted by reading it with the shared reader.
struct RecordingInfo
{
    std::int64_t durationMs = 0;
    std::int64_t events = 0;
    nlohmann::json files = nlohmann::json::array(); // paths at the end
    std::string language;
    std::string title;
};

/// Reads a .bunnyrec (uncompressed); throws ApiError 400 "invalid_recording" naming the line
/// when it is not a valid recording.
RecordingInfo inspectRecording(std::string_view bytes);

/// Inflates gzip data, refusing (ApiError 413) to produce more than limit bytes, and
/// (ApiError 400) data that is not valid gzip.
std::string gunzip(std::string_view data, std::int64_t limit);

inline bool isGzip(std::string_view data)
{
    return data.size() >= 2 && static_cast<unsigned char>(data[0]) == 0x1f &&
           static_cast<unsigned char>(data[1]) == 0x8b;
}

} // namespace bunny::backend::http
