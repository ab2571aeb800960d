#include "sandbox/boxedsandbox.h"

#include "sandbox/seccompfilter.h"

#include <algorithm>
#include <csignal>
#include <sys/resource.h>

namespace bunny::sandbox {

namespace {

constexpr size_t kMaxFiles = 64;
constexpr size_t kMaxTotalBytes = 1 << 20;
constexpr size_t kMaxStdinBytes = 8u << 20;

bool safePath(const std::string &path)
{
    // A leading '-' would reach a compiler's command line as an option ({entry}), e.g. -fplugin=.
    if (path.empty() || path.size() > 200 || path[0] == '/' || path[0] == '-' || path.back() == '/')
        return false;
    size_t start = 0;
    while (start <= path.size()) {
        const size_t slash = std::min(path.find('/', start), path.size());
        const std::string part = path.substr(start, slash - start);
        if (part.empty() || part == "." || part == "..")
            return false;
        start = slash + 1;
    }
    for (unsigned char c : path) {
        if (c < 0x20 || c == 0x7f || c == '\\')
            return false;
    }
    return true;
}

bool endsWith(const std::string &text, const std::string &suffix)
{
    return text.size() >= suffix.size() &&
           text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

} // namespace

Result<std::string> validateJob(const Job &job)
{
    const LanguageSpec *spec = findLanguage(job.language);
    if (!spec || !detectLanguage(job.language))
        return makeError("language '" + job.language + "' is not available here");
    if (job.files.empty())
        return makeError("no files to run");
    if (job.files.size() > kMaxFiles)
        return makeError("too many files (at most " + std::to_string(kMaxFiles) + ")");
    size_t total = 0;
    for (const auto &[path, text] : job.files) {
        if (!safePath(path))
            return makeError("bad file path '" + path + "': use a relative path without '..'");
        total += text.size();
    }
    if (total > kMaxTotalBytes)
        return makeError("the files are too large (at most 1 MiB in all)");
    if (job.stdinData.size() > kMaxStdinBytes)
        return makeError("stdin is too large (at most 8 MiB)");
    if (!job.entry.empty()) {
        if (!job.files.count(job.entry))
            return makeError("the entry file '" + job.entry + "' is not among the files");
        return job.entry;
    }
    if (job.files.count(spec->defaultEntry))
        return spec->defaultEntry;
    if (job.files.size() == 1)
        return job.files.begin()->first;
    for (const auto &[path, text] : job.files) {
        for (const auto &extension : spec->extensions) {
            if (endsWith(path, extension))
                return path;
        }
    }
    return makeError("cannot tell which file to run: name it in 'entry'");
}

std::string signalName(int signal)
{
    // Poco builds with _XOPEN_SOURCE, which hides sigabbrev_np.
    static constexpr const char *kNames[] = {
        nullptr, "HUP",  "INT",  "QUIT", "ILL",    "TRAP",   "ABRT",  "BUS",  "FPE",  "KILL", "USR1",
        "SEGV",  "USR2", "PIPE", "ALRM", "TERM",   "STKFLT", "CHLD",  "CONT", "STOP", "TSTP", "TTIN",
        "TTOU",  "URG",  "XCPU", "XFSZ", "VTALRM", "PROF",   "WINCH", "IO",   "PWR",  "SYS"};
    if (signal > 0 && signal < static_cast<int>(std::size(kNames)))
        return std::string("SIG") + kNames[signal];
    return "SIG" + std::to_string(signal);
}

BoxedSandbox::BoxedSandbox(Settings settings)
    : m_settings(std::move(settings))
{
    signal(SIGPIPE, SIG_IGN); // a box that dies while we write its stdin must not kill the server
    m_disposer = std::thread([this] {
        std::unique_lock lock(m_disposeMutex);
        for (;;) {
            m_disposeWake.wait(lock, [this] { return m_disposerStopping || !m_disposals.empty(); });
            if (m_disposals.empty())
                return;
            std::unique_ptr<Box> box = std::move(m_disposals.front());
            m_disposals.pop_front();
            lock.unlock();
            box.reset();
            lock.lock();
        }
    });
}

BoxedSandbox::~BoxedSandbox()
{
    stopDisposer();
}

void BoxedSandbox::stopDisposer()
{
    {
        std::lock_guard lock(m_disposeMutex);
        m_disposerStopping = true;
    }
    m_disposeWake.notify_all();
    if (m_disposer.joinable())
        m_disposer.join();
}

void BoxedSandbox::dispose(std::unique_ptr<Box> box)
{
    {
        std::lock_guard lock(m_disposeMutex);
        if (!m_disposerStopping) {
            m_disposals.push_back(std::move(box));
            box = nullptr;
        }
    }
    m_disposeWake.notify_one();
    box.reset(); // after shutdown: destroyed here
}

std::vector<LanguageInfo> BoxedSandbox::languages()
{
    return detectLanguages();
}

BoxSpec BoxedSandbox::makeSpec(const LanguageSpec &language, Step step, const Limits &limits) const
{
    BoxSpec spec;
    spec.limits = limits;
    spec.env = {"PATH=/usr/local/bin:/usr/bin:/bin", "HOME=/tmp", "TMPDIR=/tmp", "LANG=C.UTF-8",
                "USER=runner"};
    spec.env.insert(spec.env.end(), language.env.begin(), language.env.end());
    auto seccomp = compiledSeccompFilter();
    if (seccomp)
        spec.seccomp = *seccomp;
    const std::int64_t cpuSeconds = (limits.cpuMs + 999) / 1000;
    spec.rlimits = {{RLIMIT_CPU, cpuSeconds},
                    {RLIMIT_FSIZE, limits.fileSizeKb * 1024},
                    {RLIMIT_NOFILE, 256},
                    {RLIMIT_CORE, 0}};
    if (hasPrivateUid()) {
        // Counts the box's threads too (bwrap and the stub add two): a backstop to the pids cgroup.
        spec.rlimits.push_back({RLIMIT_NPROC, limits.processes + 4});
    }
    if (!hasResourceGroups() && language.usesAddressSpace)
        spec.rlimits.push_back({RLIMIT_AS, limits.memoryKb * 1024});
    spec.mergeStdout = step == Step::Compile;
    return spec;
}

namespace {

Status verdictOf(const BoxOutcome &outcome, const Limits &limits, std::string &message)
{
    if (!outcome.internalError.empty()) {
        message = outcome.internalError;
        return Status::InternalError;
    }
    if (outcome.oomKilled)
        return Status::MemoryLimit;
    if (outcome.reason == "setup") {
        message = outcome.stderrText;
        return Status::InternalError;
    }
    const std::uint64_t outputLimit = static_cast<std::uint64_t>(limits.outputKb) * 1024;
    if (outcome.reason == "output" || outcome.stdoutBytes > outputLimit || outcome.stderrBytes > outputLimit)
        return Status::OutputLimit;
    if (outcome.reason == "wall" || outcome.reason == "lost" || outcome.cpuExceeded ||
        outcome.signal == SIGXCPU || outcome.cpuUs >= limits.cpuMs * 1000)
        return Status::TimeLimit;
    if (outcome.signal != 0 || outcome.exitCode != 0)
        return Status::RuntimeError;
    return Status::Ok;
}

} // namespace

bool BoxedSandbox::build(const Job &job, const LanguageSpec &language, const std::string &entry,
                         std::vector<BoxFile> &files, BatchResult &batch)
{
    if (language.compile.empty())
        return true;
    Limits compileStep = compileLimits();
    BoxSpec spec = makeSpec(language, Step::Compile, compileStep);
    spec.files = files;
    spec.argv = expandCommand(language.compile, entry);
    spec.collect = language.collect;
    auto box = acquireBox(Step::Compile, job.language, compileStep);
    if (!box) {
        batch.status = Status::InternalError;
        batch.message = box.message();
        return false;
    }
    const BoxOutcome compiled = (*box)->execute(spec);
    dispose(std::move(*box));
    std::string message;
    const Status status = verdictOf(compiled, compileStep, message);
    CompileResult compile;
    compile.exitCode = compiled.exitCode;
    compile.output = compiled.stderrText;
    compile.outputTruncated = compiled.stderrBytes > compiled.stderrText.size();
    compile.timeMs = static_cast<long>(compiled.wallUs / 1000);
    if (status == Status::InternalError) {
        batch.status = Status::InternalError;
        batch.message = "compiler box failed: " + message;
        return false;
    }
    if (status != Status::Ok) {
        compile.status = Status::CompileError;
        if (status == Status::TimeLimit)
            compile.output += "\n[the compiler ran out of time]\n";
        else if (status == Status::MemoryLimit)
            compile.output += "\n[the compiler ran out of memory]\n";
        batch.status = Status::CompileError;
        batch.compile = compile;
        return false;
    }
    batch.compile = compile;
    for (const auto &artifact : compiled.artifacts)
        files.push_back(artifact);
    return true;
}

RunResult BoxedSandbox::runStep(const Job &job, const LanguageSpec &language, const std::string &entry,
                                std::vector<BoxFile> files, const Limits &limits,
                                const std::string &stdinData)
{
    RunResult result;
    BoxSpec spec = makeSpec(language, Step::Run, limits);
    spec.files = std::move(files);
    spec.argv = expandCommand(language.run, entry);
    spec.stdinData = stdinData;
    auto box = acquireBox(Step::Run, job.language, limits);
    if (!box) {
        result.message = box.message();
        return result;
    }
    const BoxOutcome outcome = (*box)->execute(spec);
    dispose(std::move(*box));
    result.status = verdictOf(outcome, limits, result.message);
    result.exitCode = outcome.exitCode;
    if (outcome.signal != 0)
        result.signal = signalName(outcome.signal);
    else if (outcome.oomKilled || outcome.reason == "wall" || outcome.reason == "output" ||
             outcome.reason == "lost")
        result.signal = "SIGKILL";
    result.stdoutText = outcome.stdoutText;
    result.stderrText = outcome.stderrText;
    result.stdoutTruncated = outcome.stdoutBytes > outcome.stdoutText.size();
    result.stderrTruncated = outcome.stderrBytes > outcome.stderrText.size();
    result.timeMs = static_cast<long>(outcome.wallUs / 1000);
    result.cpuMs = static_cast<long>(outcome.cpuUs / 1000);
    result.memoryKb = static_cast<long>(outcome.memoryKb);
    return result;
}

namespace {

std::vector<BoxFile> jobFiles(const Job &job)
{
    std::vector<BoxFile> files;
    for (const auto &[path, text] : job.files)
        files.push_back({path, text, 0644});
    return files;
}

} // namespace

RunResult BoxedSandbox::run(const Job &job)
{
    RunResult result;
    const auto entry = validateJob(job);
    if (!entry) {
        result.message = entry.message();
        return result;
    }
    const LanguageSpec &language = *findLanguage(job.language);
    const Limits limits = Limits::clamp(job.limits, m_settings.defaults, m_settings.maxima);
    std::vector<BoxFile> files = jobFiles(job);
    BatchResult built;
    if (!build(job, language, *entry, files, built)) {
        result.status = built.status;
        result.message = built.message;
        result.compile = built.compile;
        if (built.compile)
            result.exitCode = built.compile->exitCode;
        return result;
    }
    result = runStep(job, language, *entry, std::move(files), limits, job.stdinData);
    result.compile = built.compile;
    return result;
}

BatchResult BoxedSandbox::runBatch(const Job &job, const std::vector<std::string> &inputs,
                                   const BatchProceed &proceed)
{
    BatchResult batch;
    const auto entry = validateJob(job);
    if (!entry) {
        batch.message = entry.message();
        return batch;
    }
    for (const auto &input : inputs) {
        if (input.size() > kMaxStdinBytes) {
            batch.message = "an input is too large (at most 8 MiB)";
            return batch;
        }
    }
    const LanguageSpec &language = *findLanguage(job.language);
    const Limits limits = Limits::clamp(job.limits, m_settings.defaults, m_settings.maxima);
    std::vector<BoxFile> files = jobFiles(job);
    if (!build(job, language, *entry, files, batch))
        return batch;
    batch.status = Status::Ok;
    for (size_t i = 0; i < inputs.size(); ++i) {
        batch.runs.push_back(runStep(job, language, *entry, files, limits, inputs[i]));
        if (!proceed(i, batch.runs.back()))
            break;
    }
    return batch;
}

} // namespace bunny::sandbox
