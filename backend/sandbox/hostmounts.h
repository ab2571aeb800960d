#pragma once

#include <string>
#include <vector>

namespace bunny::sandbox {

/// A host path every box sees read-only: the toolchains under /usr, the top-level links of a
/// merged-/usr layout, and the few /etc entries toolchains read (never passwd, shadow or
/// anything of the server's).
struct HostMount
{
    std::string path;
    std::string symlinkTarget; ///< non-empty: recreate as this link instead of mounting
    bool directory = true;
};

std::vector<HostMount> hostToolchainMounts();

/// Where the installed package keeps its data (problems with their hidden tests and solutions):
/// under /usr, so every box would see it if it were not masked.
inline constexpr const char *kPackageDataDir = "/usr/share/bunny";

/// The directories a box must not see although they lie under a toolchain mount: kPackageDataDir
/// and each of `extra` (the server's problems and data directories) that lies under one. Only
/// existing directories, canonical, each once. Boxes mount an empty read-only tmpfs over them.
std::vector<std::string> hostMaskedPaths(const std::vector<std::string> &extra);

/// Where bunny-box-init is: `configured`, else $BUNNY_BOX_INIT, else beside the program or in
/// ../libexec/bunny, else where the build or install put it. Empty when nowhere.
std::string locateBoxInit(const std::string &configured);

} // namespace bunny::sandbox
