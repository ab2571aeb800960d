#pragma once

#include "sandbox/sandbox.h"

#include <core/result.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace bunny::sandbox {

struct SandboxOptions
{
    std::string backend = "auto"; ///< auto (Docker when its socket answers, else native), native, docker
    Limits defaults;
    Limits maxima = Limits::defaultMaxima();
    /// Host directories no box may see (the server passes its problems and data directories).
    std::vector<std::string> hiddenPaths;
    int prepared = 2; ///< boxes (native) or containers (docker) kept ready
    std::string dockerSocket = "/var/run/docker.sock";
    std::string dockerImage;                                 ///< empty: the locally built default image
    std::map<std::string, std::string> dockerLanguageImages; ///< language id -> an operator's own image
};

/// The sandbox the options ask for, or why it cannot run here.
[[nodiscard]] Result<std::unique_ptr<Sandbox>> createSandbox(const SandboxOptions &options);

/// A sandbox made on first use (a server that never runs code pays nothing for it: no probe box,
/// no prepared boxes or containers). When it cannot be made, unavailableReason() says why and
/// run() answers internal_error. Thread-safe.
std::unique_ptr<Sandbox> createLazySandbox(const SandboxOptions &options);

} // namespace bunny::sandbox
