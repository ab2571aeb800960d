#include "problems/problem.h"

namespace bunny::problems {

const std::vector<StarterFile> &starterFiles()
{
    // The language ids of the sandbox's table (backend/sandbox/languages.cpp); Java's file name
    // is its class name.
    static const std::vector<StarterFile> kFiles = {
        {"python", "main.py"}, {"javascript", "main.js"}, {"c", "main.c"},     {"cpp", "main.cpp"},
        {"java", "Main.java"}, {"go", "main.go"},         {"rust", "main.rs"},
    };
    return kFiles;
}

} // namespace bunny::problems
