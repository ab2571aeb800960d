#pragma once

#include "sandbox/box.h"
#include "sandbox/cgroup.h"
#include "sandbox/childprocess.h"

#include <functional>
#include <memory>

namespace bunny::sandbox {

/// One bubblewrap box with bunny-box-init waiting on its stdin. Talks to the box over its stdio
/// pipes only; it never opens a path inside the box.
class NativeBox : public Box
{
public:
    NativeBox(Spawned process, std::unique_ptr<Cgroup> cgroup, std::function<void()> onDestroyed);
    ~NativeBox() override;

    BoxOutcome execute(const BoxSpec &spec) override;

private:
    void killBox();
    Spawned m_process;
    std::unique_ptr<Cgroup> m_cgroup;
    std::function<void()> m_onDestroyed;
    bool m_reaped = false;
};

} // namespace bunny::sandbox
