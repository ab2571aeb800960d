#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace bunny::backend {

/// `bunnyctl rec info|text|verify ...`; args start after "rec". Returns the exit code:
/// 0 ok, 1 the recording is invalid or the request cannot be answered, 2 bad usage.
int runRecCommand(const std::vector<std::string> &args, std::ostream &out, std::ostream &err);

/// The usage lines of the rec commands, for bunnyctl's help.
const char *recUsage();

} // namespace bunny::backend
