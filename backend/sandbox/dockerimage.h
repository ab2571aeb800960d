#pragma once

#include "sandbox/dockerclient.h"
#include "sandbox/hostmounts.h"

#include <core/result.h>

#include <string>
#include <vector>

namespace bunny::sandbox {

/// The default image: an almost empty root filesystem (mount points and the merged-/usr links),
/// imported locally since no registry is reachable; the toolchains come from the host's
/// read-only /usr. Built from a tar made in memory.
std::string baseRootfsTar(const std::vector<HostMount> &mounts);

/// Imports the base image as `name` ("repo:tag") unless dockerd already has it.
[[nodiscard]] Result<void> ensureBaseImage(DockerClient &client, const std::string &name);

} // namespace bunny::sandbox
