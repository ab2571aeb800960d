#include "sandbox/limits.h"

#include <algorithm>

namespace bunny::sandbox {

namespace {

std::int64_t pick(std::int64_t requested, std::int64_t fallback, std::int64_t maximum,
                  std::int64_t minimum = 1)
{
    const std::int64_t value = requested > 0 ? requested : fallback;
    return std::clamp<std::int64_t>(value, minimum, std::max<std::int64_t>(maximum, minimum));
}

} // namespace

Limits Limits::clamp(const Limits &requested, const Limits &defaults, const Limits &maxima)
{
    Limits out;
    out.cpuMs = pick(requested.cpuMs, defaults.cpuMs, maxima.cpuMs);
    out.wallMs = pick(requested.wallMs, defaults.wallMs, maxima.wallMs);
    out.memoryKb = pick(requested.memoryKb, defaults.memoryKb, maxima.memoryKb, kMinMemoryKb);
    out.processes = pick(requested.processes, defaults.processes, maxima.processes);
    out.outputKb = pick(requested.outputKb, defaults.outputKb, maxima.outputKb);
    out.fileSizeKb = pick(requested.fileSizeKb, defaults.fileSizeKb, maxima.fileSizeKb);
    out.tmpKb = pick(requested.tmpKb, defaults.tmpKb, maxima.tmpKb);
    return out;
}

Limits Limits::defaultMaxima()
{
    Limits maxima;
    maxima.cpuMs = 10000;
    maxima.wallMs = 20000;
    maxima.memoryKb = 1024 * 1024;
    maxima.processes = 256;
    maxima.outputKb = 1024;
    maxima.fileSizeKb = 16 * 1024;
    maxima.tmpKb = 64 * 1024;
    return maxima;
}

Limits compileLimits()
{
    Limits limits;
    limits.cpuMs = 15000;
    limits.wallMs = 30000;
    limits.memoryKb = 1024 * 1024;
    limits.processes = 128;
    limits.outputKb = 64;
    limits.fileSizeKb = 64 * 1024;
    limits.tmpKb = 128 * 1024;
    return limits;
}

} // namespace bunny::sandbox
