#pragma once

#include <core/result.h>

#include <string>
#include <vector>

namespace bunny::problems {

/// The bundled set when problems.dir is not set: the source tree's resources/problems for a
/// program run from the build tree, else the installed /usr/share/bunny/problems.
std::string defaultProblemsDir();

/// DATA/problems: the sets imported with `bunnyctl admin import-problems`, one folder each.
std::string importedProblemsDir(const std::string &dataDir);

/// What the server loads: the bundled folder, then every imported set in name order.
std::vector<std::string> problemDirs(const std::string &bundledDir, const std::string &dataDir);

/// Validates the set in `source` (together with the bundled and the other imported sets, so no
/// slug is taken twice) and copies it to DATA/problems/<name of source>, replacing an earlier
/// import of that name. Atomic: a copy is made beside it and renamed into place, so a failure
/// leaves nothing half-imported. Answers the number of problems imported.
Result<int> importProblemSet(const std::string &source, const std::string &bundledDir,
                             const std::string &dataDir);

} // namespace bunny::problems
