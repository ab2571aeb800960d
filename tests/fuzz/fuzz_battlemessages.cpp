// libFuzzer target: what the battle server does with each text message a client sends
// (backend/battles/clientmessage.h) — the JSON parse, the checks of every message type's fields
// (edit, cursor, language, chat, ready, submit, resign, ping), and an edit's ops applied to a
// player's document all-or-nothing, as Battle::onEdit does — without sockets or a battle.
//
// The first byte picks the document's starting text (empty, ASCII, or multi-byte UTF-8, where
// most offsets fall inside a character); the rest is split at NUL bytes (never valid inside
// JSON) into messages sent one after another to the same document. Refusals are fine; crashes,
// hangs, leaks, sanitizer reports and broken invariants (std::abort below) are bugs.
#include <battles/clientmessage.h>

#include <recording/document.h>
#include <recording/event.h>
#include <recording/utf8.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace battles = bunny::backend::battles;

namespace {

constexpr std::size_t kChatBytes = 500;     // battles.chat_bytes's default
constexpr std::size_t kMaxTextBytes = 4096; // small, so the fuzzer reaches battles.max_text_bytes
const std::string kPath = "main.py";

void check(bool ok)
{
    if (!ok)
        std::abort();
}

/// An applied edit is relayed as opsJson: the opponent's copy must parse to the same ops.
void relayRoundTrip(const battles::ClientMessage &m)
{
    const nlohmann::json relayed = {{"type", "edit"}, {"rev", m.rev}, {"ops", battles::opsJson(m.ops)}};
    battles::MessageError error;
    const auto back = battles::parseClientMessage(relayed.dump(), kChatBytes, error);
    check(back && back->type == battles::MessageType::Edit && back->invalid.empty());
    check(back->rev == m.rev && back->ops.size() == m.ops.size());
    for (std::size_t i = 0; i < m.ops.size(); ++i)
        check(back->ops[i].insert == m.ops[i].insert && back->ops[i].pos == m.ops[i].pos &&
              back->ops[i].text == m.ops[i].text && back->ops[i].wellFormed);
}

void handle(std::string_view text, bunny::rec::Document &doc)
{
    battles::MessageError error;
    const auto m = battles::parseClientMessage(text, kChatBytes, error);
    if (!m) {
        check(error.code == "bad_json" || error.code == "bad_message");
        check(!error.message.empty());
        return;
    }
    if (!m->invalid.empty())
        return;
    switch (m->type) {
    case battles::MessageType::Edit: {
        check(m->rev >= 0 && m->ops.size() <= battles::kMaxEditOps);
        const std::string before = *doc.text(kPath);
        const std::string problem = battles::applyEditOps(doc, kPath, m->ops, kMaxTextBytes);
        const std::string &after = *doc.text(kPath);
        if (!problem.empty()) {
            check(after == before); // all or nothing
            return;
        }
        check(after.size() <= kMaxTextBytes && bunny::rec::utf8::isValid(after));
        relayRoundTrip(*m);
        break;
    }
    case battles::MessageType::Cursor:
        check(m->anchor >= 0 && m->caret >= 0);
        break;
    case battles::MessageType::Chat:
        check(!m->text.empty() && m->text.size() <= kChatBytes);
        break;
    default:
        break;
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0)
        return 0;
    static const char *const kStarters[] = {"", "n = int(input())\n", "é中😀\nprint('ünï')\n"};
    bunny::rec::Document doc;
    if (!doc.apply(bunny::rec::Event::keyframe(0, kPath, kStarters[data[0] % 3])))
        std::abort();
    const std::string_view rest(reinterpret_cast<const char *>(data + 1), size - 1);
    std::size_t from = 0;
    while (from <= rest.size()) {
        const std::size_t nul = rest.find('\0', from);
        const std::size_t to = nul == rest.npos ? rest.size() : nul;
        handle(rest.substr(from, to - from), doc);
        from = to + 1;
    }
    return 0;
}
