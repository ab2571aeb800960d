#include "ctl/ctlmain.h"

#include "ctl/reccommands.h"

#include <core/version.h>

#include <ostream>

namespace bunny::backend {

namespace {

void printUsage(std::ostream &out)
{
    out << "usage: bunnyctl <command> [options]\n"
           "\n"
           "commands:\n"
           "  version               print the version\n"
        << recUsage();
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
    if (args[0] == "rec")
        return runRecCommand(std::vector<std::string>(args.begin() + 1, args.end()), out, err);
    err << "bunnyctl: unknown command '" << args[0] << "'\n";
    printUsage(err);
    return 2;
}

} // namespace bunny::backend
