#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bunny::rec {
class Document;
}

// The parsing and validation of what a battle client sends, apart from sockets and battles, so
// that the fuzzer (tests/fuzz/fuzz_battlemessages.cpp) runs exactly the code the server runs on
// every incoming message. Nothing here throws on any input.
namespace bunny::backend::battles {

enum class MessageType { Ready, Edit, Cursor, Language, Submit, Resign, Chat, Ping, Unknown };

/// One op of an edit: ["i"|"d", pos, text], pos a byte offset.
struct EditOp
{
    bool insert = true;
    std::int64_t pos = 0;
    std::string text;
    bool wellFormed = true; // false: the op as sent was not ["i"|"d", count, string]; it never fits
};

/// A message that parsed as a JSON object with a string "type". Its fields are checked for the
/// type; when they do not fit, `invalid` says why and the battle answers `bad_message` at the
/// point its protocol says (after the role and state checks that come first).
struct ClientMessage
{
    MessageType type = MessageType::Unknown;
    std::string typeName;     // as sent
    bool namesPlayer = false; // a "player" key is present: it must name the sender
    std::string player;       // its value when a string, else empty (never a player)
    std::string invalid;      // empty: every field fits the type
    std::int64_t rev = 0;     // edit
    std::vector<EditOp> ops;  // edit
    std::int64_t anchor = 0;  // cursor
    std::int64_t caret = 0;   // cursor
    std::string language;     // language
    std::string text;         // chat
};

/// A message refused before any battle sees it.
struct MessageError
{
    std::string code; // bad_json | bad_message
    std::string message;
};

/// Most ops one edit may carry.
inline constexpr std::size_t kMaxEditOps = 1000;

/// Parses one text message. Refused outright (bad_json) when it is not JSON, not UTF-8 or nested
/// deeper than a flat message needs, and (bad_message) when it is not an object with a string
/// "type"; otherwise the fields are checked for the type (see ClientMessage::invalid).
/// chatBytes bounds a chat text.
std::optional<ClientMessage> parseClientMessage(std::string_view text, std::size_t chatBytes,
                                                MessageError &error);

/// Applies an edit's ops in order, each to the text the previous one left, to path in doc: all
/// of them or, when one does not fit (past the end, inside a character, deleted text differs)
/// or the text would pass maxTextBytes, none. Returns what did not fit; empty on success.
std::string applyEditOps(bunny::rec::Document &doc, const std::string &path, const std::vector<EditOp> &ops,
                         std::size_t maxTextBytes);

/// The ops as the protocol writes them, for relaying an applied edit.
nlohmann::json opsJson(const std::vector<EditOp> &ops);

} // namespace bunny::backend::battles
