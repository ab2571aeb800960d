// bench_battles: N concurrent battles with spectators against a real bunnyd over loopback, and,
// in the same run, the same number of WebSocket clients against a loopback echo server built on
// the same socket loop. Prints edit relay latency (a player's edit until the opponent and the
// spectators have it) p50/p99 and its ratio to the echo round trip. Figures only.
//   bench_battles [--battles N] [--spectators S] [--rate EDITS_PER_S] [--seconds T] [--rounds R]
//                 [--bunnyd PATH] [--problems DIR]
// Echo and relay phases of T seconds alternate R times; each round's ratio and the pooled one
// are printed.
#include <battles/socketloop.h>
#include <battles/wsframe.h>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/WebSocket.h>
#include <Poco/StreamCopier.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <arpa/inet.h>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <spawn.h>
#include <string>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

extern char **environ;

namespace {

namespace battles = bunny::backend::battles;
namespace ws = bunny::backend::battles::ws;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

double nowUs()
{
    return std::chrono::duration<double, std::micro>(Clock::now().time_since_epoch()).count();
}

struct Options
{
    int battles = 500;
    int spectators = 1;
    double rate = 5;  // edits per second per player
    int seconds = 10; // per phase and round
    int rounds = 3;
    std::string bunnyd = BUNNY_BUILD_DIR "/backend/bunnyd";
    std::string problems = BUNNY_SOURCE_DIR "/resources/problems";
};

// ---------------------------------------------------------------- HTTP helpers (setup only)

json http(int port, const std::string &method, const std::string &path, const json &body,
          const std::string &token = {}, int *status = nullptr)
{
    Poco::Net::HTTPClientSession session("127.0.0.1", Poco::UInt16(port));
    Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    if (!token.empty())
        request.set("Authorization", "Bearer " + token);
    const std::string text = body.is_null() ? std::string() : body.dump();
    request.setContentType("application/json");
    request.setContentLength64(Poco::Int64(text.size()));
    session.sendRequest(request) << text;
    Poco::Net::HTTPResponse response;
    std::string answer;
    Poco::StreamCopier::copyToString(session.receiveResponse(response), answer);
    if (status)
        *status = int(response.getStatus());
    return json::parse(answer, nullptr, false);
}

/// A blocking connect and WebSocket handshake by hand; returns a non-blocking descriptor.
int openSocket(int port, const std::string &path, std::string &leftover)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(std::uint16_t(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0) {
        ::close(fd);
        return -1;
    }
    int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    const std::string request =
        "GET " + path +
        " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
    if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) != ssize_t(request.size())) {
        ::close(fd);
        return -1;
    }
    std::string head;
    char buffer[4096];
    while (head.find("\r\n\r\n") == std::string::npos) {
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0) {
            ::close(fd);
            return -1;
        }
        head.append(buffer, std::size_t(n));
    }
    if (head.rfind("HTTP/1.1 101", 0) != 0) {
        ::close(fd);
        return -1;
    }
    leftover = head.substr(head.find("\r\n\r\n") + 4);
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    return fd;
}

// ---------------------------------------------------------------- the clients

struct Client
{
    int fd = -1;
    int battle = 0;
    int role = 0; // 0 p1, 1 p2, 2+ spectator
    ws::MessageReader reader{1 << 24, false};
    std::string out;
    std::int64_t rev = 0;
    bool awaitingAck = false;
    bool started = false;
    bool inserted = false;
    double nextSend = 0;
};

/// Every client socket on one epoll thread. Players send an edit (one character in or out)
/// every 1/rate s after the previous one was acknowledged; latencies are collected in µs.
class Driver
{
public:
    explicit Driver(bool echo, int battles)
        : m_echo(echo)
        , m_sent(std::size_t(battles) * 2 * 64, 0.0)
    {
        m_epoll = ::epoll_create1(0);
    }
    ~Driver()
    {
        for (auto &c : m_clients)
            if (c.fd >= 0)
                ::close(c.fd);
        ::close(m_epoll);
    }

    bool add(int fd, int battle, int role, const std::string &leftover)
    {
        if (fd < 0)
            return false;
        Client c;
        c.fd = fd;
        c.battle = battle;
        c.role = role;
        c.reader.feed(leftover.data(), leftover.size());
        m_clients.push_back(std::move(c));
        return true;
    }

    void arm()
    {
        for (std::size_t i = 0; i < m_clients.size(); ++i) {
            epoll_event ev{};
            ev.events = EPOLLIN;
            ev.data.u64 = i;
            ::epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_clients[i].fd, &ev);
        }
    }

    void sendTo(Client &c, const std::string &text)
    {
        c.out += ws::encodeFrame(ws::Text, text, true);
        flush(c);
    }

    /// Runs for `seconds`; latencies before `warmup` are not kept. With `ready`, players first
    /// say ready and the clock starts once every player saw "start".
    void run(double rate, double seconds, double warmup, bool ready)
    {
        m_latencies.clear();
        m_messages = 0;
        if (ready)
            for (auto &c : m_clients)
                if (c.role < 2)
                    sendTo(c, R"({"type":"ready"})");
        const double interval = 1e6 / rate;
        double begin = nowUs();
        const double waitUntil = begin + 60e6;
        std::size_t started = ready ? 0 : m_clients.size();
        std::size_t players = 0;
        for (auto &c : m_clients) {
            players += c.role < 2;
            c.started = !ready;
            // Spread the first edits over one interval so they do not all arrive at once.
            c.nextSend = begin + interval * double(&c - m_clients.data()) / double(m_clients.size());
        }
        bool measuring = !ready;
        if (measuring)
            begin = nowUs();
        std::vector<epoll_event> events(512);
        for (;;) {
            const double now = nowUs();
            if (!measuring) {
                if (m_startedPlayers >= players) {
                    measuring = true;
                    begin = now;
                    for (auto &c : m_clients)
                        c.nextSend =
                            begin + interval * double(&c - m_clients.data()) / double(m_clients.size());
                } else if (now > waitUntil) {
                    std::cerr << "bench_battles: only " << m_startedPlayers << " of " << players
                              << " players started\n";
                    return;
                }
            }
            if (measuring && now - begin > seconds * 1e6)
                break;
            m_keep = measuring && now - begin > warmup * 1e6;
            if (measuring)
                for (auto &c : m_clients)
                    if (c.role < 2 && !c.awaitingAck && now >= c.nextSend)
                        sendEdit(c, now);
            const int n = ::epoll_wait(m_epoll, events.data(), int(events.size()), 1);
            for (int i = 0; i < n; ++i) {
                Client &c = m_clients[events[std::size_t(i)].data.u64];
                if (events[std::size_t(i)].events & EPOLLOUT)
                    flush(c);
                if (events[std::size_t(i)].events & EPOLLIN)
                    read(c, interval);
            }
        }
        m_elapsed = (nowUs() - begin) / 1e6 - warmup;
        (void)started;
    }

    std::vector<double> &latencies() { return m_latencies; }
    std::size_t messages() const { return m_messages; }
    double elapsed() const { return m_elapsed; }
    std::size_t errors() const { return m_errors; }

private:
    void sendEdit(Client &c, double now)
    {
        ++m_edits;
        const std::int64_t next = c.rev + 1;
        json message = {{"type", "edit"},
                        {"rev", c.rev},
                        {"ops", {c.inserted ? json::array({"d", 0, "x"}) : json::array({"i", 0, "x"})}}};
        if (m_echo)
            message["t"] = now;
        else
            m_sent[slot(c.battle, c.role, next)] = now;
        c.awaitingAck = true;
        c.inserted = !c.inserted;
        sendTo(c, message.dump());
    }

    std::size_t slot(int battle, int role, std::int64_t rev) const
    {
        return (std::size_t(battle) * 2 + std::size_t(role)) * 64 + std::size_t(rev % 64);
    }

    void flush(Client &c)
    {
        while (!c.out.empty()) {
            const ssize_t n = ::send(c.fd, c.out.data(), c.out.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
            if (n <= 0)
                break;
            c.out.erase(0, std::size_t(n));
        }
        epoll_event ev{};
        ev.events = EPOLLIN | (c.out.empty() ? 0u : EPOLLOUT);
        ev.data.u64 = std::size_t(&c - m_clients.data());
        ::epoll_ctl(m_epoll, EPOLL_CTL_MOD, c.fd, &ev);
    }

    void read(Client &c, double interval)
    {
        char buffer[65536];
        const ssize_t n = ::recv(c.fd, buffer, sizeof buffer, MSG_DONTWAIT);
        if (n <= 0)
            return;
        c.reader.feed(buffer, std::size_t(n));
        ws::MessageReader::Message message;
        while (c.reader.next(message) == ws::MessageReader::Status::Message) {
            if (message.opcode != ws::Text)
                continue;
            const double now = nowUs();
            m_messages += m_keep ? 1 : 0; // past the warm-up only, like the latencies
            const json j = json::parse(message.payload, nullptr, false);
            const std::string type = j.is_object() ? j.value("type", "") : "";
            if (m_echo) {
                c.awaitingAck = false;
                c.rev += 1;
                c.nextSend = now + interval;
                if (m_keep)
                    m_latencies.push_back(now - j.value("t", now));
            } else if (type == "ack") {
                c.awaitingAck = false;
                c.rev = j["rev"];
                c.nextSend = now + interval;
            } else if (type == "edit") {
                const int player = j["player"] == "p1" ? 0 : 1;
                if (m_keep)
                    m_latencies.push_back(now - m_sent[slot(c.battle, player, j["rev"].get<std::int64_t>())]);
            } else if (type == "start") {
                if (c.role < 2 && !c.started) {
                    c.started = true;
                    ++m_startedPlayers;
                }
            } else if (type == "state") {
                // A resync: take the server's revision.
                const auto &p = j["battle"]["players"][c.role == 0 ? "p1" : "p2"];
                if (c.role < 2 && p.is_object()) {
                    c.rev = p["rev"];
                    c.awaitingAck = false;
                    c.inserted = p["text"].get<std::string>().rfind('x', 0) == 0;
                }
            } else if (type == "error") {
                ++m_errors;
            }
        }
    }

    bool m_echo;
    int m_epoll = -1;
    std::vector<Client> m_clients;
    std::vector<double> m_sent;
    std::vector<double> m_latencies;
    std::size_t m_messages = 0;
    std::size_t m_edits = 0;
    std::size_t m_errors = 0;
    std::size_t m_startedPlayers = 0;
    bool m_keep = false;
    double m_elapsed = 0;
};

// ---------------------------------------------------------------- the echo server

class EchoHandler : public battles::WsHandler
{
public:
    void onText(const std::shared_ptr<battles::WsConnection> &conn, std::string &&text) override
    {
        conn->sendText(text);
    }
    void onClosed(const std::shared_ptr<battles::WsConnection> &) override {}
};

class EchoUpgrade : public Poco::Net::HTTPRequestHandler
{
public:
    explicit EchoUpgrade(battles::SocketLoop &loop)
        : m_loop(loop)
    {}
    void handleRequest(Poco::Net::HTTPServerRequest &request,
                       Poco::Net::HTTPServerResponse &response) override
    {
        Poco::Net::WebSocket socket(request, response);
        m_loop.adopt(socket, std::make_shared<EchoHandler>());
    }

private:
    battles::SocketLoop &m_loop;
};

class EchoFactory : public Poco::Net::HTTPRequestHandlerFactory
{
public:
    explicit EchoFactory(battles::SocketLoop &loop)
        : m_loop(loop)
    {}
    Poco::Net::HTTPRequestHandler *createRequestHandler(const Poco::Net::HTTPServerRequest &) override
    {
        return new EchoUpgrade(m_loop);
    }

private:
    battles::SocketLoop &m_loop;
};

std::string loadAverage()
{
    std::ifstream in("/proc/loadavg");
    std::string one;
    in >> one;
    return one.empty() ? std::string("?") : one;
}

struct Figures
{
    double p50 = 0, p99 = 0, max = 0, perSecond = 0;
    std::size_t samples = 0;
};

Figures figures(std::vector<double> &v, std::size_t messages, double seconds)
{
    Figures f;
    if (v.empty())
        return f;
    std::sort(v.begin(), v.end());
    f.p50 = v[v.size() / 2];
    f.p99 = v[std::min(v.size() - 1, v.size() * 99 / 100)];
    f.max = v.back();
    f.samples = v.size();
    f.perSecond = seconds > 0 ? double(messages) / seconds : 0;
    return f;
}

// ---------------------------------------------------------------- bunnyd

struct Server
{
    pid_t pid = -1;
    int port = 0;
    std::filesystem::path dir;
    ~Server()
    {
        if (pid > 0) {
            ::kill(pid, SIGTERM);
            ::waitpid(pid, nullptr, 0);
        }
        std::error_code ignored;
        std::filesystem::remove_all(dir, ignored);
    }
};

bool startBunnyd(Server &server, const Options &o)
{
    char pattern[] = "/tmp/bench-battles.XXXXXX";
    server.dir = ::mkdtemp(pattern);
    const auto config = server.dir / "bunnyd.properties";
    std::ofstream(config)
        << "log.level=warning\nauth.scrypt_n=1024\nratelimit.register_per_ip=0\n"
           "ratelimit.login_per_ip=0\nratelimit.login_per_account=0\nbattles.countdown_ms=0\n"
           "battles.messages_per_s=1000\nbattles.expiry_ms=3600000\nbattles.time_limit_s=3600\n"
        << "problems.dir=" << o.problems << "\n";
    const std::string portFile = (server.dir / "port").string();
    std::vector<std::string> args = {
        o.bunnyd,   "--port",        "0",           "--data", (server.dir / "data").string(),
        "--config", config.string(), "--port-file", portFile};
    std::vector<char *> argv;
    for (auto &a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    const std::string log = (server.dir / "bunnyd.log").string();
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    if (posix_spawn(&server.pid, o.bunnyd.c_str(), &actions, nullptr, argv.data(), environ) != 0)
        return false;
    for (int i = 0; i < 300; ++i) {
        std::ifstream in(portFile);
        if (in >> server.port && server.port > 0)
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
}

} // namespace

int main(int argc, char **argv)
{
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string key = argv[i], value = argv[i + 1];
        if (key == "--battles")
            o.battles = std::stoi(value);
        else if (key == "--spectators")
            o.spectators = std::stoi(value);
        else if (key == "--rate")
            o.rate = std::stod(value);
        else if (key == "--rounds")
            o.rounds = std::max(1, std::stoi(value));
        else if (key == "--seconds")
            o.seconds = std::stoi(value);
        else if (key == "--bunnyd")
            o.bunnyd = value;
        else if (key == "--problems")
            o.problems = value;
    }
    const int perBattle = 2 + o.spectators;
    const int connections = o.battles * perBattle;
    const double warmup = 2;
    std::printf(
        "bench_battles: %d battles x (2 players + %d spectators) = %d WebSockets, %.1f edits/s per player, "
        "%d rounds of %d s echo + %d s relay (first %.0f s of each not counted), %u cores\n",
        o.battles, o.spectators, connections, o.rate, o.rounds, o.seconds, o.seconds, warmup,
        std::thread::hardware_concurrency());

    // The echo server: as many clients as there are players, each sending at the players'
    // rate, against the same socket loop but without the battle logic.
    battles::SocketLoop loop(2, {});
    Poco::Net::ServerSocket listener(Poco::Net::SocketAddress("127.0.0.1", 0), 1024);
    auto *params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(8);
    params->setMaxQueued(2048);
    Poco::Net::HTTPServer echoHttp(new EchoFactory(loop), listener, params);
    echoHttp.start();
    Driver echoDriver(true, o.battles);
    for (int b = 0; b < o.battles; ++b)
        for (int r = 0; r < 2; ++r) { // only players send; spectators' share is relayed below
            std::string leftover;
            if (!echoDriver.add(openSocket(listener.address().port(), "/echo", leftover), b, r, leftover)) {
                std::fprintf(stderr, "bench_battles: echo connection failed\n");
                return 1;
            }
        }
    echoDriver.arm();

    // The battles against a real bunnyd.
    Server server;
    if (!startBunnyd(server, o)) {
        std::fprintf(stderr, "bench_battles: bunnyd did not start (%s)\n", o.bunnyd.c_str());
        return 1;
    }
    Driver driver(false, o.battles);
    auto signUp = [&](const std::string &name) {
        int status = 0;
        const json j =
            http(server.port, "POST", "/api/v1/auth/register",
                 {{"username", name}, {"email", name + "@example.org"}, {"password", "bench-password-1"}}, {},
                 &status);
        return status == 201 ? j["access_token"].get<std::string>() : std::string();
    };
    const auto setupStart = Clock::now();
    for (int b = 0; b < o.battles; ++b) {
        const std::string t1 = signUp("b" + std::to_string(b) + "a"),
                          t2 = signUp("b" + std::to_string(b) + "b");
        int status = 0;
        const json battle = http(server.port, "POST", "/api/v1/battles",
                                 {{"level", "easy"}, {"language", "python"}}, t1, &status);
        if (status != 201) {
            std::fprintf(stderr, "bench_battles: cannot create a battle (%d): %s\n", status,
                         battle.dump().c_str());
            return 1;
        }
        const std::string id = battle["id"];
        http(server.port, "POST", "/api/v1/battles/" + id + "/join", json::object(), t2, &status);
        std::vector<std::string> who = {t1, t2};
        for (int s = 0; s < o.spectators; ++s)
            who.push_back(signUp("b" + std::to_string(b) + "s" + std::to_string(s)));
        for (int r = 0; r < int(who.size()); ++r) {
            std::string leftover;
            if (!driver.add(openSocket(server.port,
                                       "/api/v1/battles/" + id + "/ws?access_token=" + who[std::size_t(r)],
                                       leftover),
                            b, r, leftover)) {
                std::fprintf(stderr, "bench_battles: battle connection failed\n");
                return 1;
            }
        }
    }
    std::printf("setup: %d battles, %d sockets in %.1f s; load average %s\n", o.battles, connections,
                std::chrono::duration<double>(Clock::now() - setupStart).count(), loadAverage().c_str());
    driver.arm();

    // Echo and relay take turns, round after round, so both see the same machine: on a shared
    // host the load moves within seconds, and a ratio of two far-apart windows measures that.
    std::vector<double> echoAll, relayAll;
    std::size_t echoMessages = 0, relayMessages = 0;
    double echoSeconds = 0, relaySeconds = 0;
    std::printf(
        "\n| round | run | sockets | messages received/s | samples | p50 ms | p99 ms | max ms | load |\n");
    std::printf("|---|---|---|---|---|---|---|---|---|\n");
    for (int round = 1; round <= o.rounds; ++round) {
        echoDriver.run(o.rate, o.seconds, warmup, false);
        echoAll.insert(echoAll.end(), echoDriver.latencies().begin(), echoDriver.latencies().end());
        echoMessages += echoDriver.messages();
        echoSeconds += echoDriver.elapsed();
        const Figures echo = figures(echoDriver.latencies(), echoDriver.messages(), echoDriver.elapsed());
        std::printf("| %d | echo | %d | %.0f | %zu | %.2f | %.2f | %.2f | %s |\n", round, o.battles * 2,
                    echo.perSecond, echo.samples, echo.p50 / 1e3, echo.p99 / 1e3, echo.max / 1e3,
                    loadAverage().c_str());
        driver.run(o.rate, o.seconds, warmup, round == 1);
        relayAll.insert(relayAll.end(), driver.latencies().begin(), driver.latencies().end());
        relayMessages += driver.messages();
        relaySeconds += driver.elapsed();
        const Figures relay = figures(driver.latencies(), driver.messages(), driver.elapsed());
        std::printf("| %d | relay | %d | %.0f | %zu | %.2f | %.2f | %.2f | %s |\n", round, connections,
                    relay.perSecond, relay.samples, relay.p50 / 1e3, relay.p99 / 1e3, relay.max / 1e3,
                    loadAverage().c_str());
        std::printf("| %d | ratio relay/echo | | | | %.2fx | %.2fx | | |\n", round,
                    echo.p50 > 0 ? relay.p50 / echo.p50 : 0.0, echo.p99 > 0 ? relay.p99 / echo.p99 : 0.0);
        std::fflush(stdout);
    }
    const Figures echo = figures(echoAll, echoMessages, echoSeconds);
    const Figures relay = figures(relayAll, relayMessages, relaySeconds);
    std::printf("\n| all rounds | sockets | messages received/s | samples | p50 ms | p99 ms | max ms |\n");
    std::printf("|---|---|---|---|---|---|---|\n");
    std::printf("| echo (same socket loop, no battle logic) | %d | %.0f | %zu | %.2f | %.2f | %.2f |\n",
                o.battles * 2, echo.perSecond, echo.samples, echo.p50 / 1e3, echo.p99 / 1e3, echo.max / 1e3);
    std::printf("| battle edit relay (bunnyd) | %d | %.0f | %zu | %.2f | %.2f | %.2f |\n", connections,
                relay.perSecond, relay.samples, relay.p50 / 1e3, relay.p99 / 1e3, relay.max / 1e3);
    std::printf("\nratio relay/echo: p50 %.2fx, p99 %.2fx (target p99 <= 3x); protocol errors: %zu\n",
                echo.p50 > 0 ? relay.p50 / echo.p50 : 0.0, echo.p99 > 0 ? relay.p99 / echo.p99 : 0.0,
                driver.errors());
    echoHttp.stopAll(true);
    loop.stop();
    return 0;
}
