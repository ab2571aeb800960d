#pragma once

#include <recording/writer.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace bunny::backend::battles {

class RecordingFlusher;

/// The battle's recording, written as the battle goes (flushed within flushMs by the hub's
/// shared RecordingFlusher, or by the writer's own thread without one): both players' files under p1/ and
/// p2/, their carets, markers for submissions, verdicts, large pastes, chat and the end. A crash loses at
/// most the last flush interval. Times are ms since the battle started. Not thread-safe: the battle calls it
/// under its lock.
class BattleRecorder
{
public:
    struct Start
    {
        std::string path;
        std::string battleId, title, p1, p2, language, problem;
        std::string p1Entry, p2Entry; // e.g. "main.py"
        std::string p1Text, p2Text;
        std::int64_t startedMs = 0; // epoch ms
        int flushMs = 1000;
        /// Flushes the recording with the other battles'; null: a thread of its own.
        std::shared_ptr<RecordingFlusher> flusher;
    };
    /// Creates the file; on failure the battle goes on unrecorded and error() says why.
    explicit BattleRecorder(const Start &start);
    ~BattleRecorder();

    bool ok() const { return m_writer != nullptr; }
    const std::string &error() const { return m_error; }

    /// ms since the start, never decreasing.
    std::int64_t t(std::int64_t nowMs);
    void insert(std::int64_t t, const std::string &path, std::int64_t pos, const std::string &text);
    void erase(std::int64_t t, const std::string &path, std::int64_t pos, const std::string &text);
    void caret(std::int64_t t, const std::string &path, std::int64_t anchor, std::int64_t caret);
    void keyframe(std::int64_t t, const std::string &path, const std::string &text);
    void remove(std::int64_t t, const std::string &path);
    void marker(std::int64_t t, const std::string &kind, const std::string &label,
                const std::string &path = {});
    /// Writes the rest and closes the file.
    void close();

private:
    void append(const bunny::rec::Event &event);

    std::shared_ptr<bunny::rec::Writer> m_writer;
    std::shared_ptr<RecordingFlusher> m_flusher;
    std::int64_t m_started = 0;
    std::int64_t m_lastT = 0;
    std::string m_error;
};

} // namespace bunny::backend::battles
