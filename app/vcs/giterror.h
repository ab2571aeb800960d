#pragma once

#include "core/result.h"

#include <QString>

namespace bunny::vcs {

/// The readable error for a libgit2 call that just failed with `code`. Call it at once: the
/// detail comes from git_error_last(), which is per thread and overwritten by the next call.
Error gitError(const QString &what, int code);

/// An error of our own (not from libgit2), as a Result error.
Error vcsError(const QString &message);

} // namespace bunny::vcs
