#include "core/version.h"

namespace bunny {

std::string_view version()
{
    return BUNNY_VERSION;
}

} // namespace bunny
