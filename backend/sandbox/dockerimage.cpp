#include "sandbox/dockerimage.h"

#include <Poco/Exception.h>

#include <cstdio>
#include <cstring>
#include <set>

namespace bunny::sandbox {

namespace {

void octal(char *field, size_t width, unsigned long value)
{
    std::snprintf(field, width, "%0*lo", static_cast<int>(width - 1), value);
}

// One ustar entry without content: a directory, an empty file or a symlink.
void addEntry(std::string &tar, const std::string &name, char type, unsigned mode,
              const std::string &link = {})
{
    char header[512] = {};
    std::strncpy(header, name.c_str(), 99);
    octal(header + 100, 8, mode);
    octal(header + 108, 8, 0);
    octal(header + 116, 8, 0);
    octal(header + 124, 12, 0);
    octal(header + 136, 12, 0);
    header[156] = type;
    std::strncpy(header + 157, link.c_str(), 99);
    std::memcpy(header + 257,
                "ustar\0"
                "00",
                8);
    std::memset(header + 148, ' ', 8);
    unsigned sum = 0;
    for (unsigned char c : header)
        sum += c;
    std::snprintf(header + 148, 8, "%06o", sum);
    header[155] = ' ';
    tar.append(header, 512);
}

} // namespace

std::string baseRootfsTar(const std::vector<HostMount> &mounts)
{
    std::string tar;
    std::set<std::string> dirs;
    auto addDir = [&](const std::string &path, unsigned mode) {
        if (dirs.insert(path).second)
            addEntry(tar, path + "/", '5', mode);
    };
    for (const char *dir : {"tmp", "proc", "dev", "sys", "etc"})
        addDir(dir, std::strcmp(dir, "tmp") == 0 ? 01777 : 0755);
    for (const auto &mount : mounts) {
        const std::string path = mount.path.substr(1);
        for (size_t slash = path.find('/'); slash != std::string::npos; slash = path.find('/', slash + 1))
            addDir(path.substr(0, slash), 0755);
        if (!mount.symlinkTarget.empty())
            addEntry(tar, path, '2', 0777, mount.symlinkTarget);
        else if (mount.directory)
            addDir(path, 0755);
        else
            addEntry(tar, path, '0', 0644);
    }
    addEntry(tar, ".bunny-init", '0', 0755);
    tar.append(1024, '\0');
    return tar;
}

Result<void> ensureBaseImage(DockerClient &client, const std::string &name)
{
    try {
        if (client.request("GET", "/images/" + name + "/json").status == 200)
            return {};
        const auto colon = name.rfind(':');
        const std::string repo = name.substr(0, colon),
                          tag = colon == std::string::npos ? "latest" : name.substr(colon + 1);
        const auto answer = client.request("POST", "/images/create?fromSrc=-&repo=" + repo + "&tag=" + tag,
                                           baseRootfsTar(hostToolchainMounts()), "application/x-tar");
        if (answer.status != 200 || answer.body.find("\"error") != std::string::npos)
            return makeError("docker import of " + name + " failed: " + answer.body.substr(0, 300));
        return {};
    } catch (const Poco::Exception &error) {
        return makeError("docker import of " + name + " failed: " + error.displayText());
    }
}

} // namespace bunny::sandbox
