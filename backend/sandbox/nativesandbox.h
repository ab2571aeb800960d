#pragma once

#include "sandbox/boxedsandbox.h"
#include "sandbox/boxpool.h"

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace bunny::sandbox {

class NativeBox;

/// The embedded default: every step in a fresh bubblewrap box (own user, mount, PID, network,
/// IPC, UTS and cgroup namespaces; a tmpfs /tmp that dies with the mount namespace; host
/// toolchains read-only), started under its own unprivileged host uid and its own cgroup, with
/// bunny-box-init as PID 1. Boxes for run steps are prepared ahead so a request does not wait
/// for namespace set-up.
class NativeSandbox : public BoxedSandbox
{
public:
    struct Config
    {
        Settings settings;
        std::string bwrap = "/usr/bin/bwrap";
        std::string boxInit;   ///< empty: found next to the program or where the build put it
        int prepared = 2;      ///< run boxes kept ready
        int uidBase = 1500000; ///< host uids [uidBase, uidBase + uidCount) run boxes (when root)
        int uidCount = 4096;
    };

    explicit NativeSandbox(Config config);
    ~NativeSandbox() override;

    std::string backendName() const override { return "native"; }
    /// Empty when the host can run native boxes; otherwise why not.
    std::string unavailableReason() override;

protected:
    Result<std::unique_ptr<Box>> acquireBox(Step step, const std::string &language,
                                            const Limits &limits) override;
    bool hasResourceGroups() const override;
    bool hasPrivateUid() const override;

private:
    friend class NativeBox;
    Result<std::unique_ptr<NativeBox>> spawnBox(std::int64_t tmpKb);
    int takeUid();
    void releaseUid(int uid);

    Config m_config;
    std::vector<std::string> m_mountArgs;
    std::string m_unavailable;

    std::mutex m_mutex;
    std::map<int, int> m_uidLocks; // uid -> its locked file
    int m_nextUid = 0;
    std::unique_ptr<BoxPool> m_pool;
};

} // namespace bunny::sandbox
