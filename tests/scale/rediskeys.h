#pragma once

#include "scale/redisconnection.h"

#include <string>
#include <vector>

namespace bunny::test {

/// Deletes every key under the given prefixes: the suites share one Redis and leave nothing behind.
inline void dropRedisKeys(backend::scale::RedisPool &pool, const std::vector<std::string> &prefixes)
{
    auto redis = pool.acquire();
    for (const auto &prefix : prefixes)
        for (const auto &key : redis->array({"KEYS", prefix + "*"}))
            if (key)
                redis->integer({"DEL", *key});
    redis.keep();
}

} // namespace bunny::test
