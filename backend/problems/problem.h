#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace bunny::problems {

/// One test: what the program reads and what it must print. Hidden tests never leave the server.
struct TestCase
{
    std::string name; ///< "01" for tests/01.in + tests/01.out
    std::string input;
    std::string expected;
    bool sample = false; ///< shown in the statement and in verdicts
};

/// A problem as loaded from resources/problems/<slug>/ (see resources/problems/README.md).
struct Problem
{
    std::string slug, title, level, statement; ///< level: easy, medium or hard; statement: Markdown
    long timeLimitMs = 2000;
    long memoryLimitKb = 262144;
    std::optional<double> tolerance; ///< absolute or relative difference allowed between numbers
    std::vector<std::string> tags;
    std::vector<TestCase> tests;                ///< samples first, then hidden tests, each in name order
    std::map<std::string, std::string> starter; ///< language id -> code
};

/// The language ids every problem carries a starter for, with the starter's file name.
struct StarterFile
{
    const char *language;
    const char *file;
};
const std::vector<StarterFile> &starterFiles();

} // namespace bunny::problems
