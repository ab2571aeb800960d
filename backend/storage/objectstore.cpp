#include "storage/objectstore.h"

#include <Poco/SHA2Engine.h>

namespace bunny::backend::storage {

POCO_IMPLEMENT_EXCEPTION(StoreUnavailableException, Poco::IOException, "Object store unavailable")

std::string sha256Hex(std::string_view bytes)
{
    Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
    engine.update(bytes.data(), unsigned(bytes.size()));
    return Poco::DigestEngine::digestToHex(engine.digest());
}

bool isSha256Hex(std::string_view s)
{
    if (s.size() != 64)
        return false;
    for (char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    return true;
}

} // namespace bunny::backend::storage
