#pragma once

#include <cstdint>

namespace bunny::sandbox {

/// Resource limits of one run. Zero in a request field means "the default".
struct Limits
{
    /// The least memory a run gets (16 MiB). Smaller requests are raised to it: below it a cgroup
    /// refuses the limit (the box's own stub already uses more) and Docker refuses the container
    /// (it wants at least 6 MB), and no language's runtime starts in less anyway.
    static constexpr std::int64_t kMinMemoryKb = 16 * 1024;

    std::int64_t cpuMs = 2000;
    std::int64_t wallMs = 5000;
    std::int64_t memoryKb = 256 * 1024;
    std::int64_t processes = 64;
    std::int64_t outputKb = 64; ///< per stream
    std::int64_t fileSizeKb = 1024;
    std::int64_t tmpKb = 16 * 1024;

    /// The request's limits with zero fields taken from defaults, every field capped at maxima,
    /// and memory raised to kMinMemoryKb (also when defaults or maxima are set lower).
    static Limits clamp(const Limits &requested, const Limits &defaults, const Limits &maxima);
    /// All zero: every field takes the default.
    static Limits unset() { return Limits{0, 0, 0, 0, 0, 0, 0}; }
    /// The operator maxima when none are configured: generous, but finite.
    static Limits defaultMaxima();
};

/// The compiler's own limits (compilers need more than the programs they build).
Limits compileLimits();

} // namespace bunny::sandbox
