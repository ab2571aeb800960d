#include "problems/problemcatalog.h"

#include "problems/problemstore.h"

#include <Poco/Logger.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <filesystem>
#include <pthread.h>
#include <sys/stat.h>

namespace bunny::problems {

namespace fs = std::filesystem;

ProblemCatalog::ProblemCatalog(std::string bundledDir, std::string dataDir)
    : m_bundledDir(std::move(bundledDir))
    , m_dataDir(std::move(dataDir))
    , m_set(std::make_shared<const ProblemSet>())
{}

bool ProblemCatalog::hasBundled() const
{
    std::error_code error;
    return fs::is_directory(m_bundledDir, error);
}

std::vector<std::string> ProblemCatalog::dirs() const
{
    auto dirs = problemDirs(m_bundledDir, m_dataDir);
    if (!hasBundled())
        dirs.erase(dirs.begin());
    return dirs;
}

std::string ProblemCatalog::fingerprint() const
{
    std::vector<std::string> entries;
    std::error_code error;
    for (const auto &entry : fs::directory_iterator(importedProblemsDir(m_dataDir), error)) {
        const std::string name = entry.path().filename().string();
        struct stat info = {};
        if (name.front() == '.' || ::stat(entry.path().c_str(), &info) != 0 || !S_ISDIR(info.st_mode))
            continue;
        entries.push_back(name + ':' + std::to_string(info.st_ino) + ':' +
                          std::to_string(info.st_mtim.tv_sec) + '.' + std::to_string(info.st_mtim.tv_nsec));
    }
    std::sort(entries.begin(), entries.end());
    std::string out;
    for (const auto &entry : entries)
        out += entry + '\n';
    return out;
}

Result<std::size_t> ProblemCatalog::reload()
{
    std::lock_guard reloading(m_reloadMutex);
    // Taken before loading: a change made while we load shows as a change afterwards.
    const std::string seen = fingerprint();
    auto loaded = ProblemSet::loadAll(dirs());
    std::lock_guard lock(m_mutex);
    // A broken folder is not retried until it changes again; the reason was reported once.
    m_fingerprint = seen;
    if (!loaded)
        return makeError(loaded.message());
    m_set = std::make_shared<const ProblemSet>(std::move(*loaded));
    return m_set->size();
}

bool ProblemCatalog::changedOnDisk() const
{
    const std::string now = fingerprint();
    std::lock_guard lock(m_mutex);
    return now != m_fingerprint;
}

std::shared_ptr<const ProblemSet> ProblemCatalog::current() const
{
    std::lock_guard lock(m_mutex);
    return m_set;
}

ProblemReloader::ProblemReloader(ProblemCatalog &catalog, int intervalMs)
    : m_catalog(catalog)
    , m_intervalMs(intervalMs)
{}

ProblemReloader::~ProblemReloader()
{
    stop();
}

void ProblemReloader::start()
{
    if (m_thread.joinable())
        return;
    // The thread is born with SIGHUP blocked (it inherits our mask), so stop()'s SIGHUP can never
    // reach it unblocked, even before it first waits.
    sigset_t hup, saved;
    sigemptyset(&hup);
    sigaddset(&hup, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &hup, &saved);
    m_stopping = false;
    m_thread = std::thread([this] { run(); });
    pthread_sigmask(SIG_SETMASK, &saved, nullptr);
}

void ProblemReloader::stop()
{
    if (!m_thread.joinable())
        return;
    m_stopping = true;
    pthread_kill(m_thread.native_handle(), SIGHUP); // wakes sigtimedwait at once
    m_thread.join();
}

void ProblemReloader::run()
{
    auto &log = Poco::Logger::get("bunnyd.problems");
    sigset_t hup;
    sigemptyset(&hup);
    sigaddset(&hup, SIGHUP);
    const int waitMs = m_intervalMs > 0 ? m_intervalMs : 1000;
    const timespec wait = {waitMs / 1000, long(waitMs % 1000) * 1000000};
    while (!m_stopping) {
        const int got = sigtimedwait(&hup, nullptr, &wait);
        if (m_stopping)
            return;
        const bool asked = got == SIGHUP;
        if (!asked && (m_intervalMs <= 0 || !m_catalog.changedOnDisk()))
            continue;
        const std::size_t before = m_catalog.current()->size();
        const auto loaded = m_catalog.reload();
        if (loaded)
            log.information("problems: reloaded (%s): %z in force, %z before",
                            std::string(asked ? "SIGHUP" : "the imported sets changed"), *loaded, before);
        else
            log.error("problems: reload failed, the %z problems loaded before stay in force: %s", before,
                      loaded.message());
    }
}

} // namespace bunny::problems
