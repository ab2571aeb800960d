#pragma once

#include "player/playertimeline.h"

#include <core/result.h>

#include <QElapsedTimer>
#include <QFuture>
#include <QObject>
#include <QStringList>
#include <QTimer>

#include <deque>
#include <vector>

namespace bunny::app {

/// The widget-free heart of the player: a timeline over one or several recordings, the state of
/// every file at the current position, and a clock that plays it at a chosen speed.
///
/// Views follow two signals: `stepped` carries the few ops that moved the state (apply them to a
/// widget incrementally), `documentReset` says the state was replaced (a seek: compare and set
/// only the files that changed). Every event is applied to document() in order while playing,
/// whatever the speed; a big batch is announced as a reset rather than op by op.
class PlayerModel : public QObject
{
    Q_OBJECT

public:
    static constexpr double kMinSpeed = 0.25;
    static constexpr double kMaxSpeed = 16.0;
    /// The clock's tick while playing, in ms (one frame at 60 Hz).
    static constexpr int kTickMs = 16;
    /// How often a recording that may still grow is looked at, in ms.
    static constexpr int kGrowthPollMs = 500;
    /// A file that has not grown for this long (and whose writer left no lock) is finished.
    static constexpr int kLiveTimeoutMs = 30000;

    explicit PlayerModel(QObject *parent = nullptr);
    ~PlayerModel() override;

    /// Opens consecutive recordings of one project (plain or gzip) as one timeline.
    /// On error nothing changes and the message names the file and the line.
    [[nodiscard]] Result<void> open(const QStringList &paths);
    /// Starts an empty timeline fed by appendData (a download in progress); live until
    /// finishStream().
    void openStream(const QString &name);
    /// Adds downloaded bytes; only their complete lines are parsed and appended to the timeline.
    /// A bad line stops the timeline there: the error (naming the line) is returned and emitted.
    [[nodiscard]] Result<void> appendData(const QByteArray &bytes);
    /// The download ended: takes a last line without its newline, leaves live mode. A non-empty
    /// `failure` (the download broke off) is reported through errorOccurred.
    [[nodiscard]] Result<void> finishStream(const QString &failure = {});
    /// Looks at the last file again and takes its new complete lines (also done by a timer).
    [[nodiscard]] Result<void> refresh();
    void close();
    /// How long a growing file may stay still before it counts as finished (kLiveTimeoutMs).
    void setLiveTimeout(int ms) { m_liveTimeoutMs = ms; }

    bool isOpen() const { return m_timeline.segmentCount() > 0; }
    QStringList paths() const { return m_paths; }
    QString title() const;
    /// A battle recording's player names (p1, p2) from its header, else empty.
    QStringList battlePlayers() const;
    const PlayerTimeline &timeline() const { return m_timeline; }
    const rec::Document &document() const { return m_document; }
    /// Warnings of the recordings, such as a truncated last line.
    QStringList warnings() const;

    qint64 position() const { return m_position; }
    qint64 duration() const { return m_timeline.duration(); }
    /// How many events document() has applied (the state is the first N events).
    std::size_t appliedCount() const { return m_applied; }
    /// Events applied one by one by the clock since open(), for checking that none were dropped.
    std::size_t playedEventCount() const { return m_played; }
    bool isPlaying() const { return m_playing; }
    /// The recording may still grow (a download, a file being written): playing waits at the end.
    bool isLive() const { return m_live; }
    /// Bytes handed to the parser since open(): growth parses only what is new.
    std::size_t parsedBytes() const { return m_parsedBytes; }
    double speed() const { return m_speed; }
    bool idleCompression() const { return m_timeline.idleCompression(); }

    /// The author's anchor/caret pairs in `path` at the current position (empty if unknown).
    std::vector<std::int64_t> selectionOf(const std::string &path) const;
    /// Program output shown at the current position: (stream, text) since the last run.
    std::vector<std::pair<std::string, std::string>> output() const;
    /// The focused file's text at the current position.
    QString focusedText() const;

    /// Writes every file as it is now into `dir` (new or empty) and makes it a git repository
    /// with one commit.
    [[nodiscard]] Result<void> forkTo(const QString &dir) const;
    /// forkTo() on a pool thread (the state as it is now is copied first).
    [[nodiscard]] QFuture<Result<void>> forkInBackground(const QString &dir) const;

    void play();
    void pause();
    void togglePlay();
    void setSpeed(double speed);
    void faster();
    void slower();
    void setIdleCompression(bool on);
    void seek(qint64 ms);
    void seekFraction(double fraction);
    void skip(qint64 ms);
    void skipFraction(double fraction);
    void stepForward();
    void stepBackward();
    void nextMarker();
    void previousMarker();

    /// Marks a stretch of the timeline, from `startMs` into recording `firstSegment` to `endMs`
    /// into recording `lastSegment` (recording times, ms since each one's start; segments in
    /// timeline order, see paths()). It is held as events, so it stays put when idle compression
    /// changes. Playing pauses when it reaches the stretch's end; play again to go on.
    void setStretch(std::size_t firstSegment, qint64 startMs, std::size_t lastSegment, qint64 endMs);
    void clearStretch();
    bool hasStretch() const { return m_hasStretch; }
    /// The stretch in timeline ms (its first and its last event).
    qint64 stretchStart() const;
    qint64 stretchEnd() const;

Q_SIGNALS:
    void opened();
    void closed();
    /// The ops that moved the state, in order (events forward, inverses backward).
    void stepped(const std::vector<bunny::rec::Event> &ops);
    void documentReset();
    void positionChanged(qint64 ms);
    void durationChanged(qint64 ms);
    void timelineChanged();
    void playingChanged(bool playing);
    void speedChanged(double speed);
    void idleCompressionChanged(bool on);
    void stretchChanged();
    /// Growth that could not be read; playing goes on with what was read before.
    void errorOccurred(const QString &message);
    /// The recording stopped (or started) growing: a download finished, the writer closed its
    /// file, or the file stayed still for the live timeout.
    void liveChanged(bool live);

private:
    struct Source
    {
        QString path;
        qint64 size = -1; ///< bytes of the file read so far
        bool stream = false;
        /// The last source's reader, kept to take growth; null for the others.
        std::unique_ptr<rec::Recording::Growing> growing;
        bool hadLock = false; ///< its writer's lock was seen (sessionrecovery)
    };

    void tick();
    void moveTo(std::size_t count, qint64 position, bool fromClock);
    void applyForward(std::size_t count, bool fromClock);
    bool applyBackward(std::size_t count);
    void resetTo(std::size_t count);
    void setPosition(qint64 ms);
    void clearUndo();
    void restartClock();
    void pollGrowth();
    [[nodiscard]] Result<std::unique_ptr<rec::Recording::Growing>> readFile(const QString &path,
                                                                            qint64 *size);
    [[nodiscard]] Result<void> reloadLast();
    void announceGrowth(std::size_t eventsBefore);
    void setLive(bool live);
    QString forkMessage() const;

    PlayerTimeline m_timeline;
    std::vector<Source> m_sources; ///< one per segment, in timeline order
    QStringList m_paths;
    rec::Document m_document;
    std::deque<rec::Event> m_undo; ///< inverses of the last events applied, oldest first
    std::size_t m_undoBytes = 0;
    std::size_t m_applied = 0;
    std::size_t m_played = 0;
    qint64 m_position = 0;
    bool m_playing = false;
    double m_speed = 1.0;
    QString m_lastGrowthError;
    bool m_live = false; ///< the source may still grow: wait for more at the end
    QElapsedTimer m_sinceGrowth;
    int m_liveTimeoutMs = kLiveTimeoutMs;
    std::size_t m_parsedBytes = 0;
    QTimer m_clock;
    QTimer m_growthPoll;
    QElapsedTimer m_elapsed;
    qint64 m_clockBase = 0;
    bool m_hasStretch = false;
    std::size_t m_stretchFirst = 0; ///< global index of the stretch's first event
    std::size_t m_stretchLast = 0;  ///< and of its last
};

} // namespace bunny::app
