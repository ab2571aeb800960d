#include "server/settings.h"

#include "battles/battlesettings.h"
#include "problems/problemstore.h"

#include <Poco/Environment.h>
#include <Poco/Exception.h>
#include <Poco/Path.h>
#include <Poco/Util/AbstractConfiguration.h>

namespace bunny::backend {

std::string Settings::defaultDataDir()
{
    std::string base = Poco::Environment::get("XDG_DATA_HOME", "");
    if (base.empty())
        base = Poco::Path::home() + ".local/share";
    return base + "/bunny/server";
}

void Settings::load(const Poco::Util::AbstractConfiguration &c)
{
    bind = c.getString("server.bind", bind);
    port = c.getInt("server.port", port);
    threads = c.getInt("server.threads", threads);
    portFile = c.getString("server.port_file", portFile);
    dataDir = c.getString("data.dir", dataDir);
    dbUrl = c.getString("db.url", dbUrl);
    logFormat = c.getString("log.format", logFormat);
    logLevel = c.getString("log.level", logLevel);
    tlsCert = c.getString("tls.cert", tlsCert);
    tlsKey = c.getString("tls.key", tlsKey);
    accessTtl = c.getInt("auth.access_ttl", accessTtl);
    refreshTtl = c.getInt("auth.refresh_ttl", refreshTtl);
    scryptN = c.getUInt64("auth.scrypt_n", scryptN);
    maxRecordingBytes = c.getInt64("limits.recording_bytes", maxRecordingBytes);
    maxArchiveBytes = c.getInt64("limits.archive_bytes", maxArchiveBytes);
    maxJsonBytes = c.getInt64("limits.json_bytes", maxJsonBytes);
    maxAvatarBytes = c.getInt64("limits.avatar_bytes", maxAvatarBytes);
    rateWindow = c.getInt("ratelimit.window", rateWindow);
    loginPerIp = c.getInt("ratelimit.login_per_ip", loginPerIp);
    loginPerAccount = c.getInt("ratelimit.login_per_account", loginPerAccount);
    registerPerIp = c.getInt("ratelimit.register_per_ip", registerPerIp);
    runsPerMinute = c.getInt("ratelimit.runs_per_minute", runsPerMinute);
    sandboxBackend = c.getString("sandbox.backend", sandboxBackend);
    problemsDir = c.getString("problems.dir", problemsDir);
    sandboxPrepared = c.getInt("sandbox.prepared", sandboxPrepared);
    dockerSocket = c.getString("sandbox.docker_socket", dockerSocket);
    dockerImage = c.getString("sandbox.docker_image", dockerImage);
    runConcurrency = c.getInt("runs.concurrency", runConcurrency);
    runQueue = c.getInt("runs.queue", runQueue);
    maxCpuMs = c.getInt64("runs.max_cpu_ms", maxCpuMs);
    maxWallMs = c.getInt64("runs.max_wall_ms", maxWallMs);
    maxMemoryKb = c.getInt64("runs.max_memory_kb", maxMemoryKb);
    maxProcesses = c.getInt64("runs.max_processes", maxProcesses);
    maxOutputKb = c.getInt64("runs.max_output_kb", maxOutputKb);
    Poco::Util::AbstractConfiguration::Keys languages;
    c.keys("sandbox.docker_images", languages);
    for (const auto &language : languages)
        dockerLanguageImages[language] = c.getString("sandbox.docker_images." + language);
    battles::loadBattleConfig(c, battles);
    timeout = c.getInt("server.timeout", timeout);
    keepAliveTimeout = c.getInt("server.keepalive_timeout", keepAliveTimeout);
    maxConnectionsPerIp = c.getInt("server.max_connections_per_ip", maxConnectionsPerIp);
    role = c.getString("server.role", role);
    redisUrl = c.getString("redis.url", redisUrl);
    redisPrefix = c.getString("redis.prefix", redisPrefix);
    runDispatchMs = c.getInt64("runs.dispatch_timeout_ms", runDispatchMs);
    runnerHeartbeatMs = c.getInt64("runs.runner_heartbeat_ms", runnerHeartbeatMs);
    storeBackend = c.getString("store.backend", storeBackend);
    storeCacheMb = c.getInt("store.cache_mb", storeCacheMb);
    rowCacheMs = c.getInt("cache.rows_ttl_ms", rowCacheMs);
    s3.endpoint = c.getString("s3.endpoint", s3.endpoint);
    s3.region = c.getString("s3.region", s3.region);
    s3.bucket = c.getString("s3.bucket", s3.bucket);
    s3.accessKey = c.getString("s3.access_key", s3.accessKey);
    s3.secretKey = c.getString("s3.secret_key", s3.secretKey);
    s3.pathStyle = c.getBool("s3.path_style", s3.pathStyle);
    s3.prefix = c.getString("s3.prefix", s3.prefix);
    s3.connectAddress = c.getString("s3.connect_address", s3.connectAddress);
    s3.caFile = c.getString("s3.ca_file", s3.caFile);
    s3.timeoutSeconds = c.getInt("s3.timeout_s", s3.timeoutSeconds);
    s3RedirectContent = c.getBool("s3.redirect_content", s3RedirectContent);
    s3PresignTtl = c.getInt("s3.presign_ttl_s", s3PresignTtl);
    problemsReloadMs = c.getInt("problems.reload_ms", problemsReloadMs);
    if (c.has("server.trusted_proxies"))
        trustedProxies = TrustedProxies::parse(c.getString("server.trusted_proxies"));
}

void Settings::finish()
{
    if (dataDir.empty())
        dataDir = defaultDataDir();
    if (dbUrl.empty())
        dbUrl = "sqlite:" + dataDir + "/bunny.db";
    if (battles.recordingsDir.empty())
        battles.recordingsDir = dataDir + "/battles";
    if (problemsDir.empty())
        problemsDir = problems::defaultProblemsDir();
    if (storeBackend != "filesystem" && storeBackend != "s3")
        throw Poco::InvalidArgumentException("store.backend must be filesystem or s3, not '" + storeBackend +
                                             "'");
    if (s3.accessKey.empty())
        s3.accessKey = Poco::Environment::get("AWS_ACCESS_KEY_ID", "");
    if (s3.secretKey.empty())
        s3.secretKey = Poco::Environment::get("AWS_SECRET_ACCESS_KEY", "");
    // S3 allows presigned URLs for at most a week.
    if (s3PresignTtl < 1 || s3PresignTtl > 604800)
        throw Poco::InvalidArgumentException("s3.presign_ttl_s must be from 1 to 604800 seconds");
}

} // namespace bunny::backend
