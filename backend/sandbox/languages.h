#pragma once

#include "sandbox/sandbox.h"

#include <optional>
#include <string>
#include <vector>

namespace bunny::sandbox {

/// How one language is built and run inside a box. Commands are argv vectors with absolute
/// paths of Debian's toolchains; "{entry}" stands for the entry file, "{class}" for its stem.
struct LanguageSpec
{
    std::string id;
    std::string name;
    std::vector<std::string> extensions;
    std::string defaultEntry;
    std::vector<std::string> compile; ///< empty for interpreted languages
    std::vector<std::string> collect; ///< what the compile step leaves for the run step
    std::vector<std::string> run;
    std::vector<std::string> versionCommand;
    std::vector<std::string> env; ///< extra NAME=value for both steps
    bool usesAddressSpace = true; ///< false: the runtime reserves huge virtual memory (JVM, Go)
};

/// The built-in table: python, javascript, c, cpp, java, go, rust.
const std::vector<LanguageSpec> &languageTable();
const LanguageSpec *findLanguage(const std::string &id);

/// Runs the toolchain's version command on the host (a trusted binary, no user input): the
/// language with its version when the toolchain answers, else nothing. Cached per language.
std::optional<LanguageInfo> detectLanguage(const std::string &id);
/// Every language of the table that works on this host.
std::vector<LanguageInfo> detectLanguages();

/// Replaces {entry} and {class} in a command.
std::vector<std::string> expandCommand(const std::vector<std::string> &command, const std::string &entry);

} // namespace bunny::sandbox
