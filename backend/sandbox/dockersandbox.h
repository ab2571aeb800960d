#pragma once

#include "sandbox/boxedsandbox.h"
#include "sandbox/boxpool.h"
#include "sandbox/dockerclient.h"

#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace bunny::sandbox {

/// The production backend: every step in a fresh container through the Docker Engine API.
/// Network none, read-only root, a sized tmpfs /tmp, memory = memory+swap, a pids limit, one
/// CPU, all capabilities dropped, no-new-privileges, a non-root user, ulimits. Containers are
/// created, attached and started ahead with bunny-box-init waiting on stdin, so a run costs one
/// write on an open connection instead of a container start; each is used once and removed in
/// the background.
class DockerSandbox : public BoxedSandbox
{
public:
    struct Config
    {
        Settings settings;
        std::string socket = "/var/run/docker.sock";
        std::string image = "bunny-sandbox-base:1";        ///< imported locally when missing
        std::map<std::string, std::string> languageImages; ///< language id -> an operator's own image
        std::string user = "65534:65534";
        std::string boxInit; ///< empty: located like the native backend does
        int prepared = 2;
    };

    explicit DockerSandbox(Config config);
    ~DockerSandbox() override;

    std::string backendName() const override { return "docker"; }
    std::string unavailableReason() override { return m_unavailable; }

    /// Whether dockerd answers on `socket` (used by `--sandbox auto`).
    static bool available(const std::string &socket);

protected:
    Result<std::unique_ptr<Box>> acquireBox(Step step, const std::string &language,
                                            const Limits &limits) override;
    bool hasResourceGroups() const override { return true; }
    bool hasPrivateUid() const override { return false; }

private:
    friend class DockerBox;
    Result<std::unique_ptr<Box>> startContainer(const std::string &image, const Limits &limits);
    void remove(const std::string &id);
    void reapLoop();

    Config m_config;
    DockerClient m_client;
    std::string m_unavailable;
    std::vector<std::string> m_maskedPaths; ///< hostMaskedPaths(), an empty tmpfs each
    std::unique_ptr<BoxPool> m_pool;

    std::mutex m_reapMutex;
    std::condition_variable m_reapWake;
    std::deque<std::string> m_doomed;
    bool m_stopping = false;
    std::thread m_reaper;
};

} // namespace bunny::sandbox
