#pragma once

#include "problems/problemset.h"

#include <core/result.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace bunny::problems {

/// The problems a running server offers: the bundled set and every set imported into
/// DATA/problems (problemstore.h), loaded as one ProblemSet and replaced whole by reload().
/// Readers take the set of the moment as a shared_ptr; a battle keeps its own problem
/// (ProblemSet::shared), so a reload never touches a battle already made.
class ProblemCatalog
{
public:
    ProblemCatalog(std::string bundledDir, std::string dataDir);

    /// Whether the bundled folder exists (a load without it serves the imported sets alone).
    bool hasBundled() const;
    /// The folders a load reads: the bundled one (when it exists), then the imported ones.
    std::vector<std::string> dirs() const;
    /// Loads every folder again and puts the result in force. On failure the set in force stays
    /// and the error names the file and the reason. Answers how many problems are in force.
    Result<std::size_t> reload();
    /// Whether DATA/problems changed (a set imported, replaced or removed) since the last reload().
    bool changedOnDisk() const;
    /// The set in force (empty before the first successful reload()).
    std::shared_ptr<const ProblemSet> current() const;

private:
    /// What DATA/problems holds: each set folder's name, inode and modification time. An import
    /// renames a whole folder into place, so every import changes it; staging folders are hidden.
    std::string fingerprint() const;

    const std::string m_bundledDir;
    const std::string m_dataDir;
    std::mutex m_reloadMutex;   // one reload at a time
    mutable std::mutex m_mutex; // guards m_set and m_fingerprint
    std::shared_ptr<const ProblemSet> m_set;
    std::string m_fingerprint;
};

/// Keeps a catalog current while the server runs: reloads it when the process gets SIGHUP
/// (`systemctl reload bunnyd`) and when DATA/problems changes, checked every intervalMs (0: on
/// SIGHUP only). The process must block SIGHUP in every thread before starting any (bunnyd
/// does), so that the signal waits for this thread instead of ending the process.
class ProblemReloader
{
public:
    ProblemReloader(ProblemCatalog &catalog, int intervalMs);
    ~ProblemReloader();
    ProblemReloader(const ProblemReloader &) = delete;
    ProblemReloader &operator=(const ProblemReloader &) = delete;

    void start();
    void stop();

private:
    void run();

    ProblemCatalog &m_catalog;
    const int m_intervalMs;
    std::atomic<bool> m_stopping = false;
    std::thread m_thread;
};

} // namespace bunny::problems
