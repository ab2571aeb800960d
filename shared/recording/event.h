#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace bunny::rec {

/// The code of an event line, the second element of `[t, code, ...]`. See FORMAT.md.
enum class Code : char {
    Keyframe = 'k',
    Insert = 'i',
    Delete = 'd',
    Selection = 's',
    Focus = 'f',
    Rename = 'r',
    Remove = 'x',
    Marker = 'm',
    Output = 'o',
};

/// One event of a recording. Positions are byte offsets into the UTF-8 text.
/// Which fields mean something depends on the code:
///   k: path, text          i/d: path, pos, text     s: path, ranges (anchor, caret, ...)
///   f: path                r: path, arg = new path  x: path
///   m: arg = kind, text = label, path optional      o: arg = stream, text = output
struct Event
{
    std::int64_t t = 0; ///< milliseconds since the start of the recording
    Code code = Code::Marker;
    std::string path;
    std::int64_t pos = 0;
    std::string text;
    std::string arg;
    std::vector<std::int64_t> ranges;

    static Event keyframe(std::int64_t t, std::string path, std::string text);
    static Event insert(std::int64_t t, std::string path, std::int64_t pos, std::string text);
    static Event erase(std::int64_t t, std::string path, std::int64_t pos, std::string text);
    static Event selection(std::int64_t t, std::string path, std::vector<std::int64_t> ranges);
    static Event focus(std::int64_t t, std::string path);
    static Event rename(std::int64_t t, std::string path, std::string newPath);
    static Event remove(std::int64_t t, std::string path);
    static Event marker(std::int64_t t, std::string kind, std::string label, std::string path = {});
    static Event output(std::int64_t t, std::string stream, std::string text);

    bool operator==(const Event &) const = default;
};

/// True for the codes this version knows.
bool isKnownCode(char c);

} // namespace bunny::rec
