#include "vcs/libgit2.h"

#include <git2.h>

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
    // Initialised once and shut down at exit (or after the last Repository, if one outlives
    // the statics). Not after each last Repository: libgit2 frees a thread's error state when
    // the thread exits, and a QThreadPool thread may still be exiting after QThread::wait()
    // returned; a shutdown at that moment would leak it (seen with LeakSanitizer).
    static const std::shared_ptr<LibGit2> library(new LibGit2);
    return library;
}

} // namespace bunny::vcs
