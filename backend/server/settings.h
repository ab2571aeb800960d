#pragma once

#include "battles/battleconfig.h"
#include "server/trustedproxies.h"
#include "storage/s3config.h"

#include <cstdint>
#include <map>
#include <string>

namespace Poco::Util {
class AbstractConfiguration;
}

namespace bunny::backend {

/// Everything an operator can set; the .properties keys are given beside each field.
/// Defaults run one machine with no set-up at all.
struct Settings
{
    std::string bind = "127.0.0.1";       // server.bind
    int port = 8737;                      // server.port (0: any free port)
    int threads = 64;                     // server.threads
    std::string portFile;                 // server.port_file: the bound port is written there
    std::string dataDir;                  // data.dir
    std::string dbUrl;                    // db.url: sqlite:PATH or postgresql://...; default DATA/bunny.db
    std::string logFormat = "text";       // log.format: text | json
    std::string logLevel = "information"; // log.level
    std::string tlsCert, tlsKey;          // tls.cert, tls.key: PEM files; both set means HTTPS

    int accessTtl = 900;              // auth.access_ttl (s)
    int refreshTtl = 30 * 24 * 3600;  // auth.refresh_ttl (s)
    std::uint64_t scryptN = 1u << 15; // auth.scrypt_n

    std::int64_t maxRecordingBytes = 50ll << 20; // limits.recording_bytes (uncompressed)
    std::int64_t maxArchiveBytes = 100ll << 20;  // limits.archive_bytes
    std::int64_t maxJsonBytes = 1 << 20;         // limits.json_bytes
    std::int64_t maxAvatarBytes = 1 << 20;       // limits.avatar_bytes

    int rateWindow = 60;      // ratelimit.window (s)
    int loginPerIp = 30;      // ratelimit.login_per_ip (0: unlimited)
    int loginPerAccount = 10; // ratelimit.login_per_account
    int registerPerIp = 10;   // ratelimit.register_per_ip
    int runsPerMinute = 30;   // ratelimit.runs_per_minute (per user; 0: unlimited)

    std::string sandboxBackend = "auto";               // sandbox.backend: auto | native | docker (--sandbox)
    int sandboxPrepared = 2;                           // sandbox.prepared: boxes or containers kept ready
    std::string dockerSocket = "/var/run/docker.sock"; // sandbox.docker_socket
    std::string dockerImage;                           // sandbox.docker_image (empty: built locally)
    int runConcurrency = 0;                            // runs.concurrency (0: the number of cores)
    int runQueue = -1;                  // runs.queue: runs that may wait (-1: 4 × concurrency)
    std::int64_t maxCpuMs = 10000;      // runs.max_cpu_ms: caps on what a request may ask
    std::int64_t maxWallMs = 20000;     // runs.max_wall_ms
    std::int64_t maxMemoryKb = 1 << 20; // runs.max_memory_kb
    std::int64_t maxProcesses = 256;    // runs.max_processes
    std::int64_t maxOutputKb = 1024;    // runs.max_output_kb (per stream)
    std::map<std::string, std::string> dockerLanguageImages; // sandbox.docker_images.<language>

    battles::BattleConfig battles; // battles.* (backend/battles/README.md); recordings in DATA/battles
    std::string problemsDir;       // problems.dir: the bundled set (empty: problems::defaultProblemsDir())

    // Abuse limits of the connection layer (security).
    int timeout = 20;             // server.timeout (s): a read or write stalled longer ends the connection
    int keepAliveTimeout = 10;    // server.keepalive_timeout (s): an idle keep-alive connection is closed
    int maxConnectionsPerIp = 32; // server.max_connections_per_ip (0: unlimited; trusted proxies exempt)

    // Scale-out (backend/scale, packaging/OPERATIONS.md).
    std::string role = "all";           // server.role: all | api | runner (--role)
    std::string redisUrl;               // redis.url: redis://[:password@]host[:port][/db]; empty: no Redis
    std::string redisPrefix = "bunny:"; // redis.prefix: every key starts with it
    std::int64_t runDispatchMs = 60000; // runs.dispatch_timeout_ms: wait for a runner and its run
    std::int64_t runnerHeartbeatMs = 10000; // runs.runner_heartbeat_ms: a runner silent this long is dead

    // Object store (backend/storage).
    std::string storeBackend = "filesystem"; // store.backend: filesystem | s3
    int storeCacheMb = 64;                   // store.cache_mb: recently read objects kept in memory (0: none)
    int rowCacheMs = 1000;                   // cache.rows_ttl_ms: recording rows kept for GETs (0: none)
    storage::S3Config s3;                    // s3.endpoint, s3.region, s3.bucket, s3.access_key, …
    bool s3RedirectContent = true;           // s3.redirect_content: 302 to a presigned URL for downloads
    int s3PresignTtl = 300;                  // s3.presign_ttl_s: how long a presigned URL works

    // Problems (backend/problems): how often DATA/problems is checked for imported sets (0: only
    // on SIGHUP).
    int problemsReloadMs = 2000; // problems.reload_ms

    // Proxies whose X-Forwarded-For / X-Real-IP is believed for per-address limits and logs
    // (server.trusted_proxies: addresses and CIDR networks; empty: the TCP peer always counts).
    TrustedProxies trustedProxies;

    /// $XDG_DATA_HOME/bunny/server, else ~/.local/share/bunny/server.
    static std::string defaultDataDir();
    /// Reads every key present in config over the defaults.
    void load(const Poco::Util::AbstractConfiguration &config);
    /// Fills what depends on others (db.url from data.dir, S3 keys from AWS_ACCESS_KEY_ID and
    /// AWS_SECRET_ACCESS_KEY when the file has none) and checks the store settings.
    void finish();
};

} // namespace bunny::backend
