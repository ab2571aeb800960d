#include "sandbox/sandboxfactory.h"

#include "sandbox/dockersandbox.h"
#include "sandbox/nativesandbox.h"

#include <mutex>

namespace bunny::sandbox {

namespace {

Result<std::unique_ptr<Sandbox>> createNative(const SandboxOptions &options)
{
    NativeSandbox::Config config;
    config.settings.defaults = options.defaults;
    config.settings.maxima = options.maxima;
    config.settings.hiddenPaths = options.hiddenPaths;
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
    config.settings.hiddenPaths = options.hiddenPaths;
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

class LazySandbox : public Sandbox
{
public:
    explicit LazySandbox(SandboxOptions options)
        : m_options(std::move(options))
    {}

    std::string backendName() const override
    {
        std::lock_guard lock(m_mutex);
        return m_sandbox ? m_sandbox->backendName() : m_options.backend;
    }
    std::vector<LanguageInfo> languages() override
    {
        Sandbox *sandbox = get();
        return sandbox ? sandbox->languages() : std::vector<LanguageInfo>{};
    }
    RunResult run(const Job &job) override
    {
        if (Sandbox *sandbox = get())
            return sandbox->run(job);
        RunResult result;
        result.message = m_error;
        return result;
    }
    BatchResult runBatch(const Job &job, const std::vector<std::string> &inputs,
                         const BatchProceed &proceed) override
    {
        if (Sandbox *sandbox = get())
            return sandbox->runBatch(job, inputs, proceed);
        BatchResult result;
        result.message = m_error;
        return result;
    }
    std::string unavailableReason() override { return get() ? std::string() : m_error; }

private:
    Sandbox *get()
    {
        std::lock_guard lock(m_mutex);
        if (!m_tried) {
            m_tried = true;
            auto made = createSandbox(m_options);
            if (made)
                m_sandbox = std::move(*made);
            else
                m_error = made.message();
        }
        return m_sandbox.get();
    }

    SandboxOptions m_options;
    mutable std::mutex m_mutex;
    bool m_tried = false;
    std::unique_ptr<Sandbox> m_sandbox;
    std::string m_error;
};

} // namespace

std::unique_ptr<Sandbox> createLazySandbox(const SandboxOptions &options)
{
    return std::make_unique<LazySandbox>(options);
}

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
