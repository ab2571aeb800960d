#include "sandbox/sandboxfactory.h"

#include "sandbox/dockersandbox.h"
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

Result<std::unique_ptr<Sandbox>> createDocker(const SandboxOptions &options)
{
    DockerSandbox::Config config;
    config.settings.defaults = options.defaults;
    config.settings.maxima = options.maxima;
    config.prepared = options.prepared;
    config.socket = options.dockerSocket;
    if (!options.dockerImage.empty())
        config.image = options.dockerImage;
    config.languageImages = options.dockerLanguageImages;
    auto sandbox = std::make_unique<DockerSandbox>(config);
    if (!sandbox->unavailableReason().empty())
        return makeError("the Docker sandbox cannot run here: " + sandbox->unavailableReason());
    return std::unique_ptr<Sandbox>(std::move(sandbox));
}

} // namespace

Result<std::unique_ptr<Sandbox>> createSandbox(const SandboxOptions &options)
{
    if (options.backend == "native")
        return createNative(options);
    if (options.backend == "docker")
        return createDocker(options);
    if (options.backend == "auto")
        return DockerSandbox::available(options.dockerSocket) ? createDocker(options) : createNative(options);
    return makeError("unknown sandbox backend '" + options.backend + "' (auto, native or docker)");
}

} // namespace bunny::sandbox
