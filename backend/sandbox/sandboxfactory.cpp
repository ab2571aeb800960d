#include "sandbox/sandboxfactory.h"

#include "sandbox/nativesandbox.h"

namespace bunny::sandbox {

namespace {

Result<std::unique_ptr<Sandbox>> createNative(const SandboxOptions &options)
{
    NativeSandbox::Config config;
    config.settings.defaults = options.defaults;
    config.settings.maxima = options.maxima;
    config.prepared = options.prepared;
    auto sandbox = std::make_unique<NativeSandbox>(config);
    if (!sandbox->unavailableReason().empty())
        return makeError("the native sandbox cannot run here: " + sandbox->unavailableReason());
    return std::unique_ptr<Sandbox>(std::move(sandbox));
}

} // namespace

Result<std::unique_ptr<Sandbox>> createSandbox(const SandboxOptions &options)
{
    if (options.backend == "native" || options.backend == "auto")
        return createNative(options);
    return makeError("unknown sandbox backend '" + options.backend + "' (auto, native or docker)");
}

} // namespace bunny::sandbox
