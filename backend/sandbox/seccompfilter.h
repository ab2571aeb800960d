#pragma once

#include <core/result.h>

#include <string>

namespace bunny::sandbox {

/// The seccomp filter every program and compiler runs under, compiled once with libseccomp to a
/// classic BPF program (the bytes of a struct sock_filter array) that bunny-box-init installs
/// right before exec. It denies, with EPERM, what no judged program needs and what sandbox
/// escapes use: ptrace and cross-process memory access, mount and namespace calls, keyrings,
/// bpf, perf events, userfaultfd, io_uring, module and kexec calls, clone3 (whose flags cannot be
/// inspected; libc falls back to clone), clone with namespace flags, and TIOCSTI.
/// Foreign architectures (x32, i386) kill the process.
[[nodiscard]] Result<std::string> compiledSeccompFilter();

} // namespace bunny::sandbox
