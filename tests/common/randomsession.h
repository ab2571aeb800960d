#pragma once

// Random but reproducible editing sessions for property tests and benchmarks: every event fits the
// document at its time, with multi-byte text, many files, renames and removals.

#include <recording/document.h>
#include <recording/event.h>

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace bunny::test {

struct SessionOptions
{
    std::size_t events = 1000;
    std::size_t files = 5;
    bool renames = true;
    bool removals = true;
    std::int64_t maxStepMs = 50;
};

class RandomSession
{
public:
    explicit RandomSession(std::uint32_t seed, SessionOptions options = {})
        : m_rng(seed)
        , m_options(options)
    {}

    std::vector<rec::Event> generate()
    {
        std::vector<rec::Event> events;
        events.reserve(m_options.events + m_options.files + 1);
        for (std::size_t i = 0; i < m_options.files; ++i)
            push(events, rec::Event::keyframe(0, newPath(), randomText(20)));
        push(events, rec::Event::focus(0, m_doc.files().begin()->first));
        while (events.size() < m_options.events) {
            m_t += pick(0, m_options.maxStepMs);
            push(events, next());
        }
        return events;
    }

private:
    int pick(int lo, std::int64_t hi)
    {
        return std::uniform_int_distribution<int>(lo, static_cast<int>(hi))(m_rng);
    }

    std::string randomText(int maxPieces)
    {
        static const char *const kPieces[] = {"a",  "b",  " ",     "é",  "中",    "😀",
                                              "\n", "\t", "\"q\"", "\\", "x = 1;"};
        std::string text;
        const int n = pick(1, maxPieces);
        for (int i = 0; i < n; ++i)
            text += kPieces[pick(0, std::size(kPieces) - 1)];
        return text;
    }

    std::string newPath()
    {
        static const char *const kDirs[] = {"", "src/", "lib/deep/", "p1/", "ünï/"};
        return std::string(kDirs[pick(0, std::size(kDirs) - 1)]) + "f" + std::to_string(m_nextFile++) +
               ".txt";
    }

    const std::string &randomFile()
    {
        auto it = m_doc.files().begin();
        std::advance(it, pick(0, static_cast<std::int64_t>(m_doc.files().size()) - 1));
        return it->first;
    }

    static std::vector<std::int64_t> boundaries(const std::string &text)
    {
        std::vector<std::int64_t> out;
        for (std::size_t i = 0; i <= text.size(); ++i) {
            if (i == text.size() || (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80)
                out.push_back(static_cast<std::int64_t>(i));
        }
        return out;
    }

    std::int64_t randomBoundary(const std::string &text)
    {
        const auto b = boundaries(text);
        return b[static_cast<std::size_t>(pick(0, static_cast<std::int64_t>(b.size()) - 1))];
    }

    rec::Event next()
    {
        const int roll = pick(0, 99);
        const std::string path = randomFile();
        const std::string &text = *m_doc.text(path);
        if (roll < 40)
            return rec::Event::insert(m_t, path, randomBoundary(text), randomText(3));
        if (roll < 60 && !text.empty()) {
            const auto b = boundaries(text);
            const std::size_t first =
                static_cast<std::size_t>(pick(0, static_cast<std::int64_t>(b.size()) - 2));
            const std::size_t last = std::min(b.size() - 1, first + static_cast<std::size_t>(pick(1, 6)));
            return rec::Event::erase(m_t, path, b[first], text.substr(b[first], b[last] - b[first]));
        }
        if (roll < 75) {
            std::vector<std::int64_t> ranges;
            for (int i = pick(1, 3); i > 0; --i) {
                ranges.push_back(randomBoundary(text));
                ranges.push_back(randomBoundary(text));
            }
            return rec::Event::selection(m_t, path, ranges);
        }
        if (roll < 82)
            return rec::Event::focus(m_t, path);
        if (roll < 86)
            return rec::Event::keyframe(m_t, pick(0, 1) ? path : newPath(), randomText(10));
        if (roll < 90 && m_options.renames)
            return rec::Event::rename(m_t, path, newPath());
        if (roll < 93 && m_options.removals && m_doc.files().size() > 1)
            return rec::Event::remove(m_t, path);
        if (roll < 96)
            return rec::Event::marker(m_t, "note", randomText(2), pick(0, 1) ? path : std::string());
        return rec::Event::output(m_t, pick(0, 1) ? "stdout" : "stderr", randomText(4));
    }

    void push(std::vector<rec::Event> &events, rec::Event e)
    {
        if (!m_doc.apply(e).ok())
            throw std::logic_error("RandomSession made an event that does not fit");
        events.push_back(std::move(e));
    }

    std::mt19937 m_rng;
    SessionOptions m_options;
    rec::Document m_doc;
    std::int64_t m_t = 0;
    int m_nextFile = 0;
};

} // namespace bunny::test

namespace bunny::test {

/// The session rec_kill_writer writes and tst_writerkill expects back.
inline std::vector<rec::Event> killTestSession()
{
    return RandomSession(41, {20000, 5, true, true, 30}).generate();
}
/// Events rec_kill_writer flushes explicitly before it reports.
constexpr std::size_t kKillTestFlushed = 500;

} // namespace bunny::test
