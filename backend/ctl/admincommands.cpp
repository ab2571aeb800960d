#include "ctl/admincommands.h"

#include "auth/accountrules.h"
#include "auth/passwordhasher.h"
#include "problems/problemstore.h"
#include "server/settings.h"
#include "storage/database.h"
#include "storage/migrations.h"
#include "storage/userstore.h"

#include <Poco/AutoPtr.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Exception.h>
#include <Poco/Util/PropertyFileConfiguration.h>

#include <nlohmann/json.hpp>

#include <fstream>
#include <iostream>
#include <optional>
#include <termios.h>
#include <unistd.h>

namespace bunny::backend {

namespace {

struct AdminOptions
{
    std::vector<std::string> positional;
    std::string config, data;
    bool passwordStdin = false;
    bool json = false;
};

std::optional<AdminOptions> parseOptions(const std::vector<std::string> &args, std::ostream &err)
{
    AdminOptions o;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string &a = args[i];
        if ((a == "--config" || a == "--data") && i + 1 < args.size())
            (a == "--config" ? o.config : o.data) = args[++i];
        else if (a == "--password-stdin")
            o.passwordStdin = true;
        else if (a == "--json")
            o.json = true;
        else if (a.rfind("--", 0) == 0) {
            err << "bunnyctl admin: unknown or incomplete option '" << a << "'\n";
            return std::nullopt;
        } else
            o.positional.push_back(a);
    }
    return o;
}

Settings settingsFor(const AdminOptions &o)
{
    Settings s;
    if (!o.config.empty())
        s.load(*Poco::AutoPtr(new Poco::Util::PropertyFileConfiguration(o.config)));
    if (!o.data.empty()) {
        s.dataDir = o.data;
        if (o.config.empty())
            s.dbUrl.clear();
    }
    s.finish();
    return s;
}

/// A line from the terminal with echo off, asked twice; or the first line of in.
std::optional<std::string> readPassword(const AdminOptions &o, std::istream &in, std::ostream &err)
{
    std::string password;
    if (o.passwordStdin) {
        if (!std::getline(in, password) || password.empty()) {
            err << "bunnyctl admin: no password on standard input\n";
            return std::nullopt;
        }
        return password;
    }
    std::ifstream tty("/dev/tty");
    std::ofstream ttyOut("/dev/tty");
    if (!tty || !ttyOut || !isatty(STDIN_FILENO)) {
        err << "bunnyctl admin: no terminal to ask for the password; use --password-stdin\n";
        return std::nullopt;
    }
    termios saved{};
    tcgetattr(STDIN_FILENO, &saved);
    termios quiet = saved;
    quiet.c_lflag &= tcflag_t(~ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    std::string again;
    ttyOut << "Password: " << std::flush;
    std::getline(tty, password);
    ttyOut << "\nAgain: " << std::flush;
    std::getline(tty, again);
    ttyOut << "\n";
    tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    if (password != again) {
        err << "bunnyctl admin: the passwords differ\n";
        return std::nullopt;
    }
    return password;
}

int createUser(const AdminOptions &o, std::istream &in, std::ostream &out, std::ostream &err)
{
    if (o.positional.size() != 2) {
        err << "usage: bunnyctl admin create-user USERNAME EMAIL [--password-stdin] [--data DIR | --config "
               "FILE]\n";
        return 2;
    }
    storage::User u;
    u.username = o.positional[0];
    u.email = o.positional[1];
    for (const auto &problem : {auth::checkUsername(u.username), auth::checkEmail(u.email)})
        if (problem) {
            err << "bunnyctl admin: " << *problem << '\n';
            return 1;
        }
    const auto password = readPassword(o, in, err);
    if (!password)
        return 1;
    if (auto problem = auth::checkPassword(*password, u.username)) {
        err << "bunnyctl admin: " << *problem << '\n';
        return 1;
    }
    const Settings s = settingsFor(o);
    auto db = storage::Database::open(s.dbUrl);
    storage::migrate(*db);
    u.passwordHash = auth::PasswordHasher(s.scryptN).hash(*password);
    if (!storage::UserStore(*db).create(u)) {
        err << "bunnyctl admin: the username or email is taken\n";
        return 1;
    }
    out << "created user " << u.username << " (" << u.id << ")\n";
    return 0;
}

int resetPassword(const AdminOptions &o, std::istream &in, std::ostream &out, std::ostream &err)
{
    if (o.positional.size() != 1) {
        err << "usage: bunnyctl admin reset-password USERNAME [--password-stdin] [--data DIR | --config "
               "FILE]\n";
        return 2;
    }
    const Settings s = settingsFor(o);
    auto db = storage::Database::open(s.dbUrl);
    storage::migrate(*db);
    storage::UserStore users(*db);
    const auto user = users.byUsername(o.positional[0]);
    if (!user) {
        err << "bunnyctl admin: no user '" << o.positional[0] << "'\n";
        return 1;
    }
    const auto password = readPassword(o, in, err);
    if (!password)
        return 1;
    if (auto problem = auth::checkPassword(*password, user->username)) {
        err << "bunnyctl admin: " << *problem << '\n';
        return 1;
    }
    users.setPassword(user->id, auth::PasswordHasher(s.scryptN).hash(*password));
    out << "password of " << user->username << " reset; every session signed out\n";
    return 0;
}

int listUsers(const AdminOptions &o, std::ostream &out)
{
    const Settings s = settingsFor(o);
    auto db = storage::Database::open(s.dbUrl);
    storage::migrate(*db);
    nlohmann::json all = nlohmann::json::array();
    for (const auto &u : storage::UserStore(*db).list()) {
        const std::string created =
            Poco::DateTimeFormatter::format(Poco::Timestamp(u.created * 1000), "%Y-%m-%dT%H:%M:%SZ");
        if (o.json)
            all.push_back({{"id", u.id}, {"username", u.username}, {"email", u.email}, {"created", created}});
        else
            out << u.username << '\t' << u.email << '\t' << created << '\n';
    }
    if (o.json)
        out << all.dump() << '\n';
    return 0;
}

int importProblems(const AdminOptions &o, std::ostream &out, std::ostream &err)
{
    if (o.positional.size() != 1) {
        err << "usage: bunnyctl admin import-problems DIR [--data DIR | --config FILE]\n";
        return 2;
    }
    const Settings s = settingsFor(o);
    const auto imported = problems::importProblemSet(o.positional[0], s.problemsDir, s.dataDir);
    if (!imported) {
        err << "bunnyctl admin import-problems: " << imported.message() << '\n';
        return 1;
    }
    out << "imported " << *imported << (*imported == 1 ? " problem" : " problems") << " into "
        << problems::importedProblemsDir(s.dataDir) << "; ";
    // A running bunnyd watches that folder (problems.reload_ms) and reloads on SIGHUP.
    if (s.problemsReloadMs > 0)
        out << "a running bunnyd offers them within " << (s.problemsReloadMs + 999) / 1000
            << " s (at once after SIGHUP: systemctl reload bunnyd)\n";
    else
        out << "a running bunnyd offers them after SIGHUP (systemctl reload bunnyd)\n";
    return 0;
}

} // namespace

std::string adminUsage()
{
    return "  admin create-user USERNAME EMAIL   add an account (password from a prompt or "
           "--password-stdin)\n"
           "  admin reset-password USERNAME      set a new password and sign the user out everywhere\n"
           "  admin list-users [--json]          list accounts\n"
           "  admin import-problems DIR          validate a problem set and add it to the server's data\n"
           "        (admin commands take --data DIR or --config FILE, like bunnyd)\n";
}

int runAdminCommand(const std::vector<std::string> &args, std::istream &in, std::ostream &out,
                    std::ostream &err)
{
    if (args.empty()) {
        err << "usage:\n" << adminUsage();
        return 2;
    }
    const auto options = parseOptions(std::vector<std::string>(args.begin() + 1, args.end()), err);
    if (!options)
        return 2;
    try {
        if (args[0] == "create-user")
            return createUser(*options, in, out, err);
        if (args[0] == "reset-password")
            return resetPassword(*options, in, out, err);
        if (args[0] == "list-users")
            return listUsers(*options, out);
        if (args[0] == "import-problems")
            return importProblems(*options, out, err);
    } catch (const Poco::Exception &e) {
        err << "bunnyctl admin: " << e.displayText() << '\n';
        return 1;
    } catch (const std::exception &e) {
        err << "bunnyctl admin: " << e.what() << '\n';
        return 1;
    }
    err << "bunnyctl admin: unknown command '" << args[0] << "'\nusage:\n" << adminUsage();
    return 2;
}

} // namespace bunny::backend
