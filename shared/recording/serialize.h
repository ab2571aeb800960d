#pragma once

#include "recording/event.h"
#include "recording/header.h"

#include <string>

namespace bunny::rec {

/// One JSON line without the trailing '\n': the header with "bunnyrec": 1 as its first key.
std::string serialize(const Header &header);
/// One JSON line without the trailing '\n', e.g. [1200,"i","main.py",4,"é"].
std::string serialize(const Event &event);
/// Appends serialize(event) and a '\n' to `out`; the writer's allocation-free path.
void appendLine(std::string &out, const Event &event);

} // namespace bunny::rec
