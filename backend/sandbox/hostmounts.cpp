#include "sandbox/hostmounts.h"

#include <filesystem>

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
    std::vector<std::string> etc = {"/etc/alternatives", "/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d",
                                    "/etc/localtime"};
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

} // namespace bunny::sandbox
