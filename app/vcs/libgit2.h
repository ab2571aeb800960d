#pragma once

#include <memory>

namespace bunny::vcs {

/// Keeps libgit2 initialised while anyone holds it. The only place that calls
/// git_libgit2_init/git_libgit2_shutdown: the process holds one reference until exit and every
/// Repository holds another, so the library outlives the last handle whatever the order of
/// static destruction.
class LibGit2
{
public:
    ~LibGit2();
    LibGit2(const LibGit2 &) = delete;
    LibGit2 &operator=(const LibGit2 &) = delete;

    /// Thread-safe; the library is shut down when the last reference goes, at exit.
    static std::shared_ptr<LibGit2> acquire();

private:
    LibGit2();
};

} // namespace bunny::vcs
