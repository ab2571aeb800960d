#pragma once

#include "sandbox/sandbox.h"

#include <core/result.h>

#include <nlohmann/json.hpp>

namespace bunny::sandbox {

/// The REST shape of a run result (DESIGN.md, POST /runs).
nlohmann::json toJson(const RunResult &result);
/// The REST shape of GET /languages.
nlohmann::json toJson(const std::vector<LanguageInfo> &languages);
/// Parses a POST /runs body; a readable error for anything malformed.
[[nodiscard]] Result<Job> jobFromJson(const nlohmann::json &body);

} // namespace bunny::sandbox
