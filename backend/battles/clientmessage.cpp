#include "battles/clientmessage.h"

#include "http/requestbodies.h"

#include <recording/document.h>
#include <recording/event.h>

#include <limits>

namespace bunny::backend::battles {

using nlohmann::json;

namespace {

// Messages are flat objects; an edit's ops are the deepest part (object > array > op array).
constexpr std::size_t kMaxJsonDepth = 8;

/// A byte offset or revision: a whole number from 0 to the largest int64 (bigger unsigned
/// numbers would wrap negative when read as int64).
bool isCount(const json &j)
{
    if (j.is_number_unsigned())
        return j.get<std::uint64_t>() <= std::uint64_t(std::numeric_limits<std::int64_t>::max());
    return j.is_number_integer() && j.get<std::int64_t>() >= 0;
}

MessageType typeOf(const std::string &name)
{
    static const std::pair<const char *, MessageType> kTypes[] = {
        {"ready", MessageType::Ready},       {"edit", MessageType::Edit},     {"cursor", MessageType::Cursor},
        {"language", MessageType::Language}, {"submit", MessageType::Submit}, {"resign", MessageType::Resign},
        {"chat", MessageType::Chat},         {"ping", MessageType::Ping}};
    for (const auto &[n, type] : kTypes)
        if (name == n)
            return type;
    return MessageType::Unknown;
}

void readEdit(const json &m, ClientMessage &out)
{
    const auto rev = m.find("rev");
    const auto ops = m.find("ops");
    if (rev == m.end() || !isCount(*rev) || ops == m.end() || !ops->is_array() || ops->size() > kMaxEditOps) {
        out.invalid = "An edit needs rev and an array of at most 1000 ops.";
        return;
    }
    out.rev = rev->get<std::int64_t>();
    out.ops.reserve(ops->size());
    for (const auto &op : *ops) {
        if (!op.is_array() || op.size() != 3 || !op[0].is_string() || !isCount(op[1]) || !op[2].is_string() ||
            (op[0] != "i" && op[0] != "d")) {
            // Refused when the edit is applied, like an op that does not fit: only after the
            // revision check (a stale edit gets a state, whatever its ops), as bad_op.
            out.ops.push_back({});
            out.ops.back().wellFormed = false;
            return;
        }
        EditOp &added = out.ops.emplace_back();
        added.insert = op[0] == "i";
        added.pos = op[1].get<std::int64_t>();
        added.text = op[2].get<std::string>();
    }
}

void readCursor(const json &m, ClientMessage &out)
{
    const auto anchor = m.find("anchor");
    const auto caret = m.find("caret");
    if (anchor == m.end() || caret == m.end() || !isCount(*anchor) || !isCount(*caret)) {
        out.invalid = "A cursor needs anchor and caret byte offsets.";
        return;
    }
    out.anchor = anchor->get<std::int64_t>();
    out.caret = caret->get<std::int64_t>();
}

void readLanguage(const json &m, ClientMessage &out)
{
    const auto language = m.find("language");
    if (language == m.end() || !language->is_string()) {
        out.invalid = "Name the language: {\"type\":\"language\",\"language\":\"python\"}.";
        return;
    }
    out.language = language->get<std::string>();
}

void readChat(const json &m, std::size_t chatBytes, ClientMessage &out)
{
    const auto text = m.find("text");
    if (text == m.end() || !text->is_string() || text->get_ref<const std::string &>().empty() ||
        text->get_ref<const std::string &>().size() > chatBytes) {
        out.invalid = "A chat message is text of 1 to " + std::to_string(chatBytes) + " bytes.";
        return;
    }
    out.text = text->get<std::string>();
}

} // namespace

std::optional<ClientMessage> parseClientMessage(std::string_view text, std::size_t chatBytes,
                                                MessageError &error)
{
    if (http::jsonNestingDepth(text) > kMaxJsonDepth) {
        error = {"bad_json", "Messages are flat JSON objects."};
        return std::nullopt;
    }
    const json m = json::parse(text, nullptr, false);
    if (m.is_discarded()) {
        error = {"bad_json", "That is not JSON (or not valid UTF-8)."};
        return std::nullopt;
    }
    if (!m.is_object() || !m.contains("type") || !m["type"].is_string()) {
        error = {"bad_message", "A message is a JSON object with a string \"type\"."};
        return std::nullopt;
    }
    ClientMessage out;
    out.typeName = m["type"].get<std::string>();
    out.type = typeOf(out.typeName);
    if (const auto player = m.find("player"); player != m.end()) {
        out.namesPlayer = true;
        if (player->is_string())
            out.player = player->get<std::string>();
    }
    switch (out.type) {
    case MessageType::Edit:
        readEdit(m, out);
        break;
    case MessageType::Cursor:
        readCursor(m, out);
        break;
    case MessageType::Language:
        readLanguage(m, out);
        break;
    case MessageType::Chat:
        readChat(m, chatBytes, out);
        break;
    case MessageType::Ready:
    case MessageType::Submit:
    case MessageType::Resign:
    case MessageType::Ping:
    case MessageType::Unknown:
        break;
    }
    return out;
}

std::string applyEditOps(bunny::rec::Document &doc, const std::string &path, const std::vector<EditOp> &ops,
                         std::size_t maxTextBytes)
{
    std::vector<bunny::rec::Event> undo;
    std::string problem;
    for (const auto &op : ops) {
        if (!op.wellFormed) {
            problem = "an op is [\"i\"|\"d\", pos, text]";
            break;
        }
        const auto event = op.insert ? bunny::rec::Event::insert(0, path, op.pos, op.text)
                                     : bunny::rec::Event::erase(0, path, op.pos, op.text);
        auto inverse = doc.inverse(event);
        auto applied = inverse ? doc.apply(event) : Result<void>(inverse.error());
        if (!applied) {
            problem = applied.message();
            break;
        }
        undo.push_back(std::move(*inverse));
        const std::string *text = doc.text(path);
        if (text && text->size() > maxTextBytes) {
            problem = "the text would pass " + std::to_string(maxTextBytes) + " bytes";
            break;
        }
    }
    if (!problem.empty())
        for (auto it = undo.rbegin(); it != undo.rend(); ++it)
            (void)doc.apply(*it);
    return problem;
}

json opsJson(const std::vector<EditOp> &ops)
{
    json out = json::array();
    for (const auto &op : ops)
        out.push_back({op.insert ? "i" : "d", op.pos, op.text});
    return out;
}

} // namespace bunny::backend::battles
