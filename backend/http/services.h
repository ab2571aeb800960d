#pragma once

#include "auth/passwordhasher.h"
#include "auth/ratelimiter.h"
#include "auth/sessionservice.h"
#include "auth/tokenservice.h"
#include "http/metrics.h"
#include "server/settings.h"
#include "storage/database.h"
#include "storage/objectstore.h"
#include "storage/userstore.h"

namespace bunny::backend::storage {
class RecordingCache;
}

namespace bunny::sandbox {
class Sandbox;
}

namespace bunny::backend {
class RunQueue;
}

namespace bunny::backend::battles {
class BattleHub;
}
namespace bunny::problems {
class ProblemCatalog;
}

namespace bunny::backend::http {

/// What handlers need, built once by the server and handed to the router, which passes it to
/// every handler it creates. Add a member here for a new service (e.g. the run queue).
struct Services
{
    const Settings &settings;
    storage::Database &db;
    storage::ObjectStore &store;
    auth::TokenService &tokens;
    auth::SessionService &sessions;
    auth::PasswordHasher &hasher;
    auth::RateLimiter &limiter;
    Metrics &metrics;
    /// Recording rows for the hot GET routes; null reads the database every time.
    storage::RecordingCache *recordingRows = nullptr;
    /// Code execution; null when the sandbox cannot run on this host (then /runs answers 503).
    sandbox::Sandbox *sandbox = nullptr;
    RunQueue *runs = nullptr;
    /// Live battles and their sockets (backend/battles); null when not running.
    battles::BattleHub *battles = nullptr;
    /// The problems (bundled and imported), reloaded while running; null serves an empty list.
    const problems::ProblemCatalog *problems = nullptr;
};

} // namespace bunny::backend::http
