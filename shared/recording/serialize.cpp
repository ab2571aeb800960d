#include "recording/serialize.h"

#include "recording/jsonscanner.h"

#include <charconv>

namespace bunny::rec {

namespace {

void appendInt(std::string &out, std::int64_t value)
{
    char buf[24];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
    (void)ec; // 24 bytes always hold an int64
    out.append(buf, end);
}

void appendField(std::string &out, std::string_view text)
{
    out.push_back(',');
    detail::appendJsonString(out, text);
}

void appendField(std::string &out, std::int64_t value)
{
    out.push_back(',');
    appendInt(out, value);
}

void appendEvent(std::string &out, const Event &e)
{
    out.push_back('[');
    appendInt(out, e.t);
    out.append(",\"");
    out.push_back(static_cast<char>(e.code));
    out.push_back('"');
    switch (e.code) {
    case Code::Keyframe:
        appendField(out, e.path);
        appendField(out, e.text);
        break;
    case Code::Insert:
    case Code::Delete:
        appendField(out, e.path);
        appendField(out, e.pos);
        appendField(out, e.text);
        break;
    case Code::Selection:
        appendField(out, e.path);
        for (std::int64_t v : e.ranges)
            appendField(out, v);
        break;
    case Code::Focus:
    case Code::Remove:
        appendField(out, e.path);
        break;
    case Code::Rename:
        appendField(out, e.path);
        appendField(out, e.arg);
        break;
    case Code::Marker:
        appendField(out, e.arg);
        appendField(out, e.text);
        if (!e.path.empty())
            appendField(out, e.path);
        break;
    case Code::Output:
        appendField(out, e.arg);
        appendField(out, e.text);
        break;
    }
    out.push_back(']');
}

} // namespace

std::string serialize(const Header &header)
{
    std::string out = "{\"bunnyrec\":1";
    const auto key = [&out](std::string_view name) {
        out.push_back(',');
        detail::appendJsonString(out, name);
        out.push_back(':');
    };
    key("id");
    detail::appendJsonString(out, header.id);
    key("started");
    detail::appendJsonString(out, header.started);
    key("title");
    detail::appendJsonString(out, header.title);
    key("author");
    detail::appendJsonString(out, header.author);
    key("language");
    detail::appendJsonString(out, header.language);
    if (header.idleTimeLimitMs) {
        key("idle_time_limit");
        appendInt(out, *header.idleTimeLimitMs);
    }
    if (header.extra.is_object()) {
        for (const auto &[name, value] : header.extra.items()) {
            key(name);
            // Strict UTF-8 was checked when the header was read; replace anything else built in code.
            out.append(value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
        }
    }
    out.push_back('}');
    return out;
}

std::string serialize(const Event &event)
{
    std::string out;
    appendEvent(out, event);
    return out;
}

void appendLine(std::string &out, const Event &event)
{
    appendEvent(out, event);
    out.push_back('\n');
}

} // namespace bunny::rec
