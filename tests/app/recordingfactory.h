#pragma once

// Builds realistic recordings for the player's tests and benchmark: several files, edits with
// multi-byte text, carets, focus changes, markers, program output and long idle pauses. The
// events are checked by the real library when the file is loaded.

#include <recording/event.h>
#include <recording/header.h>
#include <recording/serialize.h>

#include <QByteArray>
#include <QFile>
#include <QString>

#include <map>
#include <random>
#include <string>
#include <vector>

namespace bunny::testing {

struct GeneratedRecording
{
    rec::Header header;
    std::vector<rec::Event> events;
};

inline rec::Header makeHeader(const std::string &started, const std::string &title = "Sorting things")
{
    rec::Header header;
    header.id = "rec-" + started;
    header.started = started;
    header.title = title;
    header.author = "ada";
    header.language = "python";
    return header;
}

/// True at the start of a UTF-8 character.
inline bool isBoundary(const std::string &text, std::size_t pos)
{
    return pos >= text.size() || (static_cast<unsigned char>(text[pos]) & 0xC0) != 0x80;
}

/// `count` events after the opening keyframes; `idleEvery` > 0 puts a 30 s pause that often.
/// Events are 20-320 ms apart, or `gapMs` + 0-2 ms when given (a dense burst).
inline GeneratedRecording generateRecording(unsigned seed, std::size_t count, const std::string &started,
                                            std::size_t idleEvery = 0, int gapMs = -1)
{
    std::mt19937 random(seed);
    const auto pick = [&](std::size_t n) { return std::size_t(random() % n); };
    GeneratedRecording out{makeHeader(started), {}};
    std::map<std::string, std::string> files{{"main.py", "def main():\n    print('hi')\n"},
                                             {"src/util.py", "# helpers\n"},
                                             {"notes.md", "# Notes — é 中\n"}};
    std::int64_t t = 0;
    for (const auto &[path, text] : files)
        out.events.push_back(rec::Event::keyframe(t, path, text));
    std::string focus = "main.py";
    out.events.push_back(rec::Event::focus(t, focus));

    static const std::vector<std::string> kWords{
        "x",          "for i in range(10):\n", " ", "é", "中文", "return ", "\n", "    ", "print(i)", "🙂",
        "if a < b:\n"};
    static const std::vector<std::string> kKinds{"commit", "run", "paste", "note", "submit"};
    bool ran = false;
    while (out.events.size() < count) {
        t += gapMs < 0 ? std::int64_t(20 + pick(300)) : std::int64_t(gapMs) + std::int64_t(pick(3));
        if (idleEvery > 0 && out.events.size() % idleEvery == 0)
            t += 30000;
        const std::size_t roll = pick(1000);
        std::string &text = files[focus];
        if (roll < 550 || text.size() < 8) {
            std::size_t pos = pick(text.size() + 1);
            while (!isBoundary(text, pos))
                --pos;
            const std::string word = kWords[pick(kWords.size())];
            out.events.push_back(rec::Event::insert(t, focus, std::int64_t(pos), word));
            text.insert(pos, word);
            out.events.push_back(rec::Event::selection(
                t, focus, {std::int64_t(pos + word.size()), std::int64_t(pos + word.size())}));
        } else if (roll < 880) {
            std::size_t pos = pick(text.size());
            while (!isBoundary(text, pos))
                --pos;
            std::size_t end = std::min(text.size(), pos + 1 + pick(6));
            while (!isBoundary(text, end))
                ++end;
            const std::string gone = text.substr(pos, end - pos);
            out.events.push_back(rec::Event::erase(t, focus, std::int64_t(pos), gone));
            text.erase(pos, end - pos);
            out.events.push_back(rec::Event::selection(t, focus, {std::int64_t(pos), std::int64_t(pos)}));
        } else if (roll < 970) {
            auto it = files.begin();
            std::advance(it, std::ptrdiff_t(pick(files.size())));
            focus = it->first;
            out.events.push_back(rec::Event::focus(t, focus));
            const auto size = std::int64_t(files[focus].size());
            out.events.push_back(rec::Event::selection(t, focus, {0, size}));
        } else if (roll < 980) {
            // The first marker is a run, so that every recording has program output.
            const std::string &kind = ran ? kKinds[pick(kKinds.size())] : kKinds[1];
            ran = true;
            out.events.push_back(
                rec::Event::marker(t, kind, kind + " #" + std::to_string(out.events.size())));
            if (kind == "run") {
                out.events.push_back(rec::Event::output(t + 5, "stdout", "ok " + std::to_string(t) + "\n"));
                out.events.push_back(rec::Event::output(t + 6, "stderr", "warning: é\n"));
                t += 6;
            }
        } else if (roll < 982) {
            out.events.push_back(rec::Event::keyframe(t, focus, text));
        } else {
            // The author selects a stretch of text.
            std::size_t from = pick(text.size() + 1), to = pick(text.size() + 1);
            while (!isBoundary(text, from))
                --from;
            while (!isBoundary(text, to))
                --to;
            out.events.push_back(rec::Event::selection(t, focus, {std::int64_t(from), std::int64_t(to)}));
        }
    }
    return out;
}

inline QByteArray serializeRecording(const GeneratedRecording &recording)
{
    std::string bytes = rec::serialize(recording.header) + "\n";
    for (const rec::Event &event : recording.events)
        bytes += rec::serialize(event) + "\n";
    return QByteArray::fromStdString(bytes);
}

inline bool writeFile(const QString &path, const QByteArray &bytes,
                      QIODevice::OpenMode mode = QIODevice::WriteOnly)
{
    QFile file(path);
    return file.open(mode) && file.write(bytes) == bytes.size();
}

} // namespace bunny::testing
