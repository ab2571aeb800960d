// libFuzzer target: the REST request bodies, through the same parsing and validation the
// handlers call (backend/http/requestbodies.h, the recording inspector, the run request).
//
// The first byte picks the route; the rest is the body. For a version upload the body's first
// line is the Content-Type header (so mutations reach the boundary parameter too). A bad body
// must end in ApiError with a 4xx status, as the server answers it; any other exception (which
// the server would turn into a 500), a crash, a leak or a sanitizer report is a bug.
#include "http/apierror.h"
#include "http/recordinginspector.h"
#include "http/requestbodies.h"

#include <sandbox/runjson.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>

namespace http = bunny::backend::http;

namespace {

constexpr std::int64_t kLimit = 1 << 20;

enum Route : std::uint8_t {
    Register,
    Login,
    Project,
    RecordingPatch,
    RecordingUpload,
    VersionUpload,
    Run,
    RefreshToken,
    PasswordChange,
    BattleCreate,
    QuickMatch,
    InviteCode,
    RouteCount
};

void parse(Route route, std::string_view body)
{
    switch (route) {
    case Register:
        (void)http::parseRegistration(http::parseJsonObject(body));
        break;
    case Login:
        (void)http::parseCredentials(http::parseJsonObject(body));
        break;
    case Project: {
        bunny::backend::storage::ProjectRow p;
        http::applyProjectFields(http::parseJsonObject(body), p);
        break;
    }
    case RecordingPatch:
        (void)http::parseRecordingChanges(http::parseJsonObject(body));
        break;
    case RecordingUpload: {
        const bool gzipHeader = !body.empty() && (body[0] & 1);
        const std::string bytes =
            http::decodeRecordingUpload(std::string(body), gzipHeader ? "gzip" : "identity", kLimit);
        (void)http::inspectRecording(bytes);
        break;
    }
    case VersionUpload: {
        const auto newline = std::min(body.find('\n'), body.size());
        std::istringstream in{std::string(body.substr(std::min(newline + 1, body.size())))};
        (void)http::parseVersionUpload(in, std::string(body.substr(0, newline)), kLimit, kLimit);
        break;
    }
    case Run: {
        const auto job = bunny::sandbox::jobFromJson(http::parseJsonObject(body));
        if (!job)
            throw http::badRequest(job.message());
        break;
    }
    case RefreshToken:
        (void)http::requireString(http::parseJsonObject(body), "refresh_token");
        break;
    case PasswordChange:
        (void)http::parsePasswordChange(http::parseJsonObject(body));
        break;
    case BattleCreate:
        (void)http::parseBattleCreation(http::parseJsonObject(body));
        break;
    case QuickMatch:
        (void)http::parseQuickMatch(http::parseJsonObject(body));
        break;
    case InviteCode:
        (void)http::parseInviteCode(http::parseJsonObject(body));
        break;
    case RouteCount:
        break;
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0)
        return 0;
    const auto route = Route(data[0] % RouteCount);
    const std::string_view body(reinterpret_cast<const char *>(data + 1), size - 1);
    try {
        parse(route, body);
    } catch (const http::ApiError &e) {
        if (e.status() < 400 || e.status() >= 500)
            std::abort(); // the server would answer a bad body with a non-4xx status
    }
    return 0;
}
