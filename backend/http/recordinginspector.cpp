#include "http/recordinginspector.h"

#include "http/apierror.h"

#include <recording/recording.h>
#include <recording/summary.h>

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
    // The shared reader checks everything a player relies on: the header, each event's shape,
    // time order, and that every edit fits the text it applies to.
    auto recording = rec::Recording::parse(bytes);
    if (!recording)
        throw badRequest("This is not a valid .bunnyrec: " + recording.message(), "invalid_recording");
    // parse() plays a file up to an op that does not fit; an upload must be valid throughout.
    if (!recording->stoppedAt().empty())
        throw badRequest("This is not a valid .bunnyrec: " + recording->stoppedAt(), "invalid_recording");
    const rec::Summary summary = rec::summarize(*recording);
    RecordingInfo info;
    info.durationMs = summary.durationMs;
    info.events = std::int64_t(summary.events);
    info.files = summary.files;
    info.language = summary.language;
    info.title = summary.title;
    return info;
}

} // namespace bunny::backend::http
