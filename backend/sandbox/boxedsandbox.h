#pragma once

#include "sandbox/box.h"
#include "sandbox/languages.h"
#include "sandbox/sandbox.h"

#include <core/result.h>

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

namespace bunny::sandbox {

/// The part both backends share: compile in one box, run in a fresh one, map what the boxes
/// report to a verdict. Backends only provide boxes.
class BoxedSandbox : public Sandbox
{
public:
    struct Settings
    {
        Limits defaults;                         ///< what a request gets when it asks for nothing
        Limits maxima = Limits::defaultMaxima(); ///< operator caps
        /// Host directories no box may see (the server's problems and data directories); those
        /// under a toolchain mount are masked, as kPackageDataDir always is (hostMaskedPaths()).
        std::vector<std::string> hiddenPaths;
    };

    explicit BoxedSandbox(Settings settings);
    ~BoxedSandbox() override;

    std::vector<LanguageInfo> languages() override;
    RunResult run(const Job &job) override;
    /// Builds once in one box, then runs each input in a fresh box of its own.
    BatchResult runBatch(const Job &job, const std::vector<std::string> &inputs,
                         const BatchProceed &proceed) override;

    const Settings &settings() const { return m_settings; }

protected:
    enum class Step { Compile, Run };
    /// A single-use box for a step of `language` whose limits are given (the box's tmpfs is
    /// sized from them).
    virtual Result<std::unique_ptr<Box>> acquireBox(Step step, const std::string &language,
                                                    const Limits &limits) = 0;
    /// Whether the backend enforces memory and process limits itself (cgroups); when not, the
    /// box falls back to RLIMIT_AS and RLIMIT_NPROC.
    virtual bool hasResourceGroups() const = 0;
    /// Whether every box runs under its own host uid (then RLIMIT_NPROC is per run).
    virtual bool hasPrivateUid() const = 0;

    /// Derived destructors call this first: boxes still being disposed of may call back into them.
    void stopDisposer();

private:
    /// Destroys a used box on a background thread, so a request does not wait for its clean-up.
    void dispose(std::unique_ptr<Box> box);
    BoxSpec makeSpec(const LanguageSpec &language, Step step, const Limits &limits) const;
    /// The compile step of a compiled language: adds the artifacts to `files`. On failure fills
    /// `batch` (CompileError or InternalError) and answers false.
    bool build(const Job &job, const LanguageSpec &language, const std::string &entry,
               std::vector<BoxFile> &files, BatchResult &batch);
    /// One run step in a fresh box.
    RunResult runStep(const Job &job, const LanguageSpec &language, const std::string &entry,
                      std::vector<BoxFile> files, const Limits &limits, const std::string &stdinData);
    Settings m_settings;
    std::mutex m_disposeMutex;
    std::condition_variable m_disposeWake;
    std::deque<std::unique_ptr<Box>> m_disposals;
    bool m_disposerStopping = false;
    std::thread m_disposer;
};

} // namespace bunny::sandbox
