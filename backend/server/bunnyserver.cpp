#include "server/bunnyserver.h"

#include "auth/passwordhasher.h"
#include "auth/ratelimiter.h"
#include "auth/sessionservice.h"
#include "auth/tokenservice.h"
#include "battles/battlehub.h"
#include "http/metrics.h"
#include "http/router.h"
#include "http/routes.h"
#include "http/services.h"
#include "problems/problemcatalog.h"
#include "runs/runqueue.h"
#include "scale/battlecluster.h"
#include "scale/redisconnection.h"
#include "scale/redisratelimiter.h"
#include "scale/redisrunqueue.h"
#include "server/jsonformatter.h"
#include "server/keepalivesocket.h"
#include "server/limitedhttpserver.h"
#include "storage/cachingstore.h"
#include "storage/database.h"
#include "storage/filestore.h"
#include "storage/migrations.h"
#include "storage/recordingcache.h"
#include "storage/s3store.h"

#include <core/version.h>
#include <problems/judge.h>
#include <problems/problemset.h>
#include <sandbox/sandboxfactory.h>

#include <Poco/AutoPtr.h>
#include <Poco/ConsoleChannel.h>
#include <Poco/File.h>
#include <Poco/FileStream.h>
#include <Poco/FormattingChannel.h>
#include <Poco/Logger.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/PatternFormatter.h>
#include <Poco/ThreadPool.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/MapConfiguration.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>
#include <Poco/Util/PropertyFileConfiguration.h>

#include <iostream>
#include <mutex>
#include <optional>
#include <pthread.h>
#include <signal.h>

namespace bunny::backend {

void BunnyServer::defineOptions(Poco::Util::OptionSet &options)
{
    ServerApplication::defineOptions(options);
    using Poco::Util::Option;
    options.addOption(Option("help", "h", "Print this help.").repeatable(false));
    options.addOption(Option("port", "p", "TCP port (default 8737; 0 picks a free one).").argument("N"));
    options.addOption(Option("bind", "b", "Address to listen on (default 127.0.0.1).").argument("ADDR"));
    options.addOption(
        Option("data", "d", "Data folder (default $XDG_DATA_HOME/bunny/server).").argument("DIR"));
    options.addOption(Option("config", "c", "A .properties file of settings.").argument("FILE"));
    options.addOption(
        Option("port-file", "", "Write the bound port to FILE once listening.").argument("FILE"));
    options.addOption(Option("log-format", "", "Log lines as text (default) or json.").argument("FORMAT"));
    options.addOption(
        Option("sandbox", "", "Code execution: auto (Docker when it answers), native or docker.")
            .argument("KIND"));
    options.addOption(
        Option("role", "", "all (default), api (runs go to the Redis queue) or runner (takes runs from it).")
            .argument("ROLE"));
}

void BunnyServer::handleOption(const std::string &name, const std::string &value)
{
    ServerApplication::handleOption(name, value);
    if (name == "help") {
        m_helpRequested = true;
        Poco::Util::HelpFormatter help(options());
        help.setCommand(commandName());
        help.setUsage("[--port N] [--data DIR] [--bind ADDR] [--config FILE]");
        help.setHeader("bunnyd: the Bunny Code server (accounts, projects, recordings).");
        help.format(std::cout);
        stopOptionsProcessing();
    } else if (name == "config") {
        m_configFile = value;
    } else {
        static const std::map<std::string, std::string> kKeys = {
            {"port", "server.port"},           {"bind", "server.bind"},      {"data", "data.dir"},
            {"port-file", "server.port_file"}, {"log-format", "log.format"}, {"sandbox", "sandbox.backend"},
            {"role", "server.role"},
        };
        if (auto it = kKeys.find(name); it != kKeys.end())
            m_overrides[it->second] = value;
    }
}

Poco::Net::SocketAddress BunnyServer::listenAddress() const
{
    return Poco::Net::SocketAddress(m_settings.bind, Poco::UInt16(m_settings.port));
}

Poco::Net::ServerSocket BunnyServer::secureSocket() const
{
    if (m_settings.tlsCert.empty() || m_settings.tlsKey.empty())
        throw Poco::InvalidArgumentException("HTTPS needs both tls.cert and tls.key");
    static std::once_flag once;
    std::call_once(once, [] { Poco::Net::initializeSSL(); });
    // Clients are not asked for certificates; TLS 1.2 or newer only.
    Poco::Net::Context::Ptr context =
        new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, m_settings.tlsKey, m_settings.tlsCert, "",
                               Poco::Net::Context::VERIFY_NONE, 9, false, "HIGH:!aNULL:!MD5:!RC4");
    context->disableProtocols(Poco::Net::Context::PROTO_SSLV2 | Poco::Net::Context::PROTO_SSLV3 |
                              Poco::Net::Context::PROTO_TLSV1 | Poco::Net::Context::PROTO_TLSV1_1);
    return Poco::Net::SecureServerSocket(listenAddress(), 64, context);
}

void BunnyServer::setUpLogging()
{
    // No timestamps: journald stamps every line; the level comes first for grepping.
    Poco::AutoPtr<Poco::Formatter> formatter;
    if (m_settings.logFormat == "json")
        formatter = new JsonFormatter;
    else
        formatter = new Poco::PatternFormatter("%p %s: %t");
    Poco::AutoPtr<Poco::Channel> channel(new Poco::FormattingChannel(formatter, new Poco::ConsoleChannel));
    Poco::Logger::root().setChannel(channel);
    Poco::Logger::root().setLevel(m_settings.logLevel);
    Poco::Logger::setChannel("", channel);
    Poco::Logger::setLevel("", Poco::Logger::parseLevel(m_settings.logLevel));
}

void BunnyServer::publishLimits(http::Metrics &metrics) const
{
    const auto &s = m_settings;
    for (const auto &[name, value] : std::initializer_list<std::pair<const char *, double>>{
             {"ratelimit_window_seconds", s.rateWindow},
             {"login_per_ip", s.loginPerIp},
             {"login_per_account", s.loginPerAccount},
             {"register_per_ip", s.registerPerIp},
             {"runs_per_minute", s.runsPerMinute},
             {"connections_per_ip", s.maxConnectionsPerIp},
             {"server_timeout_seconds", s.timeout},
             {"keepalive_timeout_seconds", s.keepAliveTimeout},
             {"json_bytes", double(s.maxJsonBytes)},
             {"recording_bytes", double(s.maxRecordingBytes)},
             {"archive_bytes", double(s.maxArchiveBytes)},
             // secbattle: the battle socket's limits (backend/battles/README.md)
             {"battle_message_bytes", double(s.battles.maxFrameBytes)},
             {"battle_messages_per_s", s.battles.messagesPerSecond},
             {"battle_outbox_bytes", double(s.battles.maxOutboxBytes)},
             {"battle_sockets_per_user", s.battles.maxSocketsPerUser}})
        metrics.setLimit(name, value);
}

int BunnyServer::main(const std::vector<std::string> &)
{
    if (m_helpRequested)
        return EXIT_OK;
    // Block the stop signals before any thread starts, so every thread inherits the mask and
    // waitForTerminationRequest's sigwait gets them, even one sent the moment we are ready.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGINT);
    sigaddset(&stopSignals, SIGQUIT);
    sigaddset(&stopSignals, SIGTERM);
    sigaddset(&stopSignals, SIGHUP); // not a stop: the problem reloader waits for it
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);
    auto &log = Poco::Logger::get("bunnyd");
    try {
        if (!m_configFile.empty())
            m_settings.load(*Poco::AutoPtr(new Poco::Util::PropertyFileConfiguration(m_configFile)));
        Poco::AutoPtr<Poco::Util::MapConfiguration> cli(new Poco::Util::MapConfiguration);
        for (const auto &[key, value] : m_overrides)
            cli->setString(key, value);
        m_settings.load(*cli);
        m_settings.finish();
        if (m_settings.logFormat != "text" && m_settings.logFormat != "json")
            throw Poco::InvalidArgumentException("log.format must be text or json");
        setUpLogging();

        Poco::File(m_settings.dataDir).createDirectories();
        auto db = storage::Database::open(m_settings.dbUrl);
        const int schema = storage::migrate(*db);
        std::unique_ptr<storage::ObjectStore> objects;
        if (m_settings.storeBackend == "s3") {
            auto s3 = std::make_unique<storage::S3Store>(m_settings.s3);
            // S3 being down at start is not fatal: requests that need it answer 503 until it is back.
            if (s3->ping())
                log.information("object store: S3 %s", s3->describe());
            else
                log.warning("object store: S3 %s does not answer yet (or denies access to the bucket)",
                            s3->describe());
            objects = std::move(s3);
        } else {
            auto files = std::make_unique<storage::FileStore>(m_settings.dataDir + "/objects");
            if (files->removedTempFiles() > 0)
                log.warning("removed %d temp files of uploads cut short by a crash",
                            files->removedTempFiles());
            objects = std::move(files);
        }
        if (m_settings.storeCacheMb > 0)
            objects = std::make_unique<storage::CachingStore>(std::move(objects),
                                                              std::size_t(m_settings.storeCacheMb) << 20);
        storage::ObjectStore &store = *objects;
        auth::TokenService tokens(auth::TokenService::loadOrCreateSecret(m_settings.dataDir + "/secret"),
                                  m_settings.accessTtl);
        auth::SessionService sessions(*db, tokens, m_settings.refreshTtl);
        auth::PasswordHasher hasher(m_settings.scryptN);
        // Scale-out: with redis.url, rate limits live in Redis and runs go through its queue.
        const auto &role = m_settings.role;
        if (role != "all" && role != "api" && role != "runner")
            throw Poco::InvalidArgumentException("server.role must be all, api or runner");
        std::unique_ptr<scale::RedisPool> redis;
        if (!m_settings.redisUrl.empty()) {
            redis = std::make_unique<scale::RedisPool>(scale::RedisUrl::parse(m_settings.redisUrl));
            auto probe = redis->acquire(); // fail at start, not on the first request
            probe->string({"PING"});
            probe.keep();
        } else if (role != "all") {
            throw Poco::InvalidArgumentException("--role " + role +
                                                 " needs redis.url (the shared run queue)");
        }
        http::Metrics metrics;
        const auto limiterFailed = [&metrics] { metrics.rateLimitBackendError(); };
        std::unique_ptr<auth::RateLimiter> limiter =
            redis ? std::make_unique<scale::RedisRateLimiter>(*redis, m_settings.redisPrefix, limiterFailed)
                  : std::make_unique<auth::RateLimiter>();
        http::Services services{m_settings, *db, store, tokens, sessions, hasher, *limiter, metrics};
        storage::RecordingCache recordingRows(*db,
                                              std::chrono::milliseconds(std::max(0, m_settings.rowCacheMs)));
        services.recordingRows = &recordingRows;

        // Code execution, made on first use: a server that never runs code pays nothing, and one
        // without a usable sandbox still serves everything else (/runs answers 503).
        sandbox::SandboxOptions sandboxOptions;
        sandboxOptions.backend = m_settings.sandboxBackend;
        sandboxOptions.prepared = m_settings.sandboxPrepared;
        sandboxOptions.dockerSocket = m_settings.dockerSocket;
        sandboxOptions.dockerImage = m_settings.dockerImage;
        sandboxOptions.maxima.cpuMs = m_settings.maxCpuMs;
        sandboxOptions.maxima.wallMs = m_settings.maxWallMs;
        sandboxOptions.maxima.memoryKb = m_settings.maxMemoryKb;
        sandboxOptions.maxima.processes = m_settings.maxProcesses;
        sandboxOptions.maxima.outputKb = m_settings.maxOutputKb;
        sandboxOptions.dockerLanguageImages = m_settings.dockerLanguageImages;
        // Boxes mount /usr: the problems (hidden tests, solutions) must not show through it.
        sandboxOptions.hiddenPaths = {m_settings.problemsDir, m_settings.dataDir};
        const auto codeSandbox = sandbox::createLazySandbox(sandboxOptions);
        RunQueue localRuns(*codeSandbox, RunQueue::Config{m_settings.runConcurrency, m_settings.runQueue});
        // api and all (with Redis) hand POST /runs to the queue; the requests wait on it, so they
        // are bounded like local runs but by how many may wait, not by cores.
        std::unique_ptr<scale::RedisRunDispatcher> dispatcher;
        std::unique_ptr<RunQueue> queuedRuns;
        if (redis && role != "runner") {
            dispatcher = std::make_unique<scale::RedisRunDispatcher>(
                *redis, m_settings.redisPrefix, std::chrono::milliseconds(m_settings.runDispatchMs));
            queuedRuns = std::make_unique<RunQueue>(
                *dispatcher, RunQueue::Config{std::max(16, localRuns.capacity()), m_settings.runQueue});
        }
        RunQueue &runQueue = queuedRuns ? *queuedRuns : localRuns;
        if (m_settings.runsPerMinute > 0) {
            if (redis)
                runQueue.setRateLimiter(std::make_shared<scale::RedisRunLimiter>(
                    *redis, m_settings.redisPrefix, m_settings.runsPerMinute, limiterFailed));
            else
                runQueue.setRateLimiter(std::make_shared<TokenBucketLimiter>(
                    m_settings.runsPerMinute, std::max(1, m_settings.runsPerMinute / 3)));
        }
        services.sandbox = dispatcher ? static_cast<sandbox::Sandbox *>(dispatcher.get()) : codeSandbox.get();
        services.runs = &runQueue;
        std::unique_ptr<scale::RedisRunner> runner;
        if (redis && role != "api") {
            runner = std::make_unique<scale::RedisRunner>(
                *redis, m_settings.redisPrefix, localRuns, *codeSandbox,
                scale::RedisRunner::Config{
                    localRuns.concurrency(), {}, std::chrono::milliseconds(m_settings.runnerHeartbeatMs)});
            runner->start();
        }
        log.information("role %s; sandbox: %s on first use, %d runs at once, %d may wait%s", role,
                        m_settings.sandboxBackend, localRuns.concurrency(), localRuns.capacity(),
                        std::string(redis ? "; runs through the Redis queue" : ""));

        // The problems: the bundled set, then imported ones. A broken set stops the start, so the
        // operator sees it rather than a silently shorter list; later a broken reload keeps the
        // set in force. Imports and SIGHUP reload them while we run (backend/problems).
        problems::ProblemCatalog problemCatalog(m_settings.problemsDir, m_settings.dataDir);
        if (!problemCatalog.hasBundled())
            log.warning("no bundled problems at %s (set problems.dir)", m_settings.problemsDir);
        const auto problemCount = problemCatalog.reload();
        if (!problemCount)
            throw Poco::DataFormatException("problems: " + problemCount.message());
        services.problems = &problemCatalog;
        log.information("problems: %z from %s", *problemCount, m_settings.problemsDir);
        problems::ProblemReloader problemReloader(problemCatalog, m_settings.problemsReloadMs);
        problemReloader.start();

        // Battles (backend/battles): fought on the problem set above, judged in the sandbox.
        // On an api instance the judge's runs go to the runners through the queue, like /runs.
        problems::Judge judge(*services.sandbox);
        // Scale-out: battles shared through Redis (leases, events) and finished recordings
        // copied to the object store. Declared before the hub, which uses it until it stops.
        std::unique_ptr<scale::BattleCluster> battleCluster;
        if (redis)
            battleCluster = std::make_unique<scale::BattleCluster>(*redis, m_settings.redisPrefix,
                                                                   std::chrono::milliseconds(10000));
        battles::BattleHub battleHub(
            m_settings.battles, *db, &problemCatalog,
            [&judge](const problems::Problem &problem, const std::string &language, const std::string &code) {
                return judge.judge(problem, language, code);
            });
        if (battleCluster)
            battleHub.setCluster(battleCluster.get(), &store);
        battleHub.setRefusalCounter([&metrics](const std::string &limit) { metrics.rateLimited(limit); });
        if (const int aborted = battleHub.start())
            log.warning("battles: %d left unfinished by the last run ended as aborted", aborted);
        services.battles = &battleHub;

        publishLimits(metrics);
        // Made once the socket is open: a bad certificate or a busy port throws before the server
        // takes ownership, and nothing is left behind.
        const bool tls = !m_settings.tlsCert.empty() || !m_settings.tlsKey.empty();
        Poco::Net::ServerSocket socket = tls ? secureSocket() : KeepAliveServerSocket(listenAddress());
        auto *router = new http::Router(services);
        http::addRoutes(*router);
        auto *params = new Poco::Net::HTTPServerParams;
        params->setMaxThreads(m_settings.threads);
        params->setMaxQueued(256);
        params->setKeepAlive(true);
        params->setTimeout(Poco::Timespan(m_settings.timeout, 0));
        params->setKeepAliveTimeout(Poco::Timespan(m_settings.keepAliveTimeout, 0));
        auto counter = std::make_shared<ConnectionCounter>(
            m_settings.maxConnectionsPerIp, [&metrics] { metrics.rateLimited("connections_per_ip"); },
            m_settings.trustedProxies);
        // Poco's default pool holds 16 threads whatever maxThreads says: size our own.
        Poco::ThreadPool threads("bunnyd", 2, std::max(2, m_settings.threads));
        LimitedHttpServer server(router, threads, socket, params, counter); // shares router and params
        server.start();

        const auto port = socket.address().port();
        if (!m_settings.portFile.empty()) {
            Poco::FileOutputStream out(m_settings.portFile);
            out << port << '\n';
        }
        log.information("data in %s, database %s (schema %d)", m_settings.dataDir,
                        db->engine() == storage::Database::Engine::SQLite ? std::string("SQLite")
                                                                          : std::string("PostgreSQL"),
                        schema);
        // Tests and scripts read this line to learn the port picked for --port 0.
        std::cout << "bunnyd " << version() << " listening on " << m_settings.bind << ":" << port
                  << (tls ? " (https)" : "") << std::endl;
        waitForTerminationRequest();
        log.information("stopping: finishing requests in flight");
        server.stopAll(false);
        // Let requests in flight finish (up to 10 s) before the services they use go away.
        for (int i = 0; i < 100 && server.currentConnections() > 0; ++i)
            Poco::Thread::sleep(100);
        server.stopAll(true);
        if (runner)
            runner->stop(); // finishes and acknowledges the runs it holds
        battleHub.stop();   // running battles end as aborted; their sockets close with 1001
        log.information("stopped");
        return EXIT_OK;
    } catch (const Poco::Exception &e) {
        std::cerr << "bunnyd: " << e.displayText() << std::endl;
        return EXIT_SOFTWARE;
    } catch (const std::exception &e) {
        std::cerr << "bunnyd: " << e.what() << std::endl;
        return EXIT_SOFTWARE;
    }
}

} // namespace bunny::backend
