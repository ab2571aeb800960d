#include "battles/battlerecorder.h"

#include "battles/recordingflusher.h"

#include <Poco/DateTimeFormatter.h>
#include <Poco/File.h>
#include <Poco/Logger.h>
#include <Poco/Path.h>
#include <Poco/Timestamp.h>

#include <algorithm>

namespace bunny::backend::battles {

using bunny::rec::Event;

BattleRecorder::BattleRecorder(const Start &start)
    : m_flusher(start.flusher)
    , m_started(start.startedMs)
{
    try {
        Poco::File(Poco::Path(start.path).parent()).createDirectories();
    } catch (const Poco::Exception &e) {
        m_error = e.displayText();
        return;
    }
    bunny::rec::Header header;
    header.id = start.battleId;
    header.started =
        Poco::DateTimeFormatter::format(Poco::Timestamp(start.startedMs * 1000), "%Y-%m-%dT%H:%M:%S.%iZ");
    header.title = start.title;
    header.author = start.p1;
    header.language = start.language;
    header.extra = {{"battle", start.battleId},
                    {"problem", start.problem},
                    {"players", {{"p1", start.p1}, {"p2", start.p2}}}};
    bunny::rec::WriterOptions options;
    options.flushInterval = std::chrono::milliseconds(std::max(1, start.flushMs));
    options.ownThread = m_flusher == nullptr;
    auto writer = bunny::rec::Writer::create(start.path, header, options);
    if (!writer) {
        m_error = writer.message();
        Poco::Logger::get("bunnyd.battles").error("battle %s: no recording: %s", start.battleId, m_error);
        return;
    }
    m_writer = std::move(*writer);
    const std::string p1 = "p1/" + start.p1Entry, p2 = "p2/" + start.p2Entry;
    append(Event::keyframe(0, p1, start.p1Text));
    append(Event::keyframe(0, p2, start.p2Text));
    append(Event::focus(0, p1));
    append(Event::marker(0, "start", start.p1 + " vs " + start.p2));
    if (m_flusher)
        m_flusher->add(m_writer);
}

BattleRecorder::~BattleRecorder()
{
    close();
}

std::int64_t BattleRecorder::t(std::int64_t nowMs)
{
    m_lastT = std::max(m_lastT, nowMs - m_started);
    return m_lastT;
}

void BattleRecorder::append(const Event &event)
{
    if (!m_writer)
        return;
    if (auto r = m_writer->append(event); !r) {
        // A bad event (never expected: the battle checks ops first) must not end the battle.
        Poco::Logger::get("bunnyd.battles").warning("battle recording %s: %s", m_writer->path(), r.message());
    }
}

void BattleRecorder::insert(std::int64_t t, const std::string &path, std::int64_t pos,
                            const std::string &text)
{
    append(Event::insert(t, path, pos, text));
}

void BattleRecorder::erase(std::int64_t t, const std::string &path, std::int64_t pos, const std::string &text)
{
    append(Event::erase(t, path, pos, text));
}

void BattleRecorder::caret(std::int64_t t, const std::string &path, std::int64_t anchor, std::int64_t caret)
{
    append(Event::selection(t, path, {anchor, caret}));
}

void BattleRecorder::keyframe(std::int64_t t, const std::string &path, const std::string &text)
{
    append(Event::keyframe(t, path, text));
}

void BattleRecorder::remove(std::int64_t t, const std::string &path)
{
    append(Event::remove(t, path));
}

void BattleRecorder::marker(std::int64_t t, const std::string &kind, const std::string &label,
                            const std::string &path)
{
    append(Event::marker(t, kind, label, path));
}

void BattleRecorder::close()
{
    if (!m_writer)
        return;
    if (m_flusher)
        m_flusher->remove(m_writer.get());
    if (auto r = m_writer->close(); !r)
        Poco::Logger::get("bunnyd.battles").error("battle recording %s: %s", m_writer->path(), r.message());
    m_writer.reset();
}

} // namespace bunny::backend::battles
