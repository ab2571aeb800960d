#include "recording/event.h"

#include <utility>

namespace bunny::rec {

Event Event::keyframe(std::int64_t t, std::string path, std::string text)
{
    Event e;
    e.t = t;
    e.code = Code::Keyframe;
    e.path = std::move(path);
    e.text = std::move(text);
    return e;
}

Event Event::insert(std::int64_t t, std::string path, std::int64_t pos, std::string text)
{
    Event e = keyframe(t, std::move(path), std::move(text));
    e.code = Code::Insert;
    e.pos = pos;
    return e;
}

Event Event::erase(std::int64_t t, std::string path, std::int64_t pos, std::string text)
{
    Event e = insert(t, std::move(path), pos, std::move(text));
    e.code = Code::Delete;
    return e;
}

Event Event::selection(std::int64_t t, std::string path, std::vector<std::int64_t> ranges)
{
    Event e;
    e.t = t;
    e.code = Code::Selection;
    e.path = std::move(path);
    e.ranges = std::move(ranges);
    return e;
}

Event Event::focus(std::int64_t t, std::string path)
{
    Event e;
    e.t = t;
    e.code = Code::Focus;
    e.path = std::move(path);
    return e;
}

Event Event::rename(std::int64_t t, std::string path, std::string newPath)
{
    Event e;
    e.t = t;
    e.code = Code::Rename;
    e.path = std::move(path);
    e.arg = std::move(newPath);
    return e;
}

Event Event::remove(std::int64_t t, std::string path)
{
    Event e = focus(t, std::move(path));
    e.code = Code::Remove;
    return e;
}

Event Event::marker(std::int64_t t, std::string kind, std::string label, std::string path)
{
    Event e;
    e.t = t;
    e.code = Code::Marker;
    e.arg = std::move(kind);
    e.text = std::move(label);
    e.path = std::move(path);
    return e;
}

Event Event::output(std::int64_t t, std::string stream, std::string text)
{
    Event e;
    e.t = t;
    e.code = Code::Output;
    e.arg = std::move(stream);
    e.text = std::move(text);
    return e;
}

bool isKnownCode(char c)
{
    switch (c) {
    case 'k':
    case 'i':
    case 'd':
    case 's':
    case 'f':
    case 'r':
    case 'x':
    case 'm':
    case 'o':
        return true;
    default:
        return false;
    }
}

} // namespace bunny::rec
