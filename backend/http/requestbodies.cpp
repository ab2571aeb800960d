#include "http/requestbodies.h"

#include "auth/accountrules.h"
#include "http/apierror.h"
#include "http/recordinginspector.h"

#include <Poco/InflatingStream.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/MultipartReader.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/Net/NetException.h>
#include <Poco/String.h>

#include <algorithm>
#include <limits>
#include <sstream>

namespace bunny::backend::http {

namespace {

constexpr std::size_t kMaxJsonDepth = 32;

std::string readPart(std::istream &in, std::int64_t limit, const std::string &name)
{
    std::string out;
    char buffer[65536];
    while (in) {
        in.read(buffer, sizeof buffer);
        out.append(buffer, std::size_t(in.gcount()));
        if (std::int64_t(out.size()) > limit)
            throw ApiError(413, "too_large",
                           "The part '" + name + "' is larger than the limit of " + std::to_string(limit) +
                               " bytes.");
    }
    return out;
}

/// A string field when present (any other type is a 400), nullopt when absent.
std::optional<std::string> optionalString(const nlohmann::json &body, const char *field)
{
    if (!body.contains(field))
        return std::nullopt;
    return requireString(body, field);
}

/// A string field, empty when absent or null (the battle routes' convention).
std::string stringOrEmpty(const nlohmann::json &body, const char *field)
{
    if (!body.contains(field) || body[field].is_null())
        return {};
    if (!body[field].is_string())
        throw badRequest(std::string(field) + " must be a string.");
    return body[field].get<std::string>();
}

} // namespace

std::size_t jsonNestingDepth(std::string_view text)
{
    std::size_t depth = 0, deepest = 0;
    bool inString = false, escaped = false;
    for (char c : text) {
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"')
            inString = true;
        else if (c == '[' || c == '{')
            deepest = std::max(deepest, ++depth);
        else if ((c == ']' || c == '}') && depth > 0)
            --depth;
    }
    return deepest;
}

std::string requireString(const nlohmann::json &body, const char *field)
{
    auto it = body.find(field);
    if (it == body.end() || !it->is_string())
        throw badRequest(std::string("The field '") + field + "' is required and must be a string.");
    return it->get<std::string>();
}

nlohmann::json parseJsonObject(std::string_view text, const std::string &what)
{
    if (jsonNestingDepth(text) > kMaxJsonDepth)
        throw badRequest(what + " is nested too deeply (more than " + std::to_string(kMaxJsonDepth) +
                             " levels).",
                         "invalid_json");
    nlohmann::json body = nlohmann::json::parse(text, nullptr, false);
    if (body.is_discarded())
        throw badRequest(what + " is not valid JSON.", "invalid_json");
    if (!body.is_object())
        throw badRequest(what + " must be a JSON object.", "invalid_json");
    return body;
}

Registration parseRegistration(const nlohmann::json &body)
{
    Registration r;
    r.username = requireString(body, "username");
    r.email = requireString(body, "email");
    r.password = requireString(body, "password");
    if (auto problem = auth::checkUsername(r.username))
        throw badRequest(*problem, "invalid_username");
    if (auto problem = auth::checkEmail(r.email))
        throw badRequest(*problem, "invalid_email");
    if (auto problem = auth::checkPassword(r.password, r.username))
        throw badRequest(*problem, "invalid_password");
    return r;
}

Credentials parseCredentials(const nlohmann::json &body)
{
    return {requireString(body, "login"), requireString(body, "password")};
}

void applyProjectFields(const nlohmann::json &body, storage::ProjectRow &p)
{
    if (auto name = optionalString(body, "name")) {
        p.name = Poco::trim(*name);
        if (p.name.empty() || p.name.size() > 100)
            throw badRequest("The name must be 1 to 100 bytes long.", "invalid_name");
    }
    if (auto description = optionalString(body, "description")) {
        p.description = *description;
        if (p.description.size() > 10000)
            throw badRequest("The description must be at most 10000 bytes long.", "invalid_description");
    }
    if (auto visibility = optionalString(body, "visibility"))
        p.visibility = checkVisibility(*visibility);
}

std::string checkVisibility(const std::string &v)
{
    if (v != "public" && v != "private")
        throw badRequest("visibility must be 'public' or 'private'.", "invalid_visibility");
    return v;
}

std::string checkTitle(const std::string &t)
{
    if (t.size() > 200)
        throw badRequest("The title must be at most 200 bytes long.", "invalid_title");
    return t;
}

RecordingChanges parseRecordingChanges(const nlohmann::json &body)
{
    RecordingChanges c;
    if (auto title = optionalString(body, "title"))
        c.title = checkTitle(*title);
    if (auto visibility = optionalString(body, "visibility"))
        c.visibility = checkVisibility(*visibility);
    return c;
}

std::string decodeRecordingUpload(std::string bytes, const std::string &contentEncoding, std::int64_t limit)
{
    const std::string encoding = Poco::toLower(Poco::trim(contentEncoding));
    if (encoding != "identity" && encoding != "gzip")
        throw ApiError(415, "unsupported_media_type", "Content-Encoding must be gzip or absent.");
    if (encoding == "gzip" && !isGzip(bytes))
        throw badRequest("The body is not gzip data, yet Content-Encoding says gzip.", "invalid_gzip");
    // A .bunnyrec may itself be gzip-compressed on disk; it is stored uncompressed either way.
    if (isGzip(bytes))
        bytes = gunzip(bytes, limit);
    if (bytes.empty())
        throw badRequest("The body is empty: send the .bunnyrec file.", "invalid_recording");
    return bytes;
}

VersionUpload parseVersionUpload(std::istream &in, const std::string &contentType, std::int64_t archiveLimit,
                                 std::int64_t jsonLimit)
{
    std::string type;
    Poco::Net::NameValueCollection params;
    Poco::Net::MessageHeader::splitParameters(contentType, type, params);
    if (Poco::toLower(type) != "multipart/form-data" || !params.has("boundary"))
        throw ApiError(
            415, "unsupported_media_type",
            "Send a version as multipart/form-data with a 'meta' JSON part and an 'archive' tar.gz part.");
    VersionUpload upload;
    bool haveMeta = false, haveArchive = false;
    try {
        Poco::Net::MultipartReader reader(in, params.get("boundary"));
        int parts = 0;
        while (reader.hasNextPart()) {
            // A cut-off body can make Poco's reader report empty parts forever: bound them.
            if (++parts > 8)
                throw ApiError(400, "bad_request", "A version upload has at most 8 parts.");
            Poco::Net::MessageHeader header;
            reader.nextPart(header);
            std::string disposition;
            Poco::Net::NameValueCollection dispParams;
            Poco::Net::MessageHeader::splitParameters(header.get("Content-Disposition", ""), disposition,
                                                      dispParams);
            const std::string name = dispParams.get("name", "");
            if (name == "meta") {
                upload.meta = parseJsonObject(readPart(reader.stream(), jsonLimit, name), "The meta part");
                haveMeta = true;
            } else if (name == "archive") {
                upload.archive = readPart(reader.stream(), archiveLimit, name);
                haveArchive = true;
            } else {
                readPart(reader.stream(), 1 << 20, name); // skipped, but bounded
            }
        }
    } catch (const Poco::Net::MultipartException &e) {
        throw badRequest("The multipart body is malformed: " + e.message(), "invalid_multipart");
    } catch (const Poco::Net::MessageException &e) {
        throw badRequest("The multipart body is malformed: " + e.message(), "invalid_multipart");
    }
    if (!haveMeta || !haveArchive)
        throw badRequest("A version needs both a 'meta' part and an 'archive' part.", "invalid_multipart");
    upload.commit = optionalString(upload.meta, "commit").value_or("");
    upload.message = optionalString(upload.meta, "message").value_or("");
    const bool hex =
        !upload.commit.empty() && upload.commit.find_first_not_of("0123456789abcdef") == std::string::npos;
    if (!hex || (upload.commit.size() != 40 && upload.commit.size() != 64))
        throw badRequest("meta.commit must be a full git commit id (40 or 64 lowercase hex digits).",
                         "invalid_commit");
    if (upload.message.size() > 65536)
        throw badRequest("meta.message must be at most 65536 bytes long.", "invalid_message");
    checkTarGz(upload.archive);
    return upload;
}

void checkTarGz(const std::string &archive)
{
    if (!isGzip(archive))
        throw badRequest("The archive must be a tar.gz (gzip data).", "invalid_archive");
    std::istringstream in(archive);
    Poco::InflatingInputStream inflater(in, Poco::InflatingStreamBuf::STREAM_GZIP);
    char block[512] = {};
    try {
        inflater.read(block, sizeof block);
    } catch (const Poco::Exception &) {
        throw badRequest("The archive's gzip data is damaged.", "invalid_archive");
    }
    const bool zero = std::all_of(std::begin(block), std::end(block), [](char c) { return c == 0; });
    if (inflater.gcount() != 512 || !(zero || std::string_view(block + 257, 5) == "ustar"))
        throw badRequest("The archive holds no tar data.", "invalid_archive");
}

PasswordChange parsePasswordChange(const nlohmann::json &body)
{
    return {requireString(body, "current_password"), requireString(body, "new_password")};
}

BattleCreation parseBattleCreation(const nlohmann::json &body)
{
    BattleCreation form;
    form.problem = stringOrEmpty(body, "problem");
    form.level = stringOrEmpty(body, "level");
    form.language = requireString(body, "language");
    form.visibility = stringOrEmpty(body, "visibility");
    if (form.visibility.empty())
        form.visibility = "public";
    if (body.contains("time_limit_s") && !body["time_limit_s"].is_null()) {
        const auto &limit = body["time_limit_s"];
        if (!limit.is_number_integer())
            throw badRequest("time_limit_s must be a whole number of seconds.");
        // An unsigned above int64 reads as negative here: refused like any non-positive limit.
        const std::int64_t seconds =
            limit.is_number_unsigned() &&
                    limit.get<std::uint64_t>() > std::uint64_t(std::numeric_limits<std::int64_t>::max())
                ? -1
                : limit.get<std::int64_t>();
        form.timeLimitS = seconds > 0 ? seconds : -1;
    }
    if (body.contains("no_outside_paste")) {
        if (!body["no_outside_paste"].is_boolean())
            throw badRequest("no_outside_paste must be true or false.");
        form.noPaste = body["no_outside_paste"].get<bool>();
    }
    return form;
}

QuickMatch parseQuickMatch(const nlohmann::json &body)
{
    return {stringOrEmpty(body, "level"), requireString(body, "language")};
}

std::string parseInviteCode(const nlohmann::json &body)
{
    return requireString(body, "invite_code");
}

} // namespace bunny::backend::http
