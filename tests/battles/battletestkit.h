#pragma once

#include "battlesocket.h"
#include "bunnydfixture.h"

#include <QString>
#include <QTemporaryDir>

#include <nlohmann/json.hpp>

#include <string>

namespace bunny::test {

/// A problem folder in the bundled format, small enough to judge in about a second: read n,
/// print 2n. Test 01 (the sample) is n = 2, so `print(4)` passes exactly one test.
void writeDoubleProblem(const QString &problemsDir);
/// The same shape with another slug and factor: read n, print factor × n ("triple", 3, …).
void writeTimesProblem(const QString &problemsDir, const std::string &slug, const std::string &title,
                       int factor);

/// Settings that make whole battles take seconds: short countdown, grace, expiry and linger.
QStringList fastBattleSettings(const QString &problemsDir);

/// Python that solves the "double" problem.
inline const std::string kDoubleSolution = "n = int(input())\nprint(2 * n)  # é中😀\n";

/// Two signed-up players with a public battle on "double" that both joined, their sockets
/// open and past the first state; started() says whether it reached running.
struct Duel
{
    Account p1, p2;
    std::string id;
    BattleSocket s1, s2;
    nlohmann::json created;
    /// Creates (with extra body fields), joins, connects and readies both; waits for start.
    bool begin(BunnydFixture &server, const std::string &name,
               const nlohmann::json &extra = nlohmann::json::object());
    /// The same between two players who already have accounts (a second battle of theirs).
    bool begin(BunnydFixture &server, const Account &first, const Account &second,
               const nlohmann::json &extra = nlohmann::json::object());
};

/// Sends an edit that replaces the whole text (delete the old text, insert the new) at rev.
nlohmann::json replaceAll(const std::string &oldText, const std::string &newText, std::int64_t rev);

} // namespace bunny::test

// Lets QCOMPARE compare a JSON value with anything JSON can hold, printing both as JSON.
namespace QTest {
template<typename T>
inline bool qCompare(const nlohmann::json &t1, const T &t2, const char *actual, const char *expected,
                     const char *file, int line)
{
    const nlohmann::json want(t2);
    const std::string a = t1.dump(), e = want.dump();
    return compare_helper(
        t1 == want, "Compared JSON values are not the same",
        [&] { return static_cast<const char *>(qstrdup(a.c_str())); },
        [&] { return static_cast<const char *>(qstrdup(e.c_str())); }, actual, expected, file, line);
}
} // namespace QTest
