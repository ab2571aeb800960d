#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace bunny::backend {

/// `bunnyctl run --language L FILE [--stdin FILE] [--json] [--sandbox auto|native|docker]
/// [--cpu-ms N] [--wall-ms N] [--memory-kb N]`: runs FILE through the sandbox library on this
/// host. args excludes "run". Exit code 0 when the verdict is ok, 1 for any other verdict, 2 for
/// bad usage.
int runRunCommand(const std::vector<std::string> &args, std::ostream &out, std::ostream &err);

/// The usage lines `bunnyctl help` shows for run.
const char *runCommandUsage();

} // namespace bunny::backend
