#include "problems/problemstore.h"

#include "problems/problemset.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <filesystem>
#include <random>
#include <unistd.h>

namespace bunny::problems {

namespace fs = std::filesystem;

namespace {

bool startsWith(const std::string &text, const std::string &prefix)
{
    return text.compare(0, prefix.size(), prefix) == 0;
}

std::string randomSuffix()
{
    std::random_device device;
    return std::to_string(device()) + "-" + std::to_string(::getpid());
}

/// A set's folder name: the source folder's name, kept to a safe alphabet.
std::string setName(const fs::path &source)
{
    std::string name = fs::absolute(source).lexically_normal().filename().string();
    if (name.empty())
        name = fs::absolute(source).lexically_normal().parent_path().filename().string();
    for (char &c : name) {
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_')
            c = '-';
    }
    if (name.empty() || name.front() == '.' || name.front() == '-')
        name = "set" + name;
    return name;
}

/// Copies problem folders only (no hidden entries), never following symbolic links out of the set.
void copySet(const fs::path &from, const fs::path &to)
{
    fs::create_directories(to);
    for (const auto &entry : fs::directory_iterator(from)) {
        const std::string name = entry.path().filename().string();
        if (name.front() == '.' || entry.is_symlink())
            continue;
        if (entry.is_directory())
            copySet(entry.path(), to / name);
        else if (entry.is_regular_file())
            fs::copy_file(entry.path(), to / name);
    }
}

} // namespace

std::string defaultProblemsDir()
{
    std::error_code error;
    const std::string exe = fs::read_symlink("/proc/self/exe", error).string();
    if (!error && startsWith(exe, std::string(BUNNY_BINARY_DIR) + "/") &&
        fs::is_directory(BUNNY_SOURCE_PROBLEMS_DIR, error))
        return BUNNY_SOURCE_PROBLEMS_DIR;
    return BUNNY_INSTALLED_PROBLEMS_DIR;
}

std::string importedProblemsDir(const std::string &dataDir)
{
    return (fs::path(dataDir) / "problems").string();
}

std::vector<std::string> problemDirs(const std::string &bundledDir, const std::string &dataDir)
{
    std::vector<std::string> dirs = {bundledDir};
    std::error_code error;
    const fs::path imported = importedProblemsDir(dataDir);
    if (!fs::is_directory(imported, error))
        return dirs;
    std::vector<std::string> sets;
    for (const auto &entry : fs::directory_iterator(imported, error)) {
        if (entry.is_directory() && entry.path().filename().string().front() != '.')
            sets.push_back(entry.path().string());
    }
    std::sort(sets.begin(), sets.end());
    dirs.insert(dirs.end(), sets.begin(), sets.end());
    return dirs;
}

Result<int> importProblemSet(const std::string &source, const std::string &bundledDir,
                             const std::string &dataDir)
{
    const auto alone = ProblemSet::load(source);
    if (!alone)
        return makeError(alone.message());
    const fs::path imported = importedProblemsDir(dataDir);
    const fs::path target = imported / setName(source);
    std::error_code error;
    if (fs::equivalent(source, target, error))
        return makeError(source + ": this set is already the imported copy");

    // Check the slugs against everything the server would load besides the set it replaces.
    std::vector<std::string> dirs;
    for (const auto &dir : problemDirs(bundledDir, dataDir)) {
        if (fs::path(dir) != target && fs::is_directory(dir, error))
            dirs.push_back(dir);
    }
    dirs.push_back(source);
    const auto together = ProblemSet::loadAll(dirs);
    if (!together)
        return makeError(together.message());

    const fs::path staging = imported / (".import-" + randomSuffix());
    try {
        fs::create_directories(imported);
        copySet(source, staging);
        // The copy must load exactly as the source did (a file vanished or changed meanwhile).
        const auto copied = ProblemSet::load(staging.string());
        if (!copied || copied->size() != alone->size())
            throw fs::filesystem_error("the copy does not load: " +
                                           (copied ? std::string("problems differ") : copied.message()),
                                       staging, std::make_error_code(std::errc::io_error));
        if (fs::exists(target)) {
            // One atomic swap: readers see the old set or the new one, never neither.
            if (::renameat2(AT_FDCWD, staging.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) != 0)
                throw fs::filesystem_error("cannot swap in the new set", staging, target,
                                           std::error_code(errno, std::generic_category()));
            fs::remove_all(staging);
        } else {
            fs::rename(staging, target);
        }
    } catch (const fs::filesystem_error &failure) {
        fs::remove_all(staging, error);
        return makeError(std::string("cannot import into ") + imported.string() + ": " + failure.what());
    }
    return static_cast<int>(alone->size());
}

} // namespace bunny::problems
