#include "sandbox/dockersandbox.h"

#include "sandbox/dockerbox.h"
#include "sandbox/dockerimage.h"
#include "sandbox/hostmounts.h"

#include <Poco/Exception.h>

#include <nlohmann/json.hpp>

#include <unistd.h>

namespace bunny::sandbox {

bool DockerSandbox::available(const std::string &socket)
{
    if (access(socket.c_str(), W_OK) != 0)
        return false;
    DockerClient client(socket);
    return client.ping();
}

DockerSandbox::DockerSandbox(Config config)
    : BoxedSandbox(config.settings)
    , m_config(std::move(config))
    , m_client(m_config.socket)
{
    m_config.boxInit = locateBoxInit(m_config.boxInit);
    if (m_config.boxInit.empty()) {
        m_unavailable = "bunny-box-init was not found (set BUNNY_BOX_INIT)";
        return;
    }
    if (!m_client.ping()) {
        m_unavailable = "dockerd does not answer on " + m_config.socket;
        return;
    }
    if (auto image = ensureBaseImage(m_client, m_config.image); !image) {
        m_unavailable = image.message();
        return;
    }
    m_maskedPaths = hostMaskedPaths(settings().hiddenPaths);
    m_reaper = std::thread([this] { reapLoop(); });
    const Limits defaults = Limits::clamp(Limits::unset(), settings().defaults, settings().maxima);
    m_pool = std::make_unique<BoxPool>([this, defaults] { return startContainer(m_config.image, defaults); },
                                       m_config.prepared);
}

DockerSandbox::~DockerSandbox()
{
    stopDisposer();
    m_pool.reset(); // queues the prepared containers for removal
    {
        std::lock_guard lock(m_reapMutex);
        m_stopping = true;
    }
    m_reapWake.notify_all();
    if (m_reaper.joinable())
        m_reaper.join();
}

Result<std::unique_ptr<Box>> DockerSandbox::startContainer(const std::string &image, const Limits &limits)
{
    nlohmann::json binds = nlohmann::json::array();
    if (image == m_config.image) {
        for (const auto &mount : hostToolchainMounts()) {
            if (mount.symlinkTarget.empty())
                binds.push_back(mount.path + ":" + mount.path + ":ro");
        }
    }
    binds.push_back(m_config.boxInit + ":/.bunny-init:ro");
    nlohmann::json tmpfs = {
        {"/tmp", "rw,exec,nosuid,nodev,size=" + std::to_string(limits.tmpKb) + "k,mode=1777"}};
    if (image == m_config.image) {
        // An empty read-only tmpfs over what the /usr bind would show but is not for boxes.
        for (const auto &path : m_maskedPaths)
            tmpfs[path] = "ro,nosuid,nodev,noexec,size=4k,mode=0555";
    }
    const std::int64_t memory = limits.memoryKb * 1024;
    const nlohmann::json body = {
        {"Image", image},
        {"Cmd", {"/.bunny-init"}},
        {"User", m_config.user},
        {"WorkingDir", "/tmp"},
        {"Env", {"PATH=/usr/bin:/bin"}},
        {"Hostname", "bunny"},
        {"AttachStdin", true},
        {"AttachStdout", true},
        {"AttachStderr", true},
        {"OpenStdin", true},
        {"StdinOnce", true},
        {"Tty", false},
        {"NetworkDisabled", true},
        {"Labels", {{"bunny.sandbox", "1"}}},
        {"HostConfig",
         {{"NetworkMode", "none"},
          {"ReadonlyRootfs", true},
          {"Binds", binds},
          {"Tmpfs", tmpfs},
          {"Memory", memory},
          {"MemorySwap", memory},
          {"PidsLimit", limits.processes + 1}, // + bunny-box-init
          {"CpuPeriod", 100000},
          {"CpuQuota", 100000},
          {"CapDrop", {"ALL"}},
          {"SecurityOpt", {"no-new-privileges"}},
          {"IpcMode", "private"},
          // The file size limit is the program's (bunny-box-init sets it): the stub writes artifacts.
          {"Ulimits",
           {{{"Name", "nofile"}, {"Soft", 256}, {"Hard", 256}},
            {{"Name", "core"}, {"Soft", 0}, {"Hard", 0}}}}}}};
    std::string id;
    try {
        const auto created = m_client.request("POST", "/containers/create", body.dump());
        const auto answer = nlohmann::json::parse(created.body, nullptr, false);
        if (created.status != 201 || !answer.is_object() || !answer.contains("Id"))
            return makeError("docker create failed: " + created.body.substr(0, 300));
        id = answer["Id"].get<std::string>();
        // Attach before start, so not a byte of the box's output is missed.
        Poco::Net::StreamSocket stream = m_client.attach(id);
        const auto started = m_client.request("POST", "/containers/" + id + "/start");
        if (started.status != 204 && started.status != 304) {
            remove(id);
            return makeError("docker start failed: " + started.body.substr(0, 300));
        }
        return std::unique_ptr<Box>(std::make_unique<DockerBox>(
            m_client, id, stream, limits, [this](const std::string &doomed) { remove(doomed); }));
    } catch (const Poco::Exception &error) {
        if (!id.empty())
            remove(id);
        return makeError("docker: " + error.displayText());
    }
}

Result<std::unique_ptr<Box>> DockerSandbox::acquireBox(Step step, const std::string &language,
                                                       const Limits &limits)
{
    if (!m_unavailable.empty())
        return makeError("the Docker sandbox is unavailable: " + m_unavailable);
    // An operator's own image for this language, or the default one (which has a warm pool).
    const auto own = m_config.languageImages.find(language);
    if (own != m_config.languageImages.end())
        return startContainer(own->second, limits);
    const Limits defaults = Limits::clamp(Limits::unset(), settings().defaults, settings().maxima);
    if (step == Step::Run && limits.tmpKb == defaults.tmpKb && limits.fileSizeKb == defaults.fileSizeKb &&
        m_pool) {
        if (auto box = m_pool->take())
            return box;
    }
    return startContainer(m_config.image, limits);
}

void DockerSandbox::remove(const std::string &id)
{
    {
        std::lock_guard lock(m_reapMutex);
        m_doomed.push_back(id);
    }
    m_reapWake.notify_all();
}

void DockerSandbox::reapLoop()
{
    std::unique_lock lock(m_reapMutex);
    for (;;) {
        m_reapWake.wait(lock, [this] { return m_stopping || !m_doomed.empty(); });
        if (m_doomed.empty() && m_stopping)
            return;
        const std::string id = m_doomed.front();
        m_doomed.pop_front();
        lock.unlock();
        try {
            m_client.request("DELETE", "/containers/" + id + "?force=1&v=1");
        } catch (const Poco::Exception &) {
            // dockerd is gone; its own restart cleans up.
        }
        lock.lock();
    }
}

} // namespace bunny::sandbox
