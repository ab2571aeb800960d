#include "battletestkit.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace bunny::test {

namespace {

void writeFile(const QString &path, const std::string &text)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text.data(), qint64(text.size()));
}

} // namespace

void writeDoubleProblem(const QString &problemsDir)
{
    writeTimesProblem(problemsDir, "double", "Double it", 2);
}

void writeTimesProblem(const QString &problemsDir, const std::string &slug, const std::string &title,
                       int factor)
{
    const QString dir = problemsDir + "/" + QString::fromStdString(slug);
    writeFile(dir + "/problem.json",
              R"({"slug":")" + slug + R"(","title":")" + title +
                  R"(","level":"easy","time_limit_ms":2000,)"
                  R"("memory_limit_kb":262144,"tolerance":null,"samples":["01"],"tags":["math"]})");
    writeFile(dir + "/statement.md",
              "# " + title + "\n\nRead an integer n and print " + std::to_string(factor) + "n.\n");
    const int inputs[] = {2, 0, -7, 21, 1000, 123456, -1, 5, 99, 314};
    for (int i = 0; i < 10; ++i) {
        const QString name = QString("%1").arg(i + 1, 2, 10, QChar('0'));
        writeFile(dir + "/tests/" + name + ".in", std::to_string(inputs[i]) + "\n");
        writeFile(dir + "/tests/" + name + ".out", std::to_string(factor * inputs[i]) + "\n");
    }
    writeFile(dir + "/starter/main.py", "n = int(input())\n");
    writeFile(dir + "/starter/main.js", "// read n, print 2n\n");
    writeFile(dir + "/starter/main.c", "#include <stdio.h>\n");
    writeFile(dir + "/starter/main.cpp", "#include <iostream>\n");
    writeFile(dir + "/starter/Main.java", "public class Main {}\n");
    writeFile(dir + "/starter/main.go", "package main\n");
    writeFile(dir + "/starter/main.rs", "fn main() {}\n");
}

QStringList fastBattleSettings(const QString &problemsDir)
{
    return {"problems.dir=" + problemsDir, "battles.countdown_ms=150",
            "battles.grace_ms=1500",       "battles.expiry_ms=1500",
            "battles.linger_ms=60000",     "battles.min_time_limit_s=1",
            "battles.tick_ms=20",          "battles.recording_flush_ms=50",
            "battles.messages_per_s=200",  "sandbox.backend=native",
            "sandbox.prepared=1"};
}

bool Duel::begin(BunnydFixture &server, const std::string &name, const nlohmann::json &extra)
{
    return begin(server, server.signUp(name + "a"), server.signUp(name + "b"), extra);
}

bool Duel::begin(BunnydFixture &server, const Account &first, const Account &second,
                 const nlohmann::json &extra)
{
    p1 = first;
    p2 = second;
    nlohmann::json body = {{"problem", "double"}, {"language", "python"}, {"visibility", "public"}};
    body.update(extra);
    const auto reply = server.postJson("/api/v1/battles", body, p1.accessToken);
    if (reply.status != 201) {
        qWarning("create: %d %s", reply.status, reply.body.c_str());
        return false;
    }
    created = reply.json();
    id = created["id"];
    const auto join =
        server.postJson("/api/v1/battles/" + id + "/join", nlohmann::json::object(), p2.accessToken);
    if (join.status != 200) {
        qWarning("join: %d %s", join.status, join.body.c_str());
        return false;
    }
    if (!s1.open(server.port(), id, p1.accessToken) || !s2.open(server.port(), id, p2.accessToken))
        return false;
    if (s1.waitFor("state").is_null() || s2.waitFor("state").is_null())
        return false;
    s1.send({{"type", "ready"}});
    s2.send({{"type", "ready"}});
    return !s1.waitFor("start").is_null() && !s2.waitFor("start").is_null();
}

nlohmann::json replaceAll(const std::string &oldText, const std::string &newText, std::int64_t rev)
{
    return {{"type", "edit"}, {"rev", rev}, {"ops", {{"d", 0, oldText}, {"i", 0, newText}}}};
}

} // namespace bunny::test
