#pragma once

#include "storage/projectstore.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <string_view>

// The parsing and validation of request bodies, apart from the handlers, so that a fuzzer
// (tests/fuzz/fuzz_restbodies.cpp) runs exactly what the server runs on untrusted bytes.
// Every function throws ApiError (400, 413, 415) for bad input and nothing else.
namespace bunny::backend::http {

/// Deepest nesting of arrays and objects in JSON text (strings skipped), for refusing
/// bodies that would exhaust a parser's stack before parsing them.
std::size_t jsonNestingDepth(std::string_view text);

/// A required string field of a JSON body; 400 when absent or not a string.
std::string requireString(const nlohmann::json &body, const char *field);

/// JSON text of a body (or a multipart part) as an object, refused before parsing when nested
/// deeper than 32 levels; `what` names it in the error ("The body", "The meta part").
nlohmann::json parseJsonObject(std::string_view text, const std::string &what = "The body");

struct Registration
{
    std::string username, email, password;
};
/// POST /auth/register: the three fields, checked against the account rules.
Registration parseRegistration(const nlohmann::json &body);

struct Credentials
{
    std::string login, password;
};
/// POST /auth/login.
Credentials parseCredentials(const nlohmann::json &body);

/// POST and PATCH /projects: applies the fields present (name, description, visibility).
void applyProjectFields(const nlohmann::json &body, storage::ProjectRow &p);

std::string checkVisibility(const std::string &v);
std::string checkTitle(const std::string &t);

struct RecordingChanges
{
    std::optional<std::string> title, visibility;
};
/// PATCH /recordings/{id}.
RecordingChanges parseRecordingChanges(const nlohmann::json &body);

/// The uploaded bytes of POST /recordings made plain: gunzipped when gzip (said by
/// Content-Encoding or seen by its magic bytes), within limit, never empty.
std::string decodeRecordingUpload(std::string bytes, const std::string &contentEncoding, std::int64_t limit);

struct VersionUpload
{
    nlohmann::json meta;
    std::string archive;
    std::string commit;  ///< meta.commit, checked
    std::string message; ///< meta.message, checked
};
/// The multipart/form-data body of POST /projects/{id}/versions (a 'meta' JSON part and an
/// 'archive' tar.gz part), read from `in` with parts bounded by the limits, all checked.
VersionUpload parseVersionUpload(std::istream &in, const std::string &contentType, std::int64_t archiveLimit,
                                 std::int64_t jsonLimit);

/// A tar.gz: gzip whose first 512-byte block is a ustar header or the zero end block.
void checkTarGz(const std::string &archive);

struct PasswordChange
{
    std::string current, next;
};
/// POST /me/password: both fields present (the new one is checked against the account rules
/// by the handler, which knows the username).
PasswordChange parsePasswordChange(const nlohmann::json &body);

struct BattleCreation
{
    std::string problem, level, language; ///< problem and level: empty when not given
    std::string visibility = "public";
    std::int64_t timeLimitS = 0; ///< 0: not given; -1: not positive (refused by the hub's range check)
    bool noPaste = false;
};
/// POST /battles: the fields' types; the battle hub checks their values (problem, level,
/// language, time range). A null field counts as absent.
BattleCreation parseBattleCreation(const nlohmann::json &body);

struct QuickMatch
{
    std::string level, language;
};
/// POST /battles/quick.
QuickMatch parseQuickMatch(const nlohmann::json &body);

/// POST /battles/join: the invite code.
std::string parseInviteCode(const nlohmann::json &body);

} // namespace bunny::backend::http
