#include "vcs/libgit2.h"

#include <git2.h>

#include <mutex>

namespace bunny::vcs {

LibGit2::LibGit2()
{
    git_libgit2_init();
}

LibGit2::~LibGit2()
{
    git_libgit2_shutdown();
}

std::shared_ptr<LibGit2> LibGit2::acquire()
{
    // A weak reference: the library stays up while any repository needs it, and a later
    // acquire() after everything closed initialises it again.
    static std::mutex mutex;
    static std::weak_ptr<LibGit2> current;
    std::lock_guard lock(mutex);
    auto library = current.lock();
    if (!library) {
        library = std::shared_ptr<LibGit2>(new LibGit2);
        current = library;
    }
    return library;
}

} // namespace bunny::vcs
