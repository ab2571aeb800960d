#include "sandbox/dockerbox.h"

#include <Poco/Exception.h>

#include <nlohmann/json.hpp>

#include <cerrno>
#include <chrono>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace bunny::sandbox {

namespace {

using Clock = std::chrono::steady_clock;

} // namespace

DockerBox::DockerBox(DockerClient &client, std::string id, Poco::Net::StreamSocket stream, Limits created,
                     std::function<void(const std::string &)> remove)
    : m_client(client)
    , m_id(std::move(id))
    , m_stream(std::move(stream))
    , m_created(created)
    , m_remove(std::move(remove))
{}

DockerBox::~DockerBox()
{
    try {
        m_stream.close();
    } catch (const Poco::Exception &) {
    }
    m_remove(m_id);
}

BoxOutcome DockerBox::execute(const BoxSpec &spec)
{
    BoxOutcome outcome;
    try {
        if (spec.limits.memoryKb != m_created.memoryKb || spec.limits.processes != m_created.processes) {
            const nlohmann::json update = {{"Memory", spec.limits.memoryKb * 1024},
                                           {"MemorySwap", spec.limits.memoryKb * 1024},
                                           {"PidsLimit", spec.limits.processes + 1}};
            const auto answer = m_client.request("POST", "/containers/" + m_id + "/update", update.dump());
            if (answer.status != 200) {
                outcome.internalError = "docker update failed: " + answer.body.substr(0, 200);
                return outcome;
            }
        }
    } catch (const Poco::Exception &error) {
        outcome.internalError = "docker update failed: " + error.displayText();
        return outcome;
    }

    const std::string input = encodeJob(spec) + spec.stdinData;
    size_t written = 0;
    const int fd = m_stream.impl()->sockfd();
    m_stream.setBlocking(false);
    OutcomeDecoder decoder(outcome);
    std::string frames, boxErrors;
    const auto started = Clock::now();
    const auto hardDeadline = started + std::chrono::milliseconds(spec.limits.wallMs + 5000);
    bool open = true, killed = false;
    char buffer[65536];
    // Done at the status record: waiting for dockerd to close the stream costs the container's
    // whole teardown, and removal happens in the background anyway.
    // A program killed by SIGKILL may be the OOM killer's victim, which dockerd reports only once
    // the container has stopped: then read on to the end of the stream.
    while (open && !(decoder.finished() && outcome.signal != 9)) {
        if (Clock::now() >= hardDeadline && !killed) {
            outcome.reason = "lost";
            killed = true;
            try {
                m_client.request("POST", "/containers/" + m_id + "/kill");
            } catch (const Poco::Exception &) {
            }
            break;
        }
        pollfd pfd{fd, static_cast<short>(POLLIN | (written < input.size() ? POLLOUT : 0)), 0};
        poll(&pfd, 1, 250);
        if (written < input.size() && (pfd.revents & POLLOUT)) {
            const ssize_t n = send(fd, input.data() + written, input.size() - written, MSG_NOSIGNAL);
            if (n > 0)
                written += static_cast<size_t>(n);
            if (n < 0 && errno != EAGAIN && errno != EINTR)
                written = input.size();
            if (written == input.size())
                shutdown(fd, SHUT_WR); // dockerd closes the container's stdin (StdinOnce)
        }
        if (pfd.revents & (POLLIN | POLLHUP | POLLERR)) {
            const ssize_t n = recv(fd, buffer, sizeof buffer, 0);
            if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
                open = false;
            } else if (n > 0) {
                frames.append(buffer, static_cast<size_t>(n));
                // dockerd multiplexes the streams: [type, 0, 0, 0, size (big endian)] + payload.
                size_t at = 0;
                while (frames.size() - at >= 8) {
                    const auto *h = reinterpret_cast<const unsigned char *>(frames.data() + at);
                    const size_t size =
                        (size_t{h[4]} << 24) | (size_t{h[5]} << 16) | (size_t{h[6]} << 8) | h[7];
                    if (frames.size() - at - 8 < size)
                        break;
                    if (h[0] == 1) {
                        if (!decoder.feed(frames.data() + at + 8, size)) {
                            outcome.internalError = "the container sent a malformed stream";
                            open = false;
                        }
                    } else if (boxErrors.size() < 4096) {
                        boxErrors.append(frames, at + 8, size);
                    }
                    at += 8 + size;
                }
                frames.erase(0, at);
            }
        }
    }
    // Only a killed program can have been the OOM killer's victim: spare the others a round trip.
    try {
        if (decoder.finished() && outcome.signal != 9)
            throw Poco::Exception("no need");
        const auto answer = m_client.request("GET", "/containers/" + m_id + "/json");
        const auto state = nlohmann::json::parse(answer.body, nullptr, false);
        if (state.is_object() && state.contains("State"))
            outcome.oomKilled = state["State"].value("OOMKilled", false);
    } catch (const Poco::Exception &) {
    }
    if (!decoder.finished() && outcome.reason.empty()) {
        outcome.reason = "lost";
        if (!outcome.oomKilled && outcome.internalError.empty())
            outcome.internalError = "the container ended without a status" +
                                    (boxErrors.empty() ? std::string() : ": " + boxErrors.substr(0, 512));
    }
    if (outcome.oomKilled)
        outcome.memoryKb = std::max(outcome.memoryKb, spec.limits.memoryKb);
    if (outcome.wallUs == 0)
        outcome.wallUs =
            std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started).count();
    return outcome;
}

} // namespace bunny::sandbox
