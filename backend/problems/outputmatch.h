#pragma once

#include <optional>
#include <string>

namespace bunny::problems {

/// Whether a program's output answers a test: both are split into lines, trailing spaces and
/// trailing blank lines ignored, and each line compared token by token. With a tolerance, two
/// tokens that both parse as numbers match when |a - b| <= tolerance * max(1, |expected|)
/// (absolute for small values, relative for large ones).
bool outputsMatch(const std::string &expected, const std::string &actual, std::optional<double> tolerance);

} // namespace bunny::problems
