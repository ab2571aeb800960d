#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace bunny::rec {

class Recording;

struct SummaryMarker
{
    std::int64_t t = 0;
    std::string kind;
    std::string label;
    bool operator==(const SummaryMarker &) const = default;
};

/// What `bunnyctl rec info` prints (DESIGN.md): files are the paths that exist at the end.
struct Summary
{
    std::int64_t durationMs = 0;
    std::size_t events = 0;
    std::vector<std::string> files;
    std::vector<SummaryMarker> markers;
    std::string language;
    std::string title;
};

Summary summarize(const Recording &recording);

/// {"duration_ms":…,"events":…,"files":[…],"markers":[[t,kind,label],…],"language":…,"title":…}
/// in that key order, on one line without '\n'.
std::string toJson(const Summary &summary);

} // namespace bunny::rec
