#include "ctl/reccommands.h"

#include <recording/recording.h>
#include <recording/summary.h>

#include <charconv>
#include <exception>
#include <optional>
#include <ostream>

namespace bunny::backend {

namespace {

constexpr int kOk = 0;
constexpr int kFailed = 1;
constexpr int kUsage = 2;

int usage(std::ostream &err, const std::string &problem)
{
    err << "bunnyctl rec: " << problem << "\nusage:\n" << recUsage();
    return kUsage;
}

std::optional<rec::Recording> loadOrReport(const std::string &path, std::ostream &err)
{
    auto recording = rec::Recording::load(path);
    if (!recording) {
        // "cannot open PATH: ..." names the file already; other errors get it in front.
        err << "bunnyctl: ";
        if (recording.message().find(path) == std::string::npos)
            err << path << ": ";
        err << recording.message() << '\n';
        return std::nullopt;
    }
    for (const std::string &warning : recording->warnings())
        err << "bunnyctl: warning: " << path << ": " << warning << '\n';
    return std::move(*recording);
}

int info(const std::vector<std::string> &args, std::ostream &out, std::ostream &err)
{
    if (args.size() != 1)
        return usage(err, "info takes one FILE");
    const auto recording = loadOrReport(args[0], err);
    if (!recording)
        return kFailed;
    out << rec::toJson(rec::summarize(*recording)) << '\n';
    return kOk;
}

int text(const std::vector<std::string> &args, std::ostream &out, std::ostream &err)
{
    std::string file;
    std::optional<std::int64_t> at;
    std::optional<std::string> path;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string &arg = args[i];
        if (arg == "--at" || arg == "--file") {
            if (i + 1 == args.size())
                return usage(err, arg + " needs a value");
            const std::string &value = args[++i];
            if (arg == "--file") {
                path = value;
                continue;
            }
            std::int64_t ms = 0;
            const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), ms);
            if (ec != std::errc() || end != value.data() + value.size() || ms < 0)
                return usage(err, "--at takes milliseconds, a non-negative integer, not '" + value + "'");
            at = ms;
        } else if (arg.rfind("--", 0) == 0) {
            return usage(err, "unknown option " + arg);
        } else if (file.empty()) {
            file = arg;
        } else {
            return usage(err, "text takes one FILE");
        }
    }
    if (file.empty() || !at)
        return usage(err, "text needs FILE and --at MS");
    const auto recording = loadOrReport(file, err);
    if (!recording)
        return kFailed;
    const rec::Document doc = recording->stateAt(*at);
    const std::string &wanted = path ? *path : doc.focus();
    if (wanted.empty()) {
        err << "bunnyctl: no file is focused at " << *at << " ms; name one with --file\n";
        return kFailed;
    }
    const std::string *content = doc.text(wanted);
    if (!content) {
        err << "bunnyctl: " << wanted << " does not exist at " << *at << " ms\n";
        return kFailed;
    }
    out.write(content->data(), static_cast<std::streamsize>(content->size()));
    out.flush();
    return out ? kOk : kFailed;
}

int verify(const std::vector<std::string> &args, std::ostream &out, std::ostream &err)
{
    if (args.size() != 1)
        return usage(err, "verify takes one FILE");
    const auto recording = loadOrReport(args[0], err);
    if (!recording)
        return kFailed;
    // load() plays the part before an op that does not fit; the file itself is still invalid.
    if (!recording->stoppedAt().empty()) {
        err << "bunnyctl: " << args[0] << ": " << recording->stoppedAt() << '\n';
        return kFailed;
    }
    out << args[0] << ": valid bunnyrec v1, " << recording->events().size() << " events, "
        << recording->durationMs() << " ms\n";
    return kOk;
}

} // namespace

const char *recUsage()
{
    return "  rec info FILE                      summary of a recording as JSON\n"
           "  rec text FILE --at MS [--file P]   the exact text of a file at MS (default: the focused one)\n"
           "  rec verify FILE                    exit 0 if the recording is valid, else 1 and the reason\n";
}

int runRecCommand(const std::vector<std::string> &args, std::ostream &out, std::ostream &err)
{
    // Nothing may escape to a crash: the library returns errors, this catches the rest (bad_alloc).
    try {
        if (args.empty())
            return usage(err, "which rec command?");
        const std::string &command = args[0];
        if (command == "--help" || command == "-h" || command == "help") {
            out << "usage: bunnyctl rec <command>\n" << recUsage();
            return kOk;
        }
        const std::vector<std::string> rest(args.begin() + 1, args.end());
        if (command == "info")
            return info(rest, out, err);
        if (command == "text")
            return text(rest, out, err);
        if (command == "verify")
            return verify(rest, out, err);
        return usage(err, "unknown rec command '" + command + "'");
    } catch (const std::exception &e) {
        err << "bunnyctl: " << e.what() << '\n';
        return kFailed;
    }
}

} // namespace bunny::backend
