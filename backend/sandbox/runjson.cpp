#include "sandbox/runjson.h"

namespace bunny::sandbox {

// Here rather than with the sandbox, so that parsing and printing runs needs nothing else
// (tests/fuzz links this file alone).
const char *statusName(Status status)
{
    switch (status) {
    case Status::Ok:
        return "ok";
    case Status::CompileError:
        return "compile_error";
    case Status::RuntimeError:
        return "runtime_error";
    case Status::TimeLimit:
        return "time_limit";
    case Status::MemoryLimit:
        return "memory_limit";
    case Status::OutputLimit:
        return "output_limit";
    case Status::InternalError:
        return "internal_error";
    }
    return "internal_error";
}

nlohmann::json toJson(const RunResult &result)
{
    nlohmann::json out = {
        {"status", statusName(result.status)},
        {"exit_code", result.exitCode},
        {"signal", result.signal ? nlohmann::json(*result.signal) : nlohmann::json(nullptr)},
        {"stdout", result.stdoutText},
        {"stderr", result.stderrText},
        {"stdout_truncated", result.stdoutTruncated},
        {"stderr_truncated", result.stderrTruncated},
        {"time_ms", result.timeMs},
        {"cpu_ms", result.cpuMs},
        {"memory_kb", result.memoryKb},
    };
    if (result.compile) {
        out["compile"] = {{"status", statusName(result.compile->status)},
                          {"exit_code", result.compile->exitCode},
                          {"output", result.compile->output},
                          {"output_truncated", result.compile->outputTruncated},
                          {"time_ms", result.compile->timeMs}};
    }
    if (result.status == Status::InternalError && !result.message.empty())
        out["message"] = result.message;
    // Program output is arbitrary bytes; the JSON must stay valid UTF-8.
    return nlohmann::json::parse(out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

nlohmann::json toJson(const std::vector<LanguageInfo> &languages)
{
    nlohmann::json out = nlohmann::json::array();
    for (const auto &language : languages) {
        out.push_back({{"id", language.id},
                       {"name", language.name},
                       {"version", language.version},
                       {"extensions", language.extensions},
                       {"compiled", language.compiled}});
    }
    return out;
}

namespace {

Result<std::int64_t> limitField(const nlohmann::json &limits, const char *name)
{
    if (!limits.contains(name) || limits[name].is_null())
        return std::int64_t{0};
    if (!limits[name].is_number_integer() || limits[name].get<std::int64_t>() < 0)
        return makeError(std::string("limits.") + name + " must be a non-negative integer");
    return limits[name].get<std::int64_t>();
}

} // namespace

Result<Job> jobFromJson(const nlohmann::json &body)
{
    if (!body.is_object())
        return makeError("the body must be a JSON object");
    Job job;
    if (!body.contains("language") || !body["language"].is_string())
        return makeError("'language' is required (a string)");
    job.language = body["language"].get<std::string>();
    if (!body.contains("files") || !body["files"].is_object())
        return makeError("'files' is required (an object of path: text)");
    for (const auto &[path, text] : body["files"].items()) {
        if (!text.is_string())
            return makeError("files['" + path + "'] must be a string");
        job.files[path] = text.get<std::string>();
    }
    if (body.contains("entry") && !body["entry"].is_null()) {
        if (!body["entry"].is_string())
            return makeError("'entry' must be a string");
        job.entry = body["entry"].get<std::string>();
    }
    if (body.contains("stdin") && !body["stdin"].is_null()) {
        if (!body["stdin"].is_string())
            return makeError("'stdin' must be a string");
        job.stdinData = body["stdin"].get<std::string>();
    }
    if (body.contains("limits") && !body["limits"].is_null()) {
        const auto &limits = body["limits"];
        if (!limits.is_object())
            return makeError("'limits' must be an object");
        for (auto [name, field] : {std::pair<const char *, std::int64_t *>{"cpu_ms", &job.limits.cpuMs},
                                   {"wall_ms", &job.limits.wallMs},
                                   {"memory_kb", &job.limits.memoryKb},
                                   {"processes", &job.limits.processes},
                                   {"output_kb", &job.limits.outputKb}}) {
            auto value = limitField(limits, name);
            if (!value)
                return value.error();
            *field = *value;
        }
    }
    return job;
}

} // namespace bunny::sandbox
