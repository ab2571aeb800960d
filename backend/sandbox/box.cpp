#include "sandbox/box.h"

#include "sandbox/boxprotocol.h"

#include <cstring>
#include <sstream>

namespace bunny::sandbox {

namespace proto = protocol;

namespace {

void putRecord(std::string &out, char tag, const std::string &payload)
{
    out.push_back(tag);
    const auto length = static_cast<std::uint32_t>(payload.size());
    out.append(reinterpret_cast<const char *>(&length), 4);
    out += payload;
}

template<typename T> std::string raw(T value)
{
    return std::string(reinterpret_cast<const char *>(&value), sizeof value);
}

} // namespace

std::string encodeJob(const BoxSpec &spec)
{
    std::string out(proto::kMagic, 4);
    putRecord(out, proto::kWorkdir, "/tmp/box");
    for (const auto &file : spec.files) {
        putRecord(out, proto::kFile,
                  raw<std::uint32_t>(file.mode) +
                      raw<std::uint32_t>(static_cast<std::uint32_t>(file.path.size())) + file.path +
                      file.content);
    }
    for (const auto &arg : spec.argv)
        putRecord(out, proto::kArg, arg);
    for (const auto &entry : spec.env)
        putRecord(out, proto::kEnv, entry);
    for (const auto &[resource, value] : spec.rlimits)
        putRecord(out, proto::kLimit,
                  raw<std::uint32_t>(static_cast<std::uint32_t>(resource)) + raw<std::uint64_t>(value));
    if (!spec.seccomp.empty())
        putRecord(out, proto::kSeccomp, spec.seccomp);
    for (const auto &path : spec.collect)
        putRecord(out, proto::kCollect, path);
    if (spec.mergeStdout)
        putRecord(out, proto::kMerge, {});
    putRecord(out, proto::kWall, raw<std::uint64_t>(static_cast<std::uint64_t>(spec.limits.wallMs)));
    putRecord(out, proto::kOutput,
              raw<std::uint64_t>(static_cast<std::uint64_t>(spec.limits.outputKb) * 1024));
    putRecord(out, proto::kEnd, {});
    return out;
}

OutcomeDecoder::OutcomeDecoder(BoxOutcome &outcome, std::uint64_t maxArtifactBytes)
    : m_outcome(outcome)
    , m_maxArtifactBytes(maxArtifactBytes)
{}

bool OutcomeDecoder::feed(const char *data, size_t size)
{
    m_buffer.append(data, size);
    size_t at = 0;
    while (m_buffer.size() - at >= 5) {
        std::uint32_t length = 0;
        std::memcpy(&length, m_buffer.data() + at + 1, 4);
        if (length > proto::kMaxRecord)
            return false;
        if (m_buffer.size() - at - 5 < length)
            break;
        if (!handle(m_buffer[at], m_buffer.substr(at + 5, length)))
            return false;
        at += 5 + length;
    }
    m_buffer.erase(0, at);
    return true;
}

bool OutcomeDecoder::handle(char tag, const std::string &payload)
{
    if (m_finished)
        return false;
    switch (tag) {
    case proto::kStdout:
        m_outcome.stdoutText += payload;
        return true;
    case proto::kStderr:
        m_outcome.stderrText += payload;
        return true;
    case proto::kFile: {
        std::uint32_t mode = 0, pathLength = 0;
        if (payload.size() < 8)
            return false;
        std::memcpy(&mode, payload.data(), 4);
        std::memcpy(&pathLength, payload.data() + 4, 4);
        if (pathLength > payload.size() - 8)
            return false;
        m_artifactBytes += payload.size();
        if (m_artifactBytes > m_maxArtifactBytes)
            return false;
        m_outcome.artifacts.push_back(
            {payload.substr(8, pathLength), payload.substr(8 + pathLength), mode & 0755});
        return true;
    }
    case proto::kStatus: {
        std::istringstream fields(payload);
        for (std::string field; fields >> field;) {
            const auto eq = field.find('=');
            if (eq == std::string::npos)
                continue;
            const std::string key = field.substr(0, eq), value = field.substr(eq + 1);
            try {
                if (key == "reason")
                    m_outcome.reason = value;
                else if (key == "exit")
                    m_outcome.exitCode = std::stoi(value);
                else if (key == "signal")
                    m_outcome.signal = std::stoi(value);
                else if (key == "cpu_us")
                    m_outcome.cpuUs = std::stoll(value);
                else if (key == "maxrss_kb")
                    m_outcome.memoryKb = std::stoll(value);
                else if (key == "wall_us")
                    m_outcome.wallUs = std::stoll(value);
                else if (key == "out")
                    m_outcome.stdoutBytes = std::stoull(value);
                else if (key == "err")
                    m_outcome.stderrBytes = std::stoull(value);
            } catch (...) {
                return false;
            }
        }
        m_finished = true;
        return true;
    }
    default:
        return false;
    }
}

} // namespace bunny::sandbox
