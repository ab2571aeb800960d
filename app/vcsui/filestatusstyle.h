#pragma once

#include "vcs/types.h"

#include <QColor>
#include <QIcon>
#include <QString>

namespace bunny::vcsui {

/// How every VCS widget and the file tree show a file status: one colour, one letter, one
/// small round icon, so the user learns a single code.
QColor statusColor(vcs::FileStatus status);
QString statusLetter(vcs::FileStatus status);
QString statusDescription(vcs::FileStatus status);
QIcon statusIcon(vcs::FileStatus status);

} // namespace bunny::vcsui
