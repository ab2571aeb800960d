#include "http/recordinginspector.h"

#include "http/apierror.h"

#include <Poco/InflatingStream.h>

#include <sstream>

namespace bunny::backend::http {

std::string gunzip(std::string_view data, std::int64_t limit)
{
    std::istringstream in{std::string(data)};
    Poco::InflatingInputStream inflater(in, Poco::InflatingStreamBuf::STREAM_GZIP);
    std::string out;
    char buffer[65536];
    try {
        while (inflater) {
            inflater.read(buffer, sizeof buffer);
            out.append(buffer, std::size_t(inflater.gcount()));
            if (std::int64_t(out.size()) > limit)
                throw ApiError(413, "too_large",
                               "The recording is larger than the limit of " + std::to_string(limit) +
                                   " bytes.");
        }
    } catch (const ApiError &) {
        throw;
    } catch (const Poco::Exception &e) {
        throw badRequest("The gzip data is damaged: " + e.message(), "invalid_gzip");
    }
    return out;
}

RecordingInfo inspectRecording(std::string_view bytes)
{
    // Placeholder until shared/recording lands: checks the header and the event shape only.
    RecordingInfo info;
    std::size_t lineNo = 0, start = 0;
    nlohmann::json header;
    while (start < bytes.size()) {
        std::size_t end = bytes.find('\n', start);
        const bool last = end == std::string_view::npos;
        if (last)
            end = bytes.size();
        const std::string_view line = bytes.substr(start, end - start);
        start = end + 1;
        ++lineNo;
        if (line.empty())
            continue;
        auto j = nlohmann::json::parse(line, nullptr, false);
        if (j.is_discarded()) {
            if (last && lineNo > 1)
                break; // a truncated last line is a crash, not an error
            throw badRequest("Line " + std::to_string(lineNo) + ": not valid JSON.", "invalid_recording");
        }
        if (lineNo == 1) {
            if (!j.is_object() || j.value("bunnyrec", 0) != 1)
                throw badRequest("Line 1: not a bunnyrec v1 header.", "invalid_recording");
            info.title = j.value("title", "");
            info.language = j.value("language", "");
            continue;
        }
        if (!j.is_array() || j.size() < 2 || !j[0].is_number_integer() || !j[1].is_string())
            throw badRequest("Line " + std::to_string(lineNo) + ": an event must be [t, code, ...].",
                             "invalid_recording");
        info.durationMs = std::max<std::int64_t>(info.durationMs, j[0].get<std::int64_t>());
        ++info.events;
    }
    if (lineNo == 0)
        throw badRequest("Line 1: the recording is empty.", "invalid_recording");
    return info;
}

} // namespace bunny::backend::http
