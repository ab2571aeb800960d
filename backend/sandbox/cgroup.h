#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace bunny::sandbox {

/// Usage of one run's cgroup.
struct CgroupStats
{
    std::int64_t cpuUs = -1; ///< -1 when not measured
    std::int64_t peakMemoryKb = -1;
    bool oomKilled = false;
};

/// One run's cgroup, under a "bunny" parent inside the server's own cgroup (so an operator's
/// limits on bunnyd still hold). Works with cgroup v2 and with v1 (memory, pids, cpu, cpuacct
/// hierarchies, as on this Debian host). Removed (processes killed first) when destroyed.
class Cgroup
{
public:
    ~Cgroup();
    Cgroup(const Cgroup &) = delete;
    Cgroup &operator=(const Cgroup &) = delete;

    /// A fresh cgroup, or null: when the host offers none we may use (unavailableReason() says
    /// why, logged once), or when making this one failed (`error` says why; also logged).
    static std::unique_ptr<Cgroup> create(std::string *error = nullptr);
    /// Why create() returns null here, or empty when cgroups are usable.
    static std::string unavailableReason();

    /// Open cgroup.procs files a child writes its pid into (closed by close()).
    const std::vector<int> &procFds() const { return m_procFds; }
    void closeProcFds();

    /// Empty when every limit is in force; otherwise which write failed (the run must not start).
    [[nodiscard]] std::string setLimits(std::int64_t memoryKb, std::int64_t processes);
    CgroupStats stats() const;
    /// SIGKILLs every process left in the group.
    void killAll();

private:
    Cgroup() = default;
    std::vector<std::string> m_dirs; // one per hierarchy (v1) or one (v2)
    std::string m_memoryDir, m_pidsDir, m_cpuDir, m_cpuacctDir;
    bool m_v2 = false;
    std::vector<int> m_procFds;
};

} // namespace bunny::sandbox
