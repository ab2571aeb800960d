// libFuzzer target: the problem-set loader (backend/problems) and the output comparison.
//
// First byte even: the rest is a problem.json, loaded by ProblemSet::load from a real folder
// whose other files (statement, ten tests, starters) are valid, so the input decides. First
// byte odd: the output check a judge runs on what an untrusted program printed; the second byte
// picks the tolerance and the rest is "expected\0actual". Errors are fine; crashes, hangs,
// leaks and sanitizer reports are bugs.
#include <problems/outputmatch.h>
#include <problems/problem.h>
#include <problems/problemset.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

void writeFile(const fs::path &path, std::string_view text)
{
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary | std::ios::trunc).write(text.data(), std::streamsize(text.size()));
}

/// A problem folder, valid but for problem.json, made once per process and removed at exit.
const fs::path &problemSet()
{
    static const fs::path root = [] {
        std::string pattern = (fs::temp_directory_path() / "bunny-fuzz-problems-XXXXXX").string();
        const fs::path dir = ::mkdtemp(pattern.data());
        const fs::path folder = dir / "set" / "fuzzme";
        writeFile(folder / "statement.md", "# Fuzz me\n\nPrint the sum.\n");
        for (int i = 1; i <= 10; ++i) {
            const std::string name = (i < 10 ? "0" : "") + std::to_string(i);
            writeFile(folder / "tests" / (name + ".in"), std::to_string(i) + " " + std::to_string(i) + "\n");
            writeFile(folder / "tests" / (name + ".out"), std::to_string(2 * i) + "\n");
        }
        for (const auto &starter : bunny::problems::starterFiles())
            writeFile(folder / "starter" / starter.file, "// starter\n");
        std::atexit([] { fs::remove_all(root); });
        return dir;
    }();
    return root;
}

void loadProblem(std::string_view json)
{
    writeFile(problemSet() / "set" / "fuzzme" / "problem.json", json);
    auto set = bunny::problems::ProblemSet::load((problemSet() / "set").string());
    if (!set)
        return;
    const auto *problem = set->find("fuzzme");
    if (!problem || problem->tests.size() != 10)
        std::abort(); // accepted, yet not what the folder holds
    (void)set->byLevel(problem->level);
}

void compareOutputs(std::uint8_t steer, std::string_view rest)
{
    static constexpr double kTolerances[] = {1e-9, 1e-6, 1e-3, 0.5};
    std::optional<double> tolerance;
    if (steer & 4)
        tolerance = kTolerances[steer % 4];
    const auto split = std::min(rest.find('\0'), rest.size());
    const std::string expected(rest.substr(0, split));
    const std::string actual(rest.substr(std::min(split + 1, rest.size())));
    const bool match = bunny::problems::outputsMatch(expected, actual, tolerance);
    if (!bunny::problems::outputsMatch(expected, expected, tolerance))
        std::abort(); // an output must match itself
    (void)match;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 2)
        return 0;
    const std::string_view rest(reinterpret_cast<const char *>(data + 2), size - 2);
    if (data[0] % 2 == 0)
        loadProblem(std::string_view(reinterpret_cast<const char *>(data + 1), size - 1));
    else
        compareOutputs(data[1], rest);
    return 0;
}
