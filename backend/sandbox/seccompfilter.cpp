#include "sandbox/seccompfilter.h"

#include <cerrno>
#include <mutex>
#include <sched.h>
#include <seccomp.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

namespace bunny::sandbox {

namespace {

constexpr const char *kDenied[] = {
    "ptrace",
    "process_vm_readv",
    "process_vm_writev",
    "kcmp",
    "pidfd_getfd",
    "mount",
    "umount2",
    "pivot_root",
    "chroot",
    "move_mount",
    "open_tree",
    "fsopen",
    "fsconfig",
    "fsmount",
    "fspick",
    "mount_setattr",
    "unshare",
    "setns",
    "keyctl",
    "add_key",
    "request_key",
    "bpf",
    "perf_event_open",
    "userfaultfd",
    "fanotify_init",
    "io_uring_setup",
    "io_uring_enter",
    "io_uring_register",
    "init_module",
    "finit_module",
    "delete_module",
    "kexec_load",
    "kexec_file_load",
    "reboot",
    "swapon",
    "swapoff",
    "syslog",
    "acct",
    "quotactl",
    "lookup_dcookie",
    "vhangup",
    "open_by_handle_at",
    "name_to_handle_at",
    "iopl",
    "ioperm",
    "settimeofday",
    "clock_settime",
    "adjtimex",
    "clock_adjtime",
    "personality",
    "uselib",
    "nfsservctl",
    "mbind",
    "migrate_pages",
    "move_pages",
    "set_mempolicy",
};

Result<std::string> compile()
{
    scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
    if (!ctx)
        return makeError("seccomp_init failed");
    auto fail = [&](const std::string &what) {
        seccomp_release(ctx);
        return makeError("seccomp: " + what);
    };
    for (const char *name : kDenied) {
        const int nr = seccomp_syscall_resolve_name(name);
        if (nr == __NR_SCMP_ERROR)
            continue; // not on this architecture
        if (seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), nr, 0) != 0)
            return fail(std::string("cannot deny ") + name);
    }
    // clone3 takes its flags in a struct we cannot inspect: ENOSYS makes libc use clone().
    if (seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0) != 0)
        return fail("clone3");
    // Rules for one syscall are alternatives: clone with any namespace flag is denied.
    for (const scmp_datum_t flag : {CLONE_NEWNS, CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET, CLONE_NEWIPC,
                                    CLONE_NEWUTS, CLONE_NEWCGROUP}) {
        if (seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(clone), 1,
                             SCMP_A0(SCMP_CMP_MASKED_EQ, flag, flag)) != 0)
            return fail("clone");
    }
    if (seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(ioctl), 1,
                         SCMP_A1(SCMP_CMP_MASKED_EQ, 0xffffffffu, TIOCSTI)) != 0)
        return fail("ioctl");

    const int fd = memfd_create("bunny-seccomp", MFD_CLOEXEC);
    if (fd < 0)
        return fail("memfd_create");
    const int rc = seccomp_export_bpf(ctx, fd);
    seccomp_release(ctx);
    std::string program;
    char buffer[4096];
    ssize_t n;
    lseek(fd, 0, SEEK_SET);
    while ((n = read(fd, buffer, sizeof buffer)) > 0)
        program.append(buffer, static_cast<size_t>(n));
    close(fd);
    if (rc != 0 || program.empty())
        return makeError("seccomp: cannot export the filter");
    return program;
}

} // namespace

Result<std::string> compiledSeccompFilter()
{
    static std::once_flag once;
    static Result<std::string> filter = makeError("not compiled");
    std::call_once(once, [] { filter = compile(); });
    return filter;
}

} // namespace bunny::sandbox
