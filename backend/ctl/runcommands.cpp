#include "ctl/runcommands.h"

#include <sandbox/languages.h>
#include <sandbox/runjson.h>
#include <sandbox/sandboxfactory.h>

#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>

namespace bunny::backend {

namespace fs = std::filesystem;

namespace {

bool readWholeFile(const std::string &path, std::string &text)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return false;
    std::ostringstream buffer;
    buffer << in.rdbuf();
    text = buffer.str();
    return true;
}

std::string languageFromExtension(const std::string &path)
{
    const std::string extension = fs::path(path).extension().string();
    for (const auto &spec : sandbox::languageTable()) {
        for (const auto &known : spec.extensions) {
            if (known == extension)
                return spec.id;
        }
    }
    return {};
}

bool parseNumber(const std::string &text, std::int64_t &value)
{
    try {
        size_t used = 0;
        value = std::stoll(text, &used);
        return used == text.size() && value > 0;
    } catch (...) {
        return false;
    }
}

} // namespace

const char *runCommandUsage()
{
    return "  run [--language L] FILE [--stdin FILE] [--json] [--sandbox auto|native|docker]\n"
           "      [--cpu-ms N] [--wall-ms N] [--memory-kb N]\n"
           "                        run FILE in the sandbox on this host\n";
}

int runRunCommand(const std::vector<std::string> &args, std::ostream &out, std::ostream &err)
{
    std::string language, file, stdinFile;
    bool json = false;
    sandbox::SandboxOptions options;
    options.prepared = 0; // one run: nothing to prepare ahead
    sandbox::Job job;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string &arg = args[i];
        const bool hasValue = i + 1 < args.size();
        std::int64_t *limit = arg == "--cpu-ms"      ? &job.limits.cpuMs
                              : arg == "--wall-ms"   ? &job.limits.wallMs
                              : arg == "--memory-kb" ? &job.limits.memoryKb
                                                     : nullptr;
        if (arg == "--json") {
            json = true;
        } else if ((arg == "--language" || arg == "-l") && hasValue) {
            language = args[++i];
        } else if (arg == "--stdin" && hasValue) {
            stdinFile = args[++i];
        } else if (arg == "--sandbox" && hasValue) {
            options.backend = args[++i];
        } else if (limit && hasValue) {
            if (!parseNumber(args[++i], *limit)) {
                err << "bunnyctl run: " << arg << " needs a positive number\n";
                return 2;
            }
        } else if (!arg.empty() && arg[0] == '-') {
            err << "bunnyctl run: unknown or incomplete option '" << arg << "'\nusage:\n"
                << runCommandUsage();
            return 2;
        } else if (file.empty()) {
            file = arg;
        } else {
            err << "bunnyctl run: one FILE only\n";
            return 2;
        }
    }
    if (file.empty()) {
        err << "bunnyctl run: which file?\nusage:\n" << runCommandUsage();
        return 2;
    }
    if (language.empty())
        language = languageFromExtension(file);
    if (language.empty()) {
        err << "bunnyctl run: cannot tell the language of '" << file << "': pass --language\n";
        return 2;
    }
    std::string source;
    if (!readWholeFile(file, source)) {
        err << "bunnyctl run: cannot read '" << file << "'\n";
        return 2;
    }
    if (!stdinFile.empty() && !readWholeFile(stdinFile, job.stdinData)) {
        err << "bunnyctl run: cannot read '" << stdinFile << "'\n";
        return 2;
    }
    job.language = language;
    job.entry = fs::path(file).filename().string();
    job.files[job.entry] = source;

    auto box = sandbox::createSandbox(options);
    if (!box) {
        err << "bunnyctl run: " << box.message() << '\n';
        return 1;
    }
    auto valid = sandbox::validateJob(job);
    if (!valid) {
        err << "bunnyctl run: " << valid.message() << '\n';
        return 2;
    }
    const sandbox::RunResult result = (*box)->run(job);
    if (json) {
        out << sandbox::toJson(result).dump(2) << '\n';
    } else {
        if (result.compile && !result.compile->output.empty())
            err << result.compile->output;
        out << result.stdoutText;
        err << result.stderrText;
        err << "bunnyctl: " << sandbox::statusName(result.status);
        if (result.status == sandbox::Status::InternalError)
            err << " (" << result.message << ")";
        err << ", exit " << result.exitCode;
        if (result.signal)
            err << ", " << *result.signal;
        err << ", " << result.timeMs << " ms, cpu " << result.cpuMs << " ms, " << result.memoryKb << " KiB ["
            << (*box)->backendName() << "]\n";
    }
    return result.status == sandbox::Status::Ok ? 0 : 1;
}

} // namespace bunny::backend
