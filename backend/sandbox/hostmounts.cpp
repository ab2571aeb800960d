#include "sandbox/hostmounts.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <unistd.h>

namespace bunny::sandbox {

namespace fs = std::filesystem;

std::vector<HostMount> hostToolchainMounts()
{
    std::vector<HostMount> mounts = {{"/usr", {}, true}};
    std::error_code ec;
    for (const char *top : {"/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"}) {
        if (fs::is_symlink(top, ec))
            mounts.push_back({top, fs::read_symlink(top, ec).string(), false});
        else if (fs::is_directory(top, ec))
            mounts.push_back({top, {}, true});
    }
    std::vector<std::string> etc = {"/etc/alternatives", "/etc/ld.so.cache", "/etc/ld.so.conf",
                                    "/etc/ld.so.conf.d", "/etc/localtime"};
    for (const auto &entry : fs::directory_iterator("/etc", ec)) {
        if (entry.path().filename().string().rfind("java-", 0) == 0)
            etc.push_back(entry.path().string());
    }
    for (const auto &path : etc) {
        if (fs::exists(path, ec))
            mounts.push_back({path, {}, fs::is_directory(path, ec)});
    }
    return mounts;
}

std::vector<std::string> hostMaskedPaths(const std::vector<std::string> &extra)
{
    std::vector<std::string> candidates = {kPackageDataDir};
    candidates.insert(candidates.end(), extra.begin(), extra.end());
    const auto mounts = hostToolchainMounts();
    std::vector<std::string> masked;
    for (const auto &candidate : candidates) {
        std::error_code ec;
        if (candidate.empty() || !fs::is_directory(candidate, ec))
            continue;
        // Canonical, so /lib/x (a link into /usr on merged-/usr hosts) is judged where it really is.
        const fs::path real = fs::canonical(candidate, ec);
        if (ec)
            continue;
        const std::string path = real.string();
        bool underMount = false;
        for (const auto &mount : mounts) {
            if (mount.symlinkTarget.empty() && mount.directory && path.rfind(mount.path + "/", 0) == 0)
                underMount = true;
        }
        if (underMount && std::find(masked.begin(), masked.end(), path) == masked.end())
            masked.push_back(path);
    }
    // A mask inside another is hidden already, and bwrap could not make its mount point in the
    // outer (read-only) one: the packaged problems live in /usr/share/bunny/problems.
    std::vector<std::string> outermost;
    for (const auto &path : masked) {
        const bool inside = std::any_of(masked.begin(), masked.end(), [&path](const std::string &other) {
            return path.size() > other.size() && path.rfind(other + "/", 0) == 0;
        });
        if (!inside)
            outermost.push_back(path);
    }
    return outermost;
}

std::string locateBoxInit(const std::string &configured)
{
    std::vector<std::string> candidates;
    if (!configured.empty())
        candidates.push_back(configured);
    if (const char *env = getenv("BUNNY_BOX_INIT"))
        candidates.emplace_back(env);
    std::error_code ec;
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        candidates.push_back((self.parent_path() / "bunny-box-init").string());
        candidates.push_back((self.parent_path().parent_path() / "libexec/bunny/bunny-box-init").string());
    }
#ifdef BUNNY_BOX_INIT_BUILD_PATH
    candidates.emplace_back(BUNNY_BOX_INIT_BUILD_PATH);
#endif
#ifdef BUNNY_BOX_INIT_INSTALL_PATH
    candidates.emplace_back(BUNNY_BOX_INIT_INSTALL_PATH);
#endif
    for (const auto &path : candidates) {
        if (access(path.c_str(), X_OK) == 0)
            return path;
    }
    return {};
}

} // namespace bunny::sandbox
