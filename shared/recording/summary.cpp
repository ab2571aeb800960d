#include "recording/summary.h"

#include "recording/recording.h"

#include <nlohmann/json.hpp>

namespace bunny::rec {

Summary summarize(const Recording &recording)
{
    Summary s;
    const EventList &events = recording.events();
    s.durationMs = recording.durationMs();
    s.events = events.size();
    const Document end = recording.stateAfter(events.size());
    s.files.reserve(end.files().size());
    for (const auto &[path, text] : end.files())
        s.files.push_back(path);
    Event e;
    for (std::size_t i = 0; i < events.size(); ++i) {
        if (events.code(i) != Code::Marker)
            continue;
        events.fill(i, e);
        s.markers.push_back({e.t, e.arg, e.text});
    }
    s.language = recording.header().language;
    s.title = recording.header().title;
    return s;
}

std::string toJson(const Summary &summary)
{
    nlohmann::ordered_json json;
    json["duration_ms"] = summary.durationMs;
    json["events"] = summary.events;
    json["files"] = summary.files;
    auto markers = nlohmann::ordered_json::array();
    for (const SummaryMarker &m : summary.markers)
        markers.push_back({m.t, m.kind, m.label});
    json["markers"] = std::move(markers);
    json["language"] = summary.language;
    json["title"] = summary.title;
    // Texts come from a checked recording, so they are valid UTF-8; replace keeps dump() from throwing.
    return json.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

} // namespace bunny::rec
