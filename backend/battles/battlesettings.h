#pragma once

#include "battles/battleconfig.h"

namespace Poco::Util {
class AbstractConfiguration;
}

namespace bunny::backend::battles {

/// Reads every `battles.*` key present in config over the values in `config` (see README.md).
void loadBattleConfig(const Poco::Util::AbstractConfiguration &from, BattleConfig &config);

} // namespace bunny::backend::battles
