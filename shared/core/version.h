#pragma once

#include <string_view>

namespace bunny {

/// The product version, e.g. "0.1.0"; the same for bunny, bunnyd and bunnyctl.
std::string_view version();

} // namespace bunny
