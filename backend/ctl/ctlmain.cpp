#include "ctl/ctlmain.h"

#include "ctl/admincommands.h"
#include "ctl/reccommands.h"
#include "ctl/runcommands.h"

#include <core/version.h>

#include <iostream>

namespace bunny::backend {

namespace {

void printUsage(std::ostream &out)
{
    out << "usage: bunnyctl <command> [options]\n"
           "\n"
           "commands:\n"
           "  version               print the version\n"
        << recUsage() << adminUsage() << runCommandUsage();
}

} // namespace

int runCtl(const std::vector<std::string> &args, std::ostream &out, std::ostream &err)
{
    if (args.empty() || args[0] == "help" || args[0] == "--help" || args[0] == "-h") {
        printUsage(args.empty() ? err : out);
        return args.empty() ? 2 : 0;
    }
    if (args[0] == "version" || args[0] == "--version") {
        out << "bunnyctl " << version() << '\n';
        return 0;
    }
    if (args[0] == "admin")
        return runAdminCommand(std::vector<std::string>(args.begin() + 1, args.end()), std::cin, out, err);
    if (args[0] == "rec")
        return runRecCommand(std::vector<std::string>(args.begin() + 1, args.end()), out, err);
    if (args[0] == "run")
        return runRunCommand({args.begin() + 1, args.end()}, out, err);
    err << "bunnyctl: unknown command '" << args[0] << "'\n";
    printUsage(err);
    return 2;
}

} // namespace bunny::backend
