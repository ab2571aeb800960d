#include "player/playermodel.h"

#include "player/playerfork.h"
#include "recorder/sessionrecovery.h"

#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <array>

namespace bunny::app {

namespace {

constexpr std::array kSpeeds{0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0};
/// A seek further ahead than this starts from a keyframe instead of applying every event.
constexpr std::size_t kForwardApplyLimit = 2000;
/// Inverse ops kept for stepping back; further back, a keyframe is quicker anyway.
constexpr std::size_t kMaxUndo = 4096;
constexpr std::size_t kMaxUndoBytes = 16 * 1024 * 1024;
/// Batches larger than this are announced as a reset: comparing files is cheaper for views.
constexpr std::size_t kIncrementalLimit = 256;
/// The same for a seek (a hop of a few seconds): bench_player measured one text replace per
/// changed file cheaper than a widget replace per op (QScintilla notifies and re-lays out each).
constexpr std::size_t kSeekIncrementalLimit = 8;

} // namespace

PlayerModel::PlayerModel(QObject *parent)
    : QObject(parent)
{
    m_clock.setTimerType(Qt::PreciseTimer);
    m_clock.setInterval(kTickMs);
    connect(&m_clock, &QTimer::timeout, this, &PlayerModel::tick);
    m_growthPoll.setInterval(kGrowthPollMs);
    connect(&m_growthPoll, &QTimer::timeout, this, &PlayerModel::pollGrowth);
}

PlayerModel::~PlayerModel() = default;

Result<std::unique_ptr<rec::Recording::Growing>> PlayerModel::readFile(const QString &path, qint64 *size)
{
    const std::string name = QFileInfo(path).fileName().toStdString();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(name + ": " + file.errorString().toStdString());
    auto growing = std::make_unique<rec::Recording::Growing>();
    *size = 0;
    // A file still being written may grow while it is read: only the bytes read are counted,
    // and the poll takes the rest from there.
    for (QByteArray chunk; !(chunk = file.read(1 << 20)).isEmpty();) {
        *size += chunk.size();
        m_parsedBytes += std::size_t(chunk.size());
        if (auto fed = growing->feed(std::string_view(chunk.constData(), std::size_t(chunk.size()))); !fed)
            return makeError(name + ": " + fed.message());
    }
    if (!growing->hasHeader() && growing->pendingBytes() == 0)
        return makeError(name + ": line 1: the file is empty (no bunnyrec header)");
    return growing;
}

Result<void> PlayerModel::open(const QStringList &paths)
{
    if (paths.isEmpty())
        return makeError("No recording to open.");
    const std::size_t parsedBefore = m_parsedBytes;
    std::vector<Source> sources;
    std::vector<std::shared_ptr<const rec::Recording>> recordings;
    for (const QString &path : paths) {
        qint64 size = 0;
        auto read = readFile(path, &size);
        if (!read) {
            m_parsedBytes = parsedBefore;
            return read.error();
        }
        recordings.push_back(read.value()->recording());
        sources.push_back({path, size, false, std::move(read).value(), false});
    }
    const std::vector<std::size_t> order = PlayerTimeline::sortedByStart(recordings);
    // Only the last session may still be growing; the others end here, as load() ends a file.
    for (std::size_t k = 0; k + 1 < order.size(); ++k) {
        Source &source = sources[order[k]];
        if (auto finished = source.growing->finish(); !finished) {
            m_parsedBytes = parsedBefore;
            return makeError(QFileInfo(source.path).fileName().toStdString() + ": " + finished.message());
        }
        source.growing.reset();
    }
    if (!sources[order.back()].growing->hasHeader())
        return makeError(QFileInfo(sources[order.back()].path).fileName().toStdString() +
                         ": line 1: the header is cut short");
    const std::size_t parsed = m_parsedBytes - parsedBefore;
    close();
    m_parsedBytes = parsed;
    std::vector<std::shared_ptr<const rec::Recording>> ordered;
    for (std::size_t i : order) {
        ordered.push_back(recordings[i]);
        m_paths.push_back(sources[i].path);
        m_sources.push_back(std::move(sources[i]));
    }
    m_timeline.setRecordings(std::move(ordered));
    resetTo(m_timeline.countAt(0));
    // A session being recorded right now (its writer's lock is there) is live from the start.
    m_sources.back().hadLock = QFileInfo::exists(sessionrecovery::lockPathFor(m_sources.back().path));
    setLive(m_sources.back().hadLock);
    m_growthPoll.start();
    Q_EMIT opened();
    Q_EMIT durationChanged(duration());
    Q_EMIT positionChanged(m_position);
    return {};
}

void PlayerModel::openStream(const QString &name)
{
    close();
    m_sources.push_back({name, 0, true, std::make_unique<rec::Recording::Growing>(), false});
    m_paths.push_back(name);
    setLive(true);
}

Result<void> PlayerModel::appendData(const QByteArray &bytes)
{
    if (m_sources.empty() || !m_sources.back().stream || !m_sources.back().growing ||
        m_sources.back().growing->isFinished())
        return makeError("No download is being played.");
    Source &source = m_sources.back();
    const std::size_t before = m_timeline.eventCount();
    // The reader parses complete lines only and keeps a line cut by the network for later.
    source.size += bytes.size();
    m_parsedBytes += std::size_t(bytes.size());
    const auto fed = source.growing->feed(std::string_view(bytes.constData(), std::size_t(bytes.size())));
    announceGrowth(before);
    if (!fed) {
        // Nothing after a bad line can be read: the stream ends there.
        (void)source.growing->finish();
        setLive(false);
        const QString message = source.path + QStringLiteral(": ") + QString::fromStdString(fed.message());
        Q_EMIT errorOccurred(message);
        return makeError(message.toStdString());
    }
    return {};
}

Result<void> PlayerModel::finishStream(const QString &failure)
{
    if (m_sources.empty() || !m_sources.back().stream)
        return makeError("No download is being played.");
    Source &source = m_sources.back();
    const std::size_t before = m_timeline.eventCount();
    Result<void> result;
    if (!source.growing->isFinished()) {
        // A download that broke off plays up to its last complete line, like a truncated file.
        result = source.growing->finish();
        announceGrowth(before);
    }
    setLive(false);
    const QString message =
        !failure.isEmpty() ? source.path + QStringLiteral(": ") + failure
        : !result          ? source.path + QStringLiteral(": ") + QString::fromStdString(result.message())
                           : QString();
    if (message.isEmpty())
        return {};
    Q_EMIT errorOccurred(message);
    return makeError(message.toStdString());
}

// New events of the last source (already in its recording, which grew in place): index them and
// tell the views. The first lines of a download open the player.
void PlayerModel::announceGrowth(std::size_t eventsBefore)
{
    const auto &growing = m_sources.back().growing;
    if (!isOpen()) {
        if (!growing || !growing->hasHeader())
            return;
        m_timeline.setRecordings({growing->recording()});
        resetTo(m_timeline.countAt(0));
        Q_EMIT opened();
        Q_EMIT durationChanged(duration());
        Q_EMIT positionChanged(m_position);
        return;
    }
    m_timeline.extendLast();
    if (m_timeline.eventCount() == eventsBefore)
        return;
    Q_EMIT durationChanged(duration());
    Q_EMIT timelineChanged();
}

Result<void> PlayerModel::refresh()
{
    if (!isOpen() || m_sources.back().stream)
        return {};
    Source &source = m_sources.back();
    const qint64 size = QFileInfo(source.path).size();
    if (size == source.size)
        return {};
    if (size < source.size || !source.growing)
        return reloadLast(); // rewritten rather than appended to: read it again
    QFile file(source.path);
    if (!file.open(QIODevice::ReadOnly) || !file.seek(source.size))
        return makeError(QFileInfo(source.path).fileName().toStdString() + ": " +
                         file.errorString().toStdString());
    const std::size_t before = m_timeline.eventCount();
    const QByteArray added = file.read(size - source.size);
    source.size += added.size();
    m_parsedBytes += std::size_t(added.size());
    const auto fed = source.growing->feed(std::string_view(added.constData(), std::size_t(added.size())));
    m_sinceGrowth.start();
    setLive(true);
    announceGrowth(before);
    if (!fed)
        return makeError(QFileInfo(source.path).fileName().toStdString() + ": " + fed.message());
    return {};
}

Result<void> PlayerModel::reloadLast()
{
    Source &source = m_sources.back();
    qint64 size = 0;
    auto read = readFile(source.path, &size);
    if (!read)
        return read.error();
    source.size = size;
    source.growing = std::move(read).value();
    const std::size_t last = m_timeline.segmentCount() - 1;
    const std::size_t before = m_timeline.recording(last).events().size();
    const bool shrank = source.growing->recording()->events().size() < before;
    m_timeline.replaceRecording(last, source.growing->recording());
    if (shrank) {
        // Replaced by a shorter file: the state we hold may be ahead of it.
        resetTo(std::min(m_applied, m_timeline.eventCount()));
        setPosition(std::min(m_position, duration()));
    }
    m_sinceGrowth.start();
    setLive(true);
    Q_EMIT durationChanged(duration());
    Q_EMIT timelineChanged();
    return {};
}

void PlayerModel::pollGrowth()
{
    const auto result = refresh();
    if (result) {
        m_lastGrowthError.clear();
    } else {
        const QString message = QString::fromStdString(result.message());
        if (message != m_lastGrowthError) {
            m_lastGrowthError = message;
            Q_EMIT errorOccurred(message);
        }
    }
    // The end of a file being written: its writer closed it (the recorder removes its lock), or
    // it stayed still for the live timeout (a writer that crashed, or one that leaves no lock).
    if (!m_live || m_sources.empty() || m_sources.back().stream)
        return;
    Source &source = m_sources.back();
    const bool locked = QFileInfo::exists(sessionrecovery::lockPathFor(source.path));
    source.hadLock = source.hadLock || locked;
    if ((source.hadLock && !locked) || m_sinceGrowth.elapsed() >= m_liveTimeoutMs)
        setLive(false);
}

void PlayerModel::setLive(bool live)
{
    if (live == m_live)
        return;
    m_live = live;
    // A clock waiting at the end applies what is left and stops at its next tick.
    if (live)
        m_sinceGrowth.start();
    Q_EMIT liveChanged(live);
}

void PlayerModel::close()
{
    const bool wasOpen = isOpen() || !m_sources.empty();
    pause();
    m_growthPoll.stop();
    m_timeline.setRecordings({});
    clearStretch();
    m_sources.clear();
    m_paths.clear();
    m_document = {};
    m_applied = 0;
    clearUndo();
    m_played = 0;
    m_position = 0;
    m_parsedBytes = 0;
    m_lastGrowthError.clear();
    setLive(false);
    if (wasOpen)
        Q_EMIT closed();
}

QString PlayerModel::title() const
{
    if (!isOpen())
        return {};
    const std::string &title = m_timeline.recording(0).header().title;
    return title.empty() ? QFileInfo(m_paths.value(0)).fileName() : QString::fromStdString(title);
}

QStringList PlayerModel::battlePlayers() const
{
    if (!isOpen())
        return {};
    const nlohmann::json &extra = m_timeline.recording(0).header().extra;
    const auto players = extra.is_object() ? extra.find("players") : extra.end();
    if (!extra.is_object() || players == extra.end() || !players->is_object())
        return {};
    QStringList names;
    for (const char *slot : {"p1", "p2"}) {
        const auto name = players->find(slot);
        names << (name != players->end() && name->is_string()
                      ? QString::fromStdString(name->get<std::string>())
                      : QString::fromLatin1(slot));
    }
    return names;
}

QStringList PlayerModel::warnings() const
{
    QStringList result;
    for (std::size_t s = 0; s < m_timeline.segmentCount(); ++s) {
        for (const std::string &warning : m_timeline.recording(s).warnings())
            result << QFileInfo(m_sources[s].path).fileName() + QStringLiteral(": ") +
                          QString::fromStdString(warning);
    }
    // The last line of a file still open for growth waits for its end rather than being dropped.
    if (m_sources.empty())
        return result;
    const Source &last = m_sources.back();
    if (last.growing && !last.growing->isFinished() && last.growing->pendingBytes() > 0)
        result << tr("%1: line %2: the last line is incomplete (still being written, or cut short by "
                     "a crash); not played")
                      .arg(QFileInfo(last.path).fileName())
                      .arg(last.growing->lineCount() + 1);
    // finish() turns a stop at an op that does not fit into a warning; until then it is said here.
    if (last.growing && !last.growing->isFinished() && !last.growing->recording()->stoppedAt().empty())
        result << tr("%1: %2; played up to the line before")
                      .arg(QFileInfo(last.path).fileName(),
                           QString::fromStdString(last.growing->recording()->stoppedAt()));
    return result;
}

std::vector<std::int64_t> PlayerModel::selectionOf(const std::string &path) const
{
    const std::vector<std::int64_t> *ranges = m_document.selection(path);
    return ranges ? *ranges : std::vector<std::int64_t>{};
}

std::vector<std::pair<std::string, std::string>> PlayerModel::output() const
{
    if (m_applied == 0)
        return {};
    // A run starts with a fresh panel, and so does a session.
    std::size_t from = m_timeline.firstEvent(m_timeline.segmentOf(m_applied - 1));
    for (const TimelineMarker &marker : m_timeline.markers()) {
        if (marker.index >= m_applied)
            break;
        if (marker.kind == QLatin1String("run"))
            from = std::max(from, marker.index);
    }
    std::vector<std::pair<std::string, std::string>> result;
    const auto &outputs = m_timeline.outputEvents();
    for (auto it = std::lower_bound(outputs.begin(), outputs.end(), from);
         it != outputs.end() && *it < m_applied; ++it) {
        rec::Event event = m_timeline.event(*it);
        result.emplace_back(std::move(event.arg), std::move(event.text));
    }
    return result;
}

QString PlayerModel::focusedText() const
{
    // Before the first `f` (or after its file went away) the first file is the visible one.
    const std::string *text = m_document.text(m_document.focus());
    if (!text && !m_document.files().empty())
        text = &m_document.files().begin()->second;
    return text ? QString::fromStdString(*text) : QString();
}

QString PlayerModel::forkMessage() const
{
    const qint64 s = m_position / 1000;
    return QStringLiteral("Fork of \"%1\" at %2:%3")
        .arg(title())
        .arg(s / 60)
        .arg(s % 60, 2, 10, QLatin1Char('0'));
}

Result<void> PlayerModel::forkTo(const QString &dir) const
{
    if (!isOpen())
        return makeError("Open a recording before forking it.");
    return writeFork(m_document, dir, forkMessage());
}

QFuture<Result<void>> PlayerModel::forkInBackground(const QString &dir) const
{
    if (!isOpen())
        return QtFuture::makeReadyFuture(Result<void>(makeError("Open a recording before forking it.")));
    return writeForkInBackground(m_document, dir, forkMessage());
}

void PlayerModel::play()
{
    if (!isOpen() || m_playing)
        return;
    if (m_position >= duration() && !m_live)
        seek(0);
    m_playing = true;
    restartClock();
    m_clock.start();
    Q_EMIT playingChanged(true);
}

void PlayerModel::pause()
{
    if (!m_playing)
        return;
    m_playing = false;
    m_clock.stop();
    Q_EMIT playingChanged(false);
}

void PlayerModel::togglePlay()
{
    m_playing ? pause() : play();
}

void PlayerModel::setSpeed(double speed)
{
    speed = std::clamp(speed, kMinSpeed, kMaxSpeed);
    if (speed == m_speed)
        return;
    m_speed = speed;
    restartClock();
    Q_EMIT speedChanged(speed);
}

void PlayerModel::faster()
{
    const auto it = std::upper_bound(kSpeeds.begin(), kSpeeds.end(), m_speed);
    if (it != kSpeeds.end())
        setSpeed(*it);
}

void PlayerModel::slower()
{
    const auto it = std::lower_bound(kSpeeds.begin(), kSpeeds.end(), m_speed);
    if (it != kSpeeds.begin())
        setSpeed(*(it - 1));
}

void PlayerModel::setIdleCompression(bool on)
{
    if (on == idleCompression())
        return;
    m_timeline.setIdleCompression(on);
    // The state stays; the position moves to where its last event now sits.
    setPosition(m_applied > 0 ? m_timeline.timeOf(m_applied - 1) : 0);
    restartClock();
    Q_EMIT idleCompressionChanged(on);
    Q_EMIT durationChanged(duration());
    Q_EMIT timelineChanged();
}

void PlayerModel::seek(qint64 ms)
{
    if (!isOpen())
        return;
    ms = std::clamp<qint64>(ms, 0, duration());
    moveTo(m_timeline.countAt(ms), ms, false);
    restartClock();
}

void PlayerModel::seekFraction(double fraction)
{
    seek(qint64(double(duration()) * std::clamp(fraction, 0.0, 1.0)));
}

void PlayerModel::skip(qint64 ms)
{
    seek(m_position + ms);
}

void PlayerModel::skipFraction(double fraction)
{
    seek(m_position + qint64(double(duration()) * fraction));
}

void PlayerModel::stepForward()
{
    pause();
    if (m_applied >= m_timeline.eventCount())
        return;
    moveTo(m_applied + 1, m_timeline.timeOf(m_applied), false);
}

void PlayerModel::stepBackward()
{
    pause();
    if (m_applied == 0)
        return;
    const std::size_t count = m_applied - 1;
    moveTo(count, count > 0 ? m_timeline.timeOf(count - 1) : 0, false);
}

void PlayerModel::nextMarker()
{
    for (const TimelineMarker &marker : m_timeline.markers()) {
        if (marker.time > m_position) {
            seek(marker.time);
            return;
        }
    }
}

void PlayerModel::previousMarker()
{
    const auto &markers = m_timeline.markers();
    for (auto it = markers.rbegin(); it != markers.rend(); ++it) {
        if (it->time < m_position) {
            seek(it->time);
            return;
        }
    }
    seek(0);
}

void PlayerModel::setStretch(std::size_t firstSegment, qint64 startMs, std::size_t lastSegment, qint64 endMs)
{
    const std::size_t segments = m_timeline.segmentCount();
    if (segments == 0 || firstSegment > lastSegment || lastSegment >= segments)
        return;
    // The first event at or after startMs, and the last at or before endMs.
    const auto eventAt = [this](std::size_t segment, qint64 ms, bool after) {
        const rec::EventList &events = m_timeline.recording(segment).events();
        std::size_t i = 0;
        while (i < events.size() && events.time(i) < ms + (after ? 0 : 1))
            ++i;
        if (!after && i > 0)
            --i;
        return m_timeline.firstEvent(segment) + std::min(i, events.size() > 0 ? events.size() - 1 : 0);
    };
    m_stretchFirst = eventAt(firstSegment, startMs, true);
    m_stretchLast = std::max(m_stretchFirst, eventAt(lastSegment, endMs, false));
    m_hasStretch = m_stretchLast < m_timeline.eventCount();
    Q_EMIT stretchChanged();
}

void PlayerModel::clearStretch()
{
    if (!m_hasStretch)
        return;
    m_hasStretch = false;
    Q_EMIT stretchChanged();
}

qint64 PlayerModel::stretchStart() const
{
    return m_hasStretch ? m_timeline.timeOf(m_stretchFirst) : 0;
}

qint64 PlayerModel::stretchEnd() const
{
    return m_hasStretch ? m_timeline.timeOf(m_stretchLast) : duration();
}

void PlayerModel::tick()
{
    if (!m_playing)
        return;
    const qint64 target = m_clockBase + qint64(double(m_elapsed.nsecsElapsed()) / 1e6 * m_speed);
    // Playing across the stretch's end stops there; playing again from there goes on.
    if (m_hasStretch && m_position < stretchEnd() && target >= stretchEnd()) {
        moveTo(m_stretchLast + 1, stretchEnd(), true);
        pause();
        return;
    }
    if (target < duration()) {
        moveTo(m_timeline.countAt(target), target, true);
        return;
    }
    moveTo(m_timeline.eventCount(), duration(), true);
    if (m_live)
        restartClock(); // wait at the end for the rest of a live session
    else
        pause();
}

void PlayerModel::moveTo(std::size_t count, qint64 position, bool fromClock)
{
    if (count > m_applied) {
        if (fromClock || count - m_applied <= kForwardApplyLimit)
            applyForward(count, fromClock);
        else
            resetTo(count);
    } else if (count < m_applied) {
        if (!applyBackward(count))
            resetTo(count);
    }
    setPosition(position);
}

void PlayerModel::applyForward(std::size_t count, bool fromClock)
{
    std::vector<rec::Event> ops;
    bool reset = false;
    for (std::size_t i = m_applied; i < count; ++i) {
        rec::Event event = m_timeline.event(i);
        if (m_timeline.startsSegment(i)) {
            m_document = {};
            clearUndo();
            reset = true;
        }
        auto inverse = m_document.inverse(event);
        if (!inverse || !m_document.apply(event)) {
            // Cannot happen with a recording the library loaded; rebuild rather than drift.
            resetTo(count);
            m_played += fromClock ? count - i : 0;
            return;
        }
        m_undoBytes += inverse->text.size();
        m_undo.push_back(std::move(inverse).value());
        // Inverses of keyframes hold whole files: bound the bytes as well as the count.
        while (m_undo.size() > kMaxUndo || m_undoBytes > kMaxUndoBytes) {
            m_undoBytes -= m_undo.front().text.size();
            m_undo.pop_front();
        }
        if (fromClock)
            ++m_played;
        if (!reset && ops.size() < (fromClock ? kIncrementalLimit : kSeekIncrementalLimit))
            ops.push_back(std::move(event));
        else
            reset = true;
    }
    m_applied = count;
    if (reset)
        Q_EMIT documentReset();
    else
        Q_EMIT stepped(ops);
}

bool PlayerModel::applyBackward(std::size_t count)
{
    if (m_applied - count > m_undo.size())
        return false;
    // Inverses of a session's first events were taken against its empty start, not against
    // the previous session's end: going back across sessions goes through a keyframe.
    for (std::size_t i = count; i < m_applied; ++i) {
        if (m_timeline.startsSegment(i))
            return false;
    }
    std::vector<rec::Event> ops;
    bool incremental = m_applied - count <= kSeekIncrementalLimit;
    while (m_applied > count) {
        rec::Event inverse = std::move(m_undo.back());
        m_undo.pop_back();
        m_undoBytes -= inverse.text.size();
        if (!m_document.apply(inverse))
            return false; // the caller rebuilds from a keyframe
        --m_applied;
        // Views replay edits, carets and focus; output and file moves are simpler to rebuild.
        const rec::Code code = inverse.code;
        incremental = incremental && code != rec::Code::Output && code != rec::Code::Rename &&
                      code != rec::Code::Remove && code != rec::Code::Marker;
        ops.push_back(std::move(inverse));
    }
    if (incremental)
        Q_EMIT stepped(ops);
    else
        Q_EMIT documentReset();
    return true;
}

void PlayerModel::resetTo(std::size_t count)
{
    clearUndo();
    m_document = m_timeline.stateAfter(count);
    m_applied = count;
    Q_EMIT documentReset();
}

void PlayerModel::clearUndo()
{
    m_undo.clear();
    m_undoBytes = 0;
}

void PlayerModel::setPosition(qint64 ms)
{
    if (ms == m_position)
        return;
    m_position = ms;
    Q_EMIT positionChanged(ms);
}

void PlayerModel::restartClock()
{
    m_clockBase = m_position;
    m_elapsed.start();
}

} // namespace bunny::app
