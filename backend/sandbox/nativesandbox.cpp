#include "sandbox/nativesandbox.h"

#include "sandbox/hostmounts.h"
#include "sandbox/nativebox.h"

#include <Poco/Logger.h>

#include <fcntl.h>
#include <filesystem>
#include <random>
#include <sys/file.h>
#include <unistd.h>

namespace bunny::sandbox {

namespace fs = std::filesystem;

namespace {

constexpr const char *kInitInBox = "/.bunny-init";

std::vector<std::string> mountArgs(const std::vector<std::string> &hidden)
{
    std::vector<std::string> args = {"--unshare-all",
                                     "--unshare-user",
                                     "--disable-userns",
                                     "--die-with-parent",
                                     "--as-pid-1",
                                     "--new-session",
                                     "--hostname",
                                     "bunny",
                                     "--uid",
                                     "1000",
                                     "--gid",
                                     "1000"};
    for (const auto &mount : hostToolchainMounts()) {
        if (!mount.symlinkTarget.empty())
            args.insert(args.end(), {"--symlink", mount.symlinkTarget, mount.path});
        else
            args.insert(args.end(), {"--ro-bind", mount.path, mount.path});
    }
    // An empty read-only tmpfs over what lies under those mounts but is not for boxes (the
    // package's problems with their hidden tests and solutions).
    for (const auto &path : hostMaskedPaths(hidden))
        args.insert(args.end(), {"--perms", "0555", "--tmpfs", path, "--remount-ro", path});
    args.insert(args.end(), {"--proc", "/proc", "--dev", "/dev"});
    return args;
}

} // namespace

NativeSandbox::NativeSandbox(Config config)
    : BoxedSandbox(config.settings)
    , m_config(std::move(config))
{
    m_config.boxInit = locateBoxInit(m_config.boxInit);
    m_nextUid =
        static_cast<int>(std::random_device{}() % static_cast<unsigned>(std::max(m_config.uidCount, 1)));
    if (access(m_config.bwrap.c_str(), X_OK) != 0)
        m_unavailable = "bubblewrap is not installed (" + m_config.bwrap + ")";
    else if (m_config.boxInit.empty())
        m_unavailable = "bunny-box-init was not found (set BUNNY_BOX_INIT)";
    if (!m_unavailable.empty())
        return;
    m_mountArgs = mountArgs(settings().hiddenPaths);
    if (!hasResourceGroups())
        Poco::Logger::get("bunny.sandbox")
            .warning("sandbox: running without per-run cgroups: %s", Cgroup::unavailableReason());
    // One trivial box proves that namespaces work here before anyone relies on them.
    auto probe = spawnBox(1024);
    if (!probe) {
        m_unavailable = probe.message();
        return;
    }
    BoxSpec spec;
    spec.argv = {"/usr/bin/true"};
    const BoxOutcome outcome = (*probe)->execute(spec);
    if (!outcome.internalError.empty() || outcome.reason != "exited" || outcome.exitCode != 0) {
        m_unavailable = "a test box failed: " +
                        (outcome.internalError.empty() ? outcome.stderrText : outcome.internalError);
        return;
    }
    probe->reset();
    const std::int64_t tmpKb = settings().defaults.tmpKb;
    m_pool = std::make_unique<BoxPool>(
        [this, tmpKb]() -> Result<std::unique_ptr<Box>> {
            auto box = spawnBox(tmpKb);
            if (!box)
                return box.error();
            return std::unique_ptr<Box>(std::move(*box));
        },
        m_config.prepared);
}

NativeSandbox::~NativeSandbox()
{
    stopDisposer();
    m_pool.reset();
}

std::string NativeSandbox::unavailableReason()
{
    return m_unavailable;
}

bool NativeSandbox::hasResourceGroups() const
{
    return Cgroup::unavailableReason().empty();
}

bool NativeSandbox::hasPrivateUid() const
{
    return geteuid() == 0;
}

int NativeSandbox::takeUid()
{
    // A uid is ours while we hold a lock on its file, so several servers (or test processes)
    // on one host never hand the same uid to two live boxes.
    std::lock_guard lock(m_mutex);
    const std::string dir = access("/run/lock", W_OK) == 0 ? "/run/lock" : "/tmp";
    for (int i = 0; i < m_config.uidCount; ++i) {
        const int uid = m_config.uidBase + (m_nextUid++ % m_config.uidCount);
        if (m_uidLocks.count(uid))
            continue;
        const std::string path = dir + "/bunny-sandbox-uid-" + std::to_string(uid);
        const int fd = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
        if (fd < 0)
            continue;
        if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
            close(fd);
            continue;
        }
        m_uidLocks[uid] = fd;
        return uid;
    }
    return -1;
}

void NativeSandbox::releaseUid(int uid)
{
    std::lock_guard lock(m_mutex);
    if (auto held = m_uidLocks.find(uid); held != m_uidLocks.end()) {
        close(held->second);
        m_uidLocks.erase(held);
    }
}

Result<std::unique_ptr<NativeBox>> NativeSandbox::spawnBox(std::int64_t tmpKb)
{
    std::string cgroupError;
    auto cgroup = Cgroup::create(&cgroupError);
    // On a host with cgroups a box never starts without one (it would run unlimited); only a
    // host that lacks them altogether runs on rlimits (warned about at start).
    if (!cgroup && hasResourceGroups())
        return makeError("cannot create the run's cgroup: " + cgroupError);
    SpawnSpec spec;
    spec.argv.push_back(m_config.bwrap);
    spec.argv.insert(spec.argv.end(), m_mountArgs.begin(), m_mountArgs.end());
    spec.argv.insert(spec.argv.end(),
                     {"--size", std::to_string(tmpKb * 1024), "--tmpfs", "/tmp", "--ro-bind",
                      m_config.boxInit, kInitInBox, "--remount-ro", "/", "--chdir", "/tmp", kInitInBox});
    spec.env = {"PATH=/usr/bin:/bin"};
    if (cgroup)
        spec.cgroupProcFds = cgroup->procFds();
    if (hasPrivateUid()) {
        spec.uid = spec.gid = takeUid();
        if (spec.uid < 0)
            return makeError("no free sandbox uid (too many boxes at once)");
    }
    auto process = spawnChild(spec);
    if (cgroup)
        cgroup->closeProcFds();
    const int uid = spec.uid;
    if (!process) {
        if (uid >= 0)
            releaseUid(uid);
        return makeError("cannot start bubblewrap: " + process.message());
    }
    return std::make_unique<NativeBox>(*process, std::move(cgroup), [this, uid] {
        if (uid >= 0)
            releaseUid(uid);
    });
}

Result<std::unique_ptr<Box>> NativeSandbox::acquireBox(Step step, const std::string &, const Limits &limits)
{
    if (!m_unavailable.empty())
        return makeError("the native sandbox is unavailable: " + m_unavailable);
    if (step == Step::Run && limits.tmpKb == settings().defaults.tmpKb && m_pool) {
        if (auto box = m_pool->take())
            return box;
    }
    auto box = spawnBox(limits.tmpKb);
    if (!box)
        return box.error();
    return std::unique_ptr<Box>(std::move(*box));
}

} // namespace bunny::sandbox
