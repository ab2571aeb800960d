#pragma once

#include <sandbox/sandbox.h>

#include <core/result.h>

#include <nlohmann/json.hpp>

namespace bunny::backend::scale {

/// A job in the POST /runs body shape, so runjson's jobFromJson reads it back on the runner.
nlohmann::json jobToJson(const sandbox::Job &job);
/// Reads back what sandbox::toJson(RunResult) wrote (the POST /runs answer).
[[nodiscard]] Result<sandbox::RunResult> resultFromJson(const nlohmann::json &json);

} // namespace bunny::backend::scale
