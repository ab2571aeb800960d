#include "sandbox/cgroup.h"

#include <Poco/Logger.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace bunny::sandbox {

namespace {

struct Layout
{
    bool usable = false;
    bool v2 = false;
    std::string reason;
    // Parent directories ("…/bunny") per controller; v2 uses memory for all.
    std::string memory, pids, cpu, cpuacct;
};

std::string readFile(const std::string &path)
{
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

bool writeFile(const std::string &path, const std::string &value)
{
    const int fd = open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool ok = write(fd, value.data(), value.size()) == static_cast<ssize_t>(value.size());
    close(fd);
    return ok;
}

bool makeDir(const std::string &path)
{
    return mkdir(path.c_str(), 0755) == 0 || errno == EEXIST;
}

// Where the v1 hierarchy holding `controller` is mounted, and our path inside it.
std::string v1Dir(const std::string &controller)
{
    std::string mountPoint;
    std::istringstream mounts(readFile("/proc/self/mountinfo"));
    for (std::string line; std::getline(mounts, line);) {
        const auto dash = line.find(" - cgroup ");
        if (dash == std::string::npos)
            continue;
        std::istringstream fields(line);
        std::string id, parent, devices, root, point;
        fields >> id >> parent >> devices >> root >> point;
        std::istringstream options(line.substr(line.rfind(' ') + 1));
        for (std::string option; std::getline(options, option, ',');) {
            if (option == controller)
                mountPoint = point;
        }
    }
    if (mountPoint.empty())
        return {};
    std::istringstream own(readFile("/proc/self/cgroup"));
    for (std::string line; std::getline(own, line);) {
        const auto first = line.find(':'), second = line.find(':', first + 1);
        if (first == std::string::npos || second == std::string::npos)
            continue;
        std::istringstream list(line.substr(first + 1, second - first - 1));
        for (std::string name; std::getline(list, name, ',');) {
            if (name == controller) {
                const std::string path = line.substr(second + 1);
                return mountPoint + (path == "/" ? "" : path);
            }
        }
    }
    return mountPoint;
}

Layout detect()
{
    Layout layout;
    if (geteuid() != 0) {
        layout.reason = "not running as root, so no per-run cgroups";
        return layout;
    }
    if (access("/sys/fs/cgroup/cgroup.controllers", R_OK) == 0) {
        layout.v2 = true;
        std::string own;
        std::istringstream lines(readFile("/proc/self/cgroup"));
        for (std::string line; std::getline(lines, line);) {
            if (line.rfind("0::", 0) == 0)
                own = line.substr(3);
        }
        const std::string base = "/sys/fs/cgroup" + (own == "/" ? std::string() : own);
        const std::string controllers = readFile(base + "/cgroup.controllers");
        if (controllers.find("memory") == std::string::npos ||
            controllers.find("pids") == std::string::npos) {
            layout.reason = "cgroup v2 without the memory and pids controllers at " + base;
            return layout;
        }
        const std::string parent = base + "/bunny";
        if (!makeDir(parent) || !writeFile(parent + "/cgroup.subtree_control", "+memory +pids +cpu")) {
            layout.reason =
                "cannot delegate memory/pids/cpu to " + parent + " (" + std::strerror(errno) + ")";
            return layout;
        }
        layout.memory = layout.pids = layout.cpu = layout.cpuacct = parent;
        layout.usable = true;
        return layout;
    }
    for (auto [name, slot] : {std::pair<const char *, std::string *>{"memory", &layout.memory},
                              {"pids", &layout.pids},
                              {"cpu", &layout.cpu},
                              {"cpuacct", &layout.cpuacct}}) {
        const std::string dir = v1Dir(name);
        if (!dir.empty() && makeDir(dir + "/bunny"))
            *slot = dir + "/bunny";
    }
    if (layout.memory.empty() || layout.pids.empty()) {
        layout.reason = "no usable memory and pids cgroup (v1) hierarchies";
        return layout;
    }
    writeFile(layout.memory + "/memory.use_hierarchy", "1");
    layout.usable = true;
    return layout;
}

// Removes run groups left by servers that died before cleaning up (empty once their processes
// are gone; rmdir refuses anything else).
void sweepLeftovers(const std::string &parent)
{
    if (parent.empty())
        return;
    std::error_code ec;
    for (const auto &entry : std::filesystem::directory_iterator(parent, ec)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind("run-", 0) != 0)
            continue;
        const pid_t owner = static_cast<pid_t>(std::atoi(name.c_str() + 4));
        if (owner > 0 && kill(owner, 0) != 0 && errno == ESRCH)
            rmdir(entry.path().c_str());
    }
}

const Layout &layout()
{
    static std::once_flag once;
    static Layout value;
    std::call_once(once, [] {
        value = detect();
        for (const auto *parent : {&value.memory, &value.pids, &value.cpu, &value.cpuacct})
            sweepLeftovers(*parent);
        if (!value.usable)
            Poco::Logger::get("bunny.sandbox")
                .warning("sandbox: per-run cgroups unavailable (%s); memory and process limits fall back to "
                         "rlimits, which are weaker",
                         value.reason);
    });
    return value;
}

std::atomic<unsigned> s_counter{0};

std::int64_t readNumber(const std::string &path)
{
    const std::string text = readFile(path);
    if (text.empty())
        return -1;
    try {
        return std::stoll(text);
    } catch (...) {
        return -1;
    }
}

std::int64_t readKey(const std::string &path, const std::string &key)
{
    std::istringstream lines(readFile(path));
    for (std::string name; lines >> name;) {
        std::int64_t value = 0;
        lines >> value;
        if (name == key)
            return value;
    }
    return -1;
}

} // namespace

std::string Cgroup::unavailableReason()
{
    return layout().usable ? std::string() : layout().reason;
}

std::unique_ptr<Cgroup> Cgroup::create(std::string *error)
{
    const Layout &l = layout();
    if (!l.usable)
        return nullptr;
    const std::string name = "/run-" + std::to_string(getpid()) + "-" + std::to_string(s_counter++);
    std::unique_ptr<Cgroup> group(new Cgroup);
    group->m_v2 = l.v2;
    std::string failure;
    auto add = [&](const std::string &parent) -> std::string {
        if (parent.empty() || !failure.empty())
            return {};
        const std::string dir = parent + name;
        for (const auto &existing : group->m_dirs) {
            if (existing == dir)
                return dir;
        }
        if (!makeDir(dir)) {
            failure = "cannot create " + dir + " (" + std::strerror(errno) + ")";
            return {};
        }
        group->m_dirs.push_back(dir);
        const int fd = open((dir + "/cgroup.procs").c_str(), O_WRONLY | O_CLOEXEC);
        if (fd < 0) {
            failure = "cannot open " + dir + "/cgroup.procs (" + std::strerror(errno) + ")";
            return {};
        }
        group->m_procFds.push_back(fd);
        return dir;
    };
    group->m_memoryDir = add(l.memory);
    group->m_pidsDir = add(l.pids);
    group->m_cpuDir = add(l.cpu);
    group->m_cpuacctDir = add(l.cpuacct);
    if (!failure.empty()) {
        Poco::Logger::get("bunny.sandbox").error("sandbox: per-run cgroup failed: %s", failure);
        if (error)
            *error = failure;
        return nullptr; // the destructor removes what was made
    }
    return group;
}

Cgroup::~Cgroup()
{
    closeProcFds();
    killAll();
    for (const auto &dir : m_dirs) {
        // rmdir fails with EBUSY until the last killed task is fully gone.
        for (int attempt = 0; attempt < 200 && rmdir(dir.c_str()) != 0 && errno == EBUSY; ++attempt)
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

void Cgroup::closeProcFds()
{
    for (int fd : m_procFds)
        close(fd);
    m_procFds.clear();
}

std::string Cgroup::setLimits(std::int64_t memoryKb, std::int64_t processes)
{
    // Every write must land: a limit the kernel refused (v1 refuses a memory limit below what the
    // group already uses) would leave the run unlimited, so the caller fails the run instead.
    std::string failure;
    auto set = [&failure](const std::string &path, const std::string &value, bool optional = false) {
        if (!failure.empty() || writeFile(path, value))
            return;
        if (optional && errno == ENOENT) // e.g. no swap accounting on this kernel
            return;
        failure = "cannot write " + value + " to " + path + " (" + std::strerror(errno) + ")";
    };
    const std::string bytes = std::to_string(memoryKb * 1024);
    if (m_v2) {
        set(m_memoryDir + "/memory.max", bytes);
        set(m_memoryDir + "/memory.swap.max", "0", true);
        set(m_pidsDir + "/pids.max", std::to_string(processes));
        set(m_cpuDir + "/cpu.max", "100000 100000"); // one core per run
        return failure;
    }
    set(m_memoryDir + "/memory.limit_in_bytes", bytes);
    set(m_memoryDir + "/memory.memsw.limit_in_bytes", bytes, true);
    set(m_pidsDir + "/pids.max", std::to_string(processes));
    if (!m_cpuDir.empty())
        set(m_cpuDir + "/cpu.cfs_quota_us", "100000");
    return failure;
}

CgroupStats Cgroup::stats() const
{
    CgroupStats stats;
    if (m_v2) {
        const auto usage = readKey(m_cpuDir + "/cpu.stat", "usage_usec");
        stats.cpuUs = usage;
        auto peak = readNumber(m_memoryDir + "/memory.peak");
        stats.peakMemoryKb = peak >= 0 ? peak / 1024 : -1;
        stats.oomKilled = readKey(m_memoryDir + "/memory.events", "oom_kill") > 0;
        return stats;
    }
    if (!m_cpuacctDir.empty()) {
        const auto ns = readNumber(m_cpuacctDir + "/cpuacct.usage");
        stats.cpuUs = ns >= 0 ? ns / 1000 : -1;
    }
    const auto peak = readNumber(m_memoryDir + "/memory.max_usage_in_bytes");
    stats.peakMemoryKb = peak >= 0 ? peak / 1024 : -1;
    stats.oomKilled = readKey(m_memoryDir + "/memory.oom_control", "oom_kill") > 0 ||
                      (readNumber(m_memoryDir + "/memory.failcnt") > 0 &&
                       readKey(m_memoryDir + "/memory.oom_control", "oom_kill") < 0);
    return stats;
}

void Cgroup::killAll()
{
    if (m_v2 && writeFile(m_memoryDir + "/cgroup.kill", "1"))
        return;
    for (int round = 0; round < 100; ++round) {
        bool any = false;
        for (const auto &dir : m_dirs) {
            std::istringstream pids(readFile(dir + "/cgroup.procs"));
            for (pid_t pid; pids >> pid;) {
                kill(pid, SIGKILL);
                any = true;
            }
        }
        if (!any)
            return;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
}

} // namespace bunny::sandbox
