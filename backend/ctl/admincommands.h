#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace bunny::backend {

/// `bunnyctl admin create-user|reset-password|list-users …` on the server's own database, found
/// from --config FILE or --data DIR (bunnyd's defaults otherwise). Passwords come from a prompt
/// on the terminal or, with --password-stdin, from the first line of in; never from arguments.
int runAdminCommand(const std::vector<std::string> &args, std::istream &in, std::ostream &out,
                    std::ostream &err);
std::string adminUsage();

} // namespace bunny::backend
