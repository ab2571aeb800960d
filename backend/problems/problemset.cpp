#include "problems/problemset.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace bunny::problems {

namespace fs = std::filesystem;

namespace {

constexpr int kMinTests = 10;
/// The sandbox takes at most 8 MiB of stdin; the folder rules ask for far less (README).
constexpr std::uintmax_t kMaxTestBytes = 8u << 20;
constexpr std::uintmax_t kMaxTextBytes = 1u << 20;
const char *const kLevels[] = {"easy", "medium", "hard"};

/// A validation failure; load() turns it into the Result's message.
struct Invalid
{
    std::string message;
};

[[noreturn]] void fail(const fs::path &file, const std::string &reason)
{
    throw Invalid{file.string() + ": " + reason};
}

std::string readFile(const fs::path &file, std::uintmax_t limit)
{
    std::error_code error;
    if (!fs::is_regular_file(file, error))
        fail(file, "missing (or not a regular file)");
    const auto size = fs::file_size(file, error);
    if (error)
        fail(file, "cannot read its size: " + error.message());
    if (size > limit)
        fail(file, "too large (" + std::to_string(size) + " bytes, at most " + std::to_string(limit) + ")");
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in && !in.eof())
        fail(file, "cannot be read");
    return text.str();
}

bool validSlug(const std::string &slug)
{
    return !slug.empty() && slug.size() <= 64 && slug.front() != '-' && slug.back() != '-' &&
           std::all_of(slug.begin(), slug.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

bool validTestName(const std::string &name)
{
    return !name.empty() && name.size() <= 32 && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
               c == '-';
    });
}

long integerField(const nlohmann::json &json, const fs::path &file, const char *key, long min, long max)
{
    const auto it = json.find(key);
    if (it == json.end())
        fail(file, std::string("missing key '") + key + "'");
    if (!it->is_number_integer())
        fail(file, std::string("'") + key + "' must be an integer");
    const auto value = it->get<long long>();
    if (value < min || value > max)
        fail(file, std::string("'") + key + "' must be between " + std::to_string(min) + " and " +
                       std::to_string(max));
    return static_cast<long>(value);
}

std::string stringField(const nlohmann::json &json, const fs::path &file, const char *key)
{
    const auto it = json.find(key);
    if (it == json.end())
        fail(file, std::string("missing key '") + key + "'");
    if (!it->is_string() || it->get<std::string>().empty())
        fail(file, std::string("'") + key + "' must be a non-empty string");
    return it->get<std::string>();
}

std::vector<std::string> stringList(const nlohmann::json &json, const fs::path &file, const char *key)
{
    const auto it = json.find(key);
    if (it == json.end())
        fail(file, std::string("missing key '") + key + "'");
    if (!it->is_array())
        fail(file, std::string("'") + key + "' must be an array of strings");
    std::vector<std::string> out;
    for (const auto &item : *it) {
        if (!item.is_string() || item.get<std::string>().empty())
            fail(file, std::string("'") + key + "' must be an array of non-empty strings");
        out.push_back(item.get<std::string>());
    }
    return out;
}

/// Reads problem.json into `problem`; returns the sample names.
std::set<std::string> readMeta(const fs::path &folder, Problem &problem)
{
    const fs::path file = folder / "problem.json";
    nlohmann::json json;
    try {
        json = nlohmann::json::parse(readFile(file, kMaxTextBytes));
    } catch (const nlohmann::json::exception &error) { // also numbers out of range (1e999)
        fail(file, std::string("not valid JSON: ") + error.what());
    }
    if (!json.is_object())
        fail(file, "must be a JSON object");
    static const std::set<std::string> kKeys = {
        "slug", "title", "level", "time_limit_ms", "memory_limit_kb", "tolerance", "samples", "tags"};
    for (const auto &[key, value] : json.items()) {
        if (!kKeys.count(key))
            fail(file, "unknown key '" + key + "'");
    }
    problem.slug = stringField(json, file, "slug");
    if (!validSlug(problem.slug))
        fail(file, "'slug' must be lowercase letters, digits and inner dashes (at most 64)");
    if (problem.slug != folder.filename().string())
        fail(file,
             "'slug' is '" + problem.slug + "' but the folder is named '" + folder.filename().string() + "'");
    problem.title = stringField(json, file, "title");
    if (problem.title.size() > 200)
        fail(file, "'title' is longer than 200 bytes");
    problem.level = stringField(json, file, "level");
    if (std::find(std::begin(kLevels), std::end(kLevels), problem.level) == std::end(kLevels))
        fail(file, "'level' must be easy, medium or hard, not '" + problem.level + "'");
    // Within the sandbox's default operator maxima (limits.cpp).
    problem.timeLimitMs = integerField(json, file, "time_limit_ms", 100, 10000);
    problem.memoryLimitKb = integerField(json, file, "memory_limit_kb", 16384, 1048576);
    const auto tolerance = json.find("tolerance");
    if (tolerance == json.end())
        fail(file, "missing key 'tolerance' (null when outputs are compared exactly)");
    if (!tolerance->is_null()) {
        if (!tolerance->is_number() || tolerance->get<double>() <= 0 || tolerance->get<double>() >= 1)
            fail(file, "'tolerance' must be null or a number between 0 and 1 (exclusive)");
        problem.tolerance = tolerance->get<double>();
    }
    problem.tags = stringList(json, file, "tags");
    const auto samples = stringList(json, file, "samples");
    if (samples.empty())
        fail(file, "'samples' must name at least one test");
    return {samples.begin(), samples.end()};
}

void readTests(const fs::path &folder, const std::set<std::string> &samples, Problem &problem)
{
    const fs::path dir = folder / "tests";
    std::error_code error;
    if (!fs::is_directory(dir, error))
        fail(dir, "missing (a folder of NN.in and NN.out files)");
    std::set<std::string> inputs, outputs;
    for (const auto &entry : fs::directory_iterator(dir)) {
        const fs::path path = entry.path();
        const std::string stem = path.stem().string(), extension = path.extension().string();
        if (!entry.is_regular_file() || (extension != ".in" && extension != ".out") || !validTestName(stem))
            fail(path, "unexpected: a test folder holds only NAME.in and NAME.out files");
        (extension == ".in" ? inputs : outputs).insert(stem);
    }
    for (const auto &name : inputs) {
        if (!outputs.count(name))
            fail(dir / (name + ".out"), "missing: every test needs its .in and .out");
    }
    for (const auto &name : outputs) {
        if (!inputs.count(name))
            fail(dir / (name + ".in"), "missing: every test needs its .in and .out");
    }
    if (inputs.size() < kMinTests)
        fail(dir, "has " + std::to_string(inputs.size()) + " tests, at least " + std::to_string(kMinTests) +
                      " are needed");
    for (const auto &sample : samples) {
        if (!inputs.count(sample))
            fail(folder / "problem.json", "sample '" + sample + "' has no tests/" + sample + ".in");
    }
    std::vector<TestCase> hidden;
    for (const auto &name : inputs) {
        TestCase test{name, readFile(dir / (name + ".in"), kMaxTestBytes),
                      readFile(dir / (name + ".out"), kMaxTestBytes), samples.count(name) > 0};
        (test.sample ? problem.tests : hidden).push_back(std::move(test));
    }
    if (hidden.empty())
        fail(folder / "problem.json", "every test is a sample: hidden tests are needed to judge");
    for (auto &test : hidden)
        problem.tests.push_back(std::move(test));
}

Problem loadProblem(const fs::path &folder)
{
    Problem problem;
    const auto samples = readMeta(folder, problem);
    problem.statement = readFile(folder / "statement.md", kMaxTextBytes);
    if (problem.statement.find_first_not_of(" \t\r\n") == std::string::npos)
        fail(folder / "statement.md", "empty");
    readTests(folder, samples, problem);
    for (const auto &starter : starterFiles()) {
        const fs::path file = folder / "starter" / starter.file;
        problem.starter[starter.language] = readFile(file, kMaxTextBytes);
    }
    return problem;
}

int levelRank(const std::string &level)
{
    return static_cast<int>(std::find(std::begin(kLevels), std::end(kLevels), level) - std::begin(kLevels));
}

} // namespace

Result<ProblemSet> ProblemSet::load(const std::string &dir)
{
    return loadAll({dir});
}

Result<ProblemSet> ProblemSet::loadAll(const std::vector<std::string> &dirs)
{
    ProblemSet set;
    std::map<std::string, fs::path> seen;
    try {
        for (const auto &dir : dirs) {
            std::error_code error;
            if (!fs::is_directory(dir, error))
                return makeError(dir + ": not a folder of problems");
            std::vector<fs::path> folders;
            for (const auto &entry : fs::directory_iterator(dir)) {
                // Hidden entries are import scratch space; loose files are docs (README.md).
                if (entry.is_directory() && entry.path().filename().string().front() != '.')
                    folders.push_back(entry.path());
            }
            if (folders.empty())
                return makeError(dir + ": no problem folders in it");
            std::sort(folders.begin(), folders.end());
            for (const auto &folder : folders) {
                auto problem = std::make_shared<Problem>(loadProblem(folder));
                const auto [it, inserted] = seen.emplace(problem->slug, folder);
                if (!inserted)
                    return makeError(folder.string() + ": the slug '" + problem->slug + "' is also used by " +
                                     it->second.string());
                set.m_problems.push_back(std::move(problem));
            }
        }
    } catch (const Invalid &invalid) {
        return makeError(invalid.message);
    } catch (const fs::filesystem_error &error) {
        return makeError(error.path1().string() + ": " + error.code().message());
    }
    std::sort(set.m_problems.begin(), set.m_problems.end(), [](const auto &a, const auto &b) {
        return std::pair(levelRank(a->level), a->slug) < std::pair(levelRank(b->level), b->slug);
    });
    return set;
}

const Problem *ProblemSet::find(const std::string &slug) const
{
    for (const auto &problem : m_problems) {
        if (problem->slug == slug)
            return problem.get();
    }
    return nullptr;
}

std::shared_ptr<const Problem> ProblemSet::shared(const std::string &slug) const
{
    for (const auto &problem : m_problems) {
        if (problem->slug == slug)
            return problem;
    }
    return nullptr;
}

std::vector<const Problem *> ProblemSet::all() const
{
    std::vector<const Problem *> out;
    for (const auto &problem : m_problems)
        out.push_back(problem.get());
    return out;
}

std::vector<const Problem *> ProblemSet::byLevel(const std::string &level) const
{
    std::vector<const Problem *> out;
    for (const auto &problem : m_problems) {
        if (problem->level == level)
            out.push_back(problem.get());
    }
    return out;
}

} // namespace bunny::problems
