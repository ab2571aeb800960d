#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace bunny::backend {

/// Runs bunnyctl with its arguments (without the program name); returns the exit code.
/// Output goes to out, errors to err, so tests can call it in process.
int runCtl(const std::vector<std::string> &args, std::ostream &out, std::ostream &err);

} // namespace bunny::backend
