// Makes the README's pictures of sign-in, explore and publish (run by packaging/screenshots
// under xvfb-run with a window manager): starts a temporary bunnyd, makes accounts and publishes
// a few real projects with the recordings that led to them through the app's own upload queue,
// then runs the real `bunny` once per scene (BUNNY_SCREENSHOT, app/ui/screenshotdriver.h) in a
// home folder of its own: sign in as alice, explore what is public, preview publishing alice's
// unpublished project.
//   bunny_net_screenshots --bunny PATH --out DIR     (BUNNY_BUILD_DIR names the build, for bunnyd)
#include "netfixture.h"

#include "net/publishplan.h"
#include "net/uploadqueue.h"
#include "recorder/ignorematcher.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QUuid>

#include <cstdio>
#include <random>

using namespace bunny;

namespace {

constexpr const char *kPassword = "secret-pass-1";

struct Session
{
    QString started;   ///< RFC 3339, UTC
    QStringList typed; ///< files typed in this session, in order
    QString run;       ///< the command of a run at the end, if any
    QString output;    ///< what it printed
};

struct Project
{
    QString owner;
    QString name;
    QString language;
    QString subject;                      ///< the commit's
    QList<QPair<QString, QString>> files; ///< path, text (all committed)
    QList<Session> sessions;
    bool publish = true;
};

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

QByteArray jsonLine(const QJsonArray &event)
{
    return QJsonDocument(event).toJson(QJsonDocument::Compact) + '\n';
}

/// A recording of someone typing the session's files one key at a time, at a person's pace
/// (pauses at line ends, now and then a typo taken back), then running it; it ends with the
/// commit marker that ties it to the commit.
bool typeSession(const QString &dir, const Project &p, const Session &s, const QString &commitLabel,
                 std::mt19937 &rng)
{
    const QDateTime started = QDateTime::fromString(s.started, Qt::ISODate);
    // "bunnyrec" must be the first key and QJsonObject sorts keys: the header is written by hand.
    QByteArray rec =
        "{\"bunnyrec\":1,\"id\":\"" + QUuid::createUuid().toString(QUuid::WithoutBraces).toUtf8() +
        "\",\"started\":\"" + s.started.toUtf8() + "\",\"title\":\"" + p.name.toUtf8() + "\",\"author\":\"" +
        p.owner.toUtf8() + "\",\"language\":\"" + p.language.toUtf8() + "\",\"idle_time_limit\":2000}\n";
    std::uniform_int_distribution<int> key(60, 240), think(400, 1600), typo(0, 60);
    qint64 t = 0;
    for (const auto &[path, text] : p.files) {
        if (!s.typed.contains(path))
            continue;
        rec += jsonLine({t, "k", path, ""});
        rec += jsonLine({t, "f", path});
        const QByteArray bytes = text.toUtf8(); // ASCII: characters are bytes
        for (int pos = 0; pos < bytes.size(); ++pos) {
            const QString ch = QString::fromLatin1(bytes.mid(pos, 1));
            if (ch != "\n" && typo(rng) == 0) {
                t += key(rng);
                rec += jsonLine({t, "i", path, pos, "x"});
                t += key(rng) + 200;
                rec += jsonLine({t, "d", path, pos, "x"});
            }
            t += ch == "\n" ? think(rng) : key(rng);
            rec += jsonLine({t, "i", path, pos, ch});
            rec += jsonLine({t, "s", path, pos + 1, pos + 1});
        }
        t += 2000;
    }
    if (!s.run.isEmpty()) {
        rec += jsonLine({t, "m", "run", s.run});
        t += 300;
        rec += jsonLine({t, "o", "stdout", s.output});
        rec += jsonLine({t, "m", "verdict", "exit 0"});
        t += 1500;
    }
    if (!commitLabel.isEmpty())
        rec += jsonLine({t, "m", "commit", commitLabel});
    const QString file = started.toString(QStringLiteral("yyyyMMdd-HHmmss")) + '-' +
                         QUuid::createUuid().toString(QUuid::Id128).left(8) + ".bunnyrec";
    return writeFile(dir + "/.bunny/recordings/" + file, rec);
}

/// Writes the project under `root`, commits it and adds its recordings (made before the commit,
/// so they name it in their commit marker: the recordings that led to it).
bool makeProject(const QString &root, const Project &p, std::mt19937 &rng)
{
    const QString dir = root + '/' + p.name;
    for (const auto &[path, text] : p.files)
        if (!writeFile(dir + '/' + path, text.toUtf8()))
            return false;
    auto repo = vcs::Repository::init(dir);
    if (!repo)
        return false;
    auto commit = repo->commitAll(p.subject, p.owner, p.owner + "@example.org");
    if (!commit)
        return false;
    const QString label = vcs::commitMarkerLabel(commit->shortId, commit->subject);
    for (int i = 0; i < p.sessions.size(); ++i)
        if (!typeSession(dir, p, p.sessions[i], i + 1 == p.sessions.size() ? label : QString(), rng))
            return false;
    return true;
}

QList<Project> projects()
{
    QList<Project> list;
    list.append({"bob",
                 "bunny-hop",
                 "python",
                 "Count the ways to hop up the stairs",
                 {{"hop.py", "from functools import cache\n\n\n@cache\ndef ways(n: int) -> int:\n"
                             "    \"\"\"Ways to climb n steps hopping 1 or 2 at a time.\"\"\"\n"
                             "    if n <= 1:\n        return 1\n    return ways(n - 1) + ways(n - 2)\n\n\n"
                             "if __name__ == \"__main__\":\n    for n in (1, 5, 10, 30):\n"
                             "        print(n, ways(n))\n"}},
                 {{"2026-11-26T18:04:10Z", {"hop.py"}, "python hop.py", "1 1\n5 8\n10 89\n30 1346269\n"}}});
    list.append({"carol",
                 "carrot-sieve",
                 "cpp",
                 "Sieve of Eratosthenes up to a million",
                 {{"sieve.cpp", "#include <iostream>\n#include <vector>\n\nint main()\n{\n"
                                "    const int n = 1'000'000;\n    std::vector<bool> composite(n + 1);\n"
                                "    int count = 0;\n    for (int i = 2; i <= n; ++i) {\n"
                                "        if (composite[i])\n            continue;\n        ++count;\n"
                                "        for (long long j = 1LL * i * i; j <= n; j += i)\n"
                                "            composite[j] = true;\n    }\n"
                                "    std::cout << count << \" primes up to \" << n << '\\n';\n}\n"}},
                 {{"2026-11-27T09:31:45Z",
                   {"sieve.cpp"},
                   "g++ -O2 sieve.cpp && ./a.out",
                   "78498 primes up to 1000000\n"}}});
    list.append(
        {"dmitri",
         "warren-maze",
         "python",
         "Shortest way out of the warren (BFS)",
         {{"maze.py",
           "from collections import deque\n\nWARREN = [\n    \"S.#.....\",\n"
           "    \".##.###.\",\n    \"....#...\",\n    \"##.##.#E\",\n]\n\n\n"
           "def shortest(grid):\n    rows, cols = len(grid), len(grid[0])\n"
           "    start = next((r, c) for r in range(rows) for c in range(cols) if grid[r][c] == \"S\")\n"
           "    seen = {start: 0}\n    todo = deque([start])\n    while todo:\n"
           "        r, c = todo.popleft()\n        if grid[r][c] == \"E\":\n"
           "            return seen[(r, c)]\n"
           "        for dr, dc in ((1, 0), (-1, 0), (0, 1), (0, -1)):\n"
           "            nr, nc = r + dr, c + dc\n"
           "            if 0 <= nr < rows and 0 <= nc < cols and grid[nr][nc] != \"#\" and (nr, nc) not in "
           "seen:\n"
           "                seen[(nr, nc)] = seen[(r, c)] + 1\n"
           "                todo.append((nr, nc))\n    return None\n\n\n"
           "print(\"hops to the exit:\", shortest(WARREN))\n"}},
         {{"2026-11-27T20:12:03Z", {"maze.py"}, "python maze.py", "hops to the exit: 12\n"}}});
    list.append({"alice",
                 "fizzbuzz-bunny",
                 "python",
                 "FizzBuzz, bunny edition",
                 {{"main.py", "for n in range(1, 16):\n    word = \"\"\n    if n % 3 == 0:\n"
                              "        word += \"Carrot\"\n    if n % 5 == 0:\n        word += \"Hop\"\n"
                              "    print(word or n)\n"}},
                 {{"2026-11-28T07:45:30Z",
                   {"main.py"},
                   "python main.py",
                   "1\n2\nCarrot\n4\nHop\nCarrot\n7\n8\nCarrot\nHop\n11\nCarrot\n13\n14\nCarrotHop\n"}}});
    list.append({"bob",
                 "lettuce-queue",
                 "cpp",
                 "A ring buffer queue for the lettuce line",
                 {{"ring.cpp",
                   "#include <array>\n#include <cstddef>\n#include <iostream>\n\n"
                   "template<typename T, std::size_t N>\nclass Ring\n{\npublic:\n"
                   "    bool push(const T &v)\n    {\n        if (m_size == N)\n            return false;\n"
                   "        m_items[(m_head + m_size++) % N] = v;\n        return true;\n    }\n"
                   "    bool pop(T &out)\n    {\n        if (m_size == 0)\n            return false;\n"
                   "        out = m_items[m_head];\n        m_head = (m_head + 1) % N;\n        --m_size;\n"
                   "        return true;\n    }\n\nprivate:\n    std::array<T, N> m_items{};\n"
                   "    std::size_t m_head = 0, m_size = 0;\n};\n\nint main()\n{\n"
                   "    Ring<int, 3> line;\n    for (int i = 1; i <= 4; ++i)\n"
                   "        std::cout << \"push \" << i << (line.push(i) ? \" ok\" : \" full\") << '\\n';\n"
                   "    for (int v; line.pop(v);)\n        std::cout << \"served \" << v << '\\n';\n}\n"}},
                 {{"2026-11-28T16:20:00Z",
                   {"ring.cpp"},
                   "g++ ring.cpp && ./a.out",
                   "push 1 ok\npush 2 ok\npush 3 ok\npush 4 full\nserved 1\nserved 2\nserved 3\n"}}});
    // alice's project that is not published yet: the publish preview shows it.
    list.append(
        {"alice",
         "carrot-tally",
         "python",
         "Carrot Tally: total and fullest basket",
         {{"tally.py",
           "def tally(baskets):\n"
           "    \"\"\"The sum of the baskets and the 1-based index of the fullest (first on ties).\"\"\"\n"
           "    best = 0\n    for i in range(1, len(baskets)):\n"
           "        if baskets[i] > baskets[best]:\n            best = i\n"
           "    return sum(baskets), best + 1\n"},
          {"tests/test_tally.py", "from tally import tally\n\n\ndef test_example():\n"
                                  "    assert tally([3, -2, 7, 7, 1]) == (16, 3)\n\n\n"
                                  "def test_single_basket():\n    assert tally([-5]) == (-5, 1)\n"},
          {"main.py", "import sys\n\nfrom tally import tally\n\n\ndef main():\n"
                      "    data = sys.stdin.read().split()\n    n = int(data[0])\n"
                      "    total, best = tally([int(x) for x in data[1 : 1 + n]])\n"
                      "    print(total, best)\n\n\nif __name__ == \"__main__\":\n    main()\n"},
          {"README.md",
           "# Carrot Tally\n\nPip the bunny keeps a ledger of carrot baskets. Prints the grand\n"
           "total and which basket is the fullest.\n\n    echo \"5 3 -2 7 7 1\" | python main.py\n"},
          {".bunnyignore", "notes/\n"},
          {"notes/ideas.md", "- a heap would find the top three baskets\n"},
          {".env", "BUNNY_TOKEN=not-for-the-world\n"}},
         {{"2026-11-29T08:02:11Z",
           {"tally.py", "tests/test_tally.py"},
           "python -m pytest -q",
           "2 passed in 0.01s\n"},
          {"2026-11-29T09:15:40Z", {"main.py"}, "echo \"5 3 -2 7 7 1\" | python main.py", "16 3\n"}},
         false});
    return list;
}

int fail(const QString &why)
{
    std::fprintf(stderr, "bunny_net_screenshots: %s\n", qPrintable(why));
    return 1;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOptions({{"bunny", "the bunny executable", "path"}, {"out", "folder for the PNGs", "dir"}});
    parser.process(app);
    const QString bunnyExe = parser.value("bunny");
    const QString out = QDir(parser.value("out")).absolutePath();
    if (!QFileInfo(bunnyExe).isExecutable() || out.isEmpty())
        return fail("give --bunny PATH (executable) and --out DIR");
    QDir().mkpath(out);

    QTemporaryDir work;
    test::BunnydFixture server;
    // bunny-dev run's address when it is free, so the pictures show the usual server.
    const bool usual = [] {
        QTcpServer probe;
        return probe.listen(QHostAddress::LocalHost, 8737);
    }();
    const quint16 port = usual ? 8737 : test::freePort();
    if (!server.start({}, {"--port", QString::number(port)}))
        return fail(server.errorString());
    const QUrl url(QString("http://127.0.0.1:%1").arg(port));
    std::printf("bunnyd on %s, working in %s\n", qPrintable(url.toString()), qPrintable(work.path()));

    // Accounts, and everything but alice's carrot-tally published publicly by its owner.
    std::map<QString, std::unique_ptr<test::Client>> clients;
    for (const char *name : {"alice", "bob", "carol", "dmitri"}) {
        auto client = std::make_unique<test::Client>(url, work.filePath(QString("users/") + name));
        if (!client->signUp(name))
            return fail(QString("cannot sign %1 up").arg(name));
        clients[name] = std::move(client);
    }
    std::mt19937 rng(29112026);
    const QString projectsRoot = work.filePath("projects");
    QString alicesProject;
    for (const Project &p : projects()) {
        const QString root = projectsRoot + '/' + p.owner;
        QDir().mkpath(root);
        if (!makeProject(root, p, rng))
            return fail("cannot make " + p.name);
        const QString dir = root + '/' + p.name;
        if (!p.publish) {
            alicesProject = dir;
            continue;
        }
        test::Client &client = *clients[p.owner];
        const app::IgnoreMatcher matcher(dir);
        auto plan = net::planPublish(dir, [&](const QString &path) { return matcher.isIgnored(path); });
        if (!plan)
            return fail(QString::fromStdString(plan.message()));
        net::UploadQueue queue(client.api.get(), client.session.get(), work.filePath("queues/" + p.name));
        bool done = false, ok = false;
        QString message;
        QObject::connect(&queue, &net::UploadQueue::jobFinished, &app,
                         [&](const QString &, bool good, const QString &m) {
                             done = true;
                             ok = good;
                             message = m;
                         });
        if (auto id = queue.enqueue(*plan, "public"); !id)
            return fail(QString::fromStdString(id.message()));
        for (int i = 0; i < 3000 && !done; ++i)
            QTest::qWait(10);
        if (!ok)
            return fail("publishing " + p.name + " failed: " + message);
        std::printf("published %s/%s\n", qPrintable(p.owner), qPrintable(p.name));
    }

    // The app's own home: settings naming this server, tokens in a file (no keyring here).
    const QString home = work.filePath("home");
    QSettings settings(home + "/.config/Bunny Code/bunny.conf", QSettings::IniFormat);
    settings.setValue("net/serverUrl", url.toString());
    settings.sync();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("HOME", home);
    env.insert("XDG_CONFIG_HOME", home + "/.config");
    env.insert("XDG_DATA_HOME", home + "/.local/share");
    env.insert("XDG_CACHE_HOME", home + "/.cache");
    env.insert("BUNNY_TOKEN_STORE", "file");
    env.insert("USER", "alice");
    env.insert("BUNNY_SCREENSHOT_USER", "alice");
    env.insert("BUNNY_SCREENSHOT_PASSWORD", kPassword);
    env.remove("QT_QPA_PLATFORM");

    const QList<QPair<QString, QString>> scenes{
        {"signin", "signin.png"}, {"explore", "explore.png"}, {"publish", "publish.png"}};
    for (const auto &[scene, file] : scenes) {
        QProcess bunny;
        bunny.setProcessChannelMode(QProcess::ForwardedChannels);
        env.insert("BUNNY_SCREENSHOT", scene + ':' + out + '/' + file);
        bunny.setProcessEnvironment(env);
        bunny.start(bunnyExe, {alicesProject + "/tally.py"});
        if (!bunny.waitForFinished(90000) || bunny.exitStatus() != QProcess::NormalExit ||
            bunny.exitCode() != 0)
            return fail(QString("the %1 scene failed").arg(scene));
    }
    return 0;
}
