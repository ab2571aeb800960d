#include "scale/runwire.h"

namespace bunny::backend::scale {

using sandbox::Status;

nlohmann::json jobToJson(const sandbox::Job &job)
{
    nlohmann::json files = nlohmann::json::object();
    for (const auto &[path, text] : job.files)
        files[path] = text;
    // Files and stdin are arbitrary bytes on the way in too; keep the JSON valid.
    const nlohmann::json out = {
        {"language", job.language},
        {"files", files},
        {"entry", job.entry},
        {"stdin", job.stdinData},
        {"limits",
         {{"cpu_ms", job.limits.cpuMs},
          {"wall_ms", job.limits.wallMs},
          {"memory_kb", job.limits.memoryKb},
          {"processes", job.limits.processes},
          {"output_kb", job.limits.outputKb}}},
    };
    return nlohmann::json::parse(out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

namespace {

Result<Status> statusFromName(const std::string &name)
{
    for (auto status : {Status::Ok, Status::CompileError, Status::RuntimeError, Status::TimeLimit,
                        Status::MemoryLimit, Status::OutputLimit, Status::InternalError}) {
        if (name == sandbox::statusName(status))
            return status;
    }
    return makeError("unknown run status '" + name + "'");
}

} // namespace

Result<sandbox::RunResult> resultFromJson(const nlohmann::json &json)
{
    try {
        sandbox::RunResult result;
        auto status = statusFromName(json.at("status").get<std::string>());
        if (!status)
            return status.error();
        result.status = *status;
        result.exitCode = json.at("exit_code").get<int>();
        if (!json.at("signal").is_null())
            result.signal = json.at("signal").get<std::string>();
        result.stdoutText = json.at("stdout").get<std::string>();
        result.stderrText = json.at("stderr").get<std::string>();
        result.stdoutTruncated = json.at("stdout_truncated").get<bool>();
        result.stderrTruncated = json.at("stderr_truncated").get<bool>();
        result.timeMs = json.at("time_ms").get<long>();
        result.cpuMs = json.at("cpu_ms").get<long>();
        result.memoryKb = json.at("memory_kb").get<long>();
        if (json.contains("compile")) {
            const auto &c = json.at("compile");
            sandbox::CompileResult compile;
            auto compileStatus = statusFromName(c.at("status").get<std::string>());
            if (!compileStatus)
                return compileStatus.error();
            compile.status = *compileStatus;
            compile.exitCode = c.at("exit_code").get<int>();
            compile.output = c.at("output").get<std::string>();
            compile.outputTruncated = c.at("output_truncated").get<bool>();
            compile.timeMs = c.at("time_ms").get<long>();
            result.compile = compile;
        }
        result.message = json.value("message", "");
        return result;
    } catch (const nlohmann::json::exception &e) {
        return makeError(std::string("a run result is malformed: ") + e.what());
    }
}

} // namespace bunny::backend::scale
