#include "sandbox/languages.h"

#include "sandbox/childprocess.h"

#include <map>
#include <mutex>
#include <regex>
#include <unistd.h>

namespace bunny::sandbox {

namespace {

const std::vector<std::string> kJvmFlags = {"-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                                            "-XX:CICompilerCount=1", "-Xss8m"};

std::vector<LanguageSpec> buildTable()
{
    std::vector<LanguageSpec> table;
    table.push_back({"python",
                     "Python 3",
                     {".py"},
                     "main.py",
                     {},
                     {},
                     {"/usr/bin/python3", "-B", "{entry}"},
                     {"/usr/bin/python3", "--version"},
                     {"PYTHONDONTWRITEBYTECODE=1", "PYTHONUNBUFFERED=1"},
                     true});
    table.push_back({"javascript",
                     "JavaScript (Node.js)",
                     {".js", ".mjs"},
                     "main.js",
                     {},
                     {},
                     {"/usr/bin/node", "{entry}"},
                     {"/usr/bin/node", "--version"},
                     {},
                     false});
    table.push_back({"c",
                     "C (GCC)",
                     {".c"},
                     "main.c",
                     {"/usr/bin/gcc", "-O2", "-pipe", "-o", "/tmp/box/main", "{entry}", "-lm"},
                     {"main"},
                     {"/tmp/box/main"},
                     {"/usr/bin/gcc", "-dumpfullversion"},
                     {},
                     true});
    table.push_back({"cpp",
                     "C++ (G++)",
                     {".cpp", ".cc", ".cxx"},
                     "main.cpp",
                     {"/usr/bin/g++", "-O2", "-pipe", "-std=c++17", "-o", "/tmp/box/main", "{entry}"},
                     {"main"},
                     {"/tmp/box/main"},
                     {"/usr/bin/g++", "-dumpfullversion"},
                     {},
                     true});
    std::vector<std::string> javac = {"/usr/bin/javac"};
    for (const auto &flag : kJvmFlags)
        javac.push_back("-J" + flag);
    for (const auto &arg : {"-encoding", "UTF-8", "-d", "classes", "{entry}"})
        javac.push_back(arg);
    std::vector<std::string> java = {"/usr/bin/java"};
    java.insert(java.end(), kJvmFlags.begin(), kJvmFlags.end());
    for (const auto &arg : {"-cp", "classes", "{class}"})
        java.push_back(arg);
    table.push_back({"java",
                     "Java (OpenJDK)",
                     {".java"},
                     "Main.java",
                     javac,
                     {"classes"},
                     java,
                     {"/usr/bin/javac", "-version"},
                     {},
                     false});
    table.push_back({"go",
                     "Go",
                     {".go"},
                     "main.go",
                     {"/usr/bin/go", "build", "-o", "/tmp/box/main", "{entry}"},
                     {"main"},
                     {"/tmp/box/main"},
                     {"/usr/bin/go", "version"},
                     {"GOCACHE=/tmp/.cache/go", "GOPATH=/tmp/.go", "GO111MODULE=off", "GOTOOLCHAIN=local",
                      "CGO_ENABLED=0", "GOMAXPROCS=2"},
                     false});
    table.push_back({"rust",
                     "Rust",
                     {".rs"},
                     "main.rs",
                     {"/usr/bin/rustc", "-O", "--edition", "2021", "-o", "/tmp/box/main", "{entry}"},
                     {"main"},
                     {"/tmp/box/main"},
                     {"/usr/bin/rustc", "--version"},
                     {},
                     true});
    return table;
}

std::string parseVersion(const std::string &text)
{
    static const std::regex number(R"((\d+\.\d+(\.\d+)?))");
    std::smatch match;
    if (std::regex_search(text, match, number))
        return match[1];
    return {};
}

} // namespace

const std::vector<LanguageSpec> &languageTable()
{
    static const std::vector<LanguageSpec> table = buildTable();
    return table;
}

const LanguageSpec *findLanguage(const std::string &id)
{
    for (const auto &spec : languageTable()) {
        if (spec.id == id)
            return &spec;
    }
    return nullptr;
}

std::optional<LanguageInfo> detectLanguage(const std::string &id)
{
    static std::mutex mutex;
    static std::map<std::string, std::optional<LanguageInfo>> cache;
    const LanguageSpec *spec = findLanguage(id);
    if (!spec)
        return std::nullopt;
    {
        std::lock_guard lock(mutex);
        if (auto known = cache.find(id); known != cache.end())
            return known->second;
    }
    std::optional<LanguageInfo> info;
    if (access(spec->versionCommand[0].c_str(), X_OK) == 0) {
        const auto answer = runHostCommand(spec->versionCommand, 20000);
        const std::string version =
            answer && answer->exitCode == 0 ? parseVersion(answer->output) : std::string();
        if (!version.empty())
            info = LanguageInfo{spec->id, spec->name, version, spec->extensions, !spec->compile.empty()};
    }
    std::lock_guard lock(mutex);
    cache[id] = info;
    return info;
}

std::vector<LanguageInfo> detectLanguages()
{
    std::vector<LanguageInfo> detected;
    for (const auto &spec : languageTable()) {
        if (auto info = detectLanguage(spec.id))
            detected.push_back(*info);
    }
    return detected;
}

std::vector<std::string> expandCommand(const std::vector<std::string> &command, const std::string &entry)
{
    std::string stem = entry.substr(entry.rfind('/') == std::string::npos ? 0 : entry.rfind('/') + 1);
    stem = stem.substr(0, stem.find('.'));
    std::vector<std::string> out;
    for (auto arg : command) {
        for (const auto &[key, value] :
             {std::pair<std::string, std::string>{"{entry}", entry}, {"{class}", stem}}) {
            for (auto at = arg.find(key); at != std::string::npos; at = arg.find(key))
                arg.replace(at, key.size(), value);
        }
        out.push_back(arg);
    }
    return out;
}

} // namespace bunny::sandbox
