#pragma once

#include "sandbox/box.h"
#include "sandbox/languages.h"
#include "sandbox/sandbox.h"

#include <core/result.h>

#include <memory>

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
    };

    explicit BoxedSandbox(Settings settings);

    std::vector<LanguageInfo> languages() override;
    RunResult run(const Job &job) override;

    const Settings &settings() const { return m_settings; }

protected:
    enum class Step { Compile, Run };
    /// A single-use box for a step whose limits are given (the box's tmpfs is sized from them).
    virtual Result<std::unique_ptr<Box>> acquireBox(Step step, const Limits &limits) = 0;
    /// Whether the backend enforces memory and process limits itself (cgroups); when not, the
    /// box falls back to RLIMIT_AS and RLIMIT_NPROC.
    virtual bool hasResourceGroups() const = 0;
    /// Whether every box runs under its own host uid (then RLIMIT_NPROC is per run).
    virtual bool hasPrivateUid() const = 0;

private:
    BoxSpec makeSpec(const LanguageSpec &language, Step step, const Limits &limits) const;
    Settings m_settings;
};

} // namespace bunny::sandbox
