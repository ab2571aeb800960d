#pragma once

#include "recorder/ignorematcher.h"

#include <core/result.h>

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <memory>
#include <string>

class QTimer;

namespace bunny::rec {
class Writer;
struct Event;
} // namespace bunny::rec

namespace bunny::app {

class CodeEditor;

/// Records one editing session of a project into <project>/.bunny/recordings/<session>.bunnyrec
/// with the shared Writer: a keyframe of every text file at t=0, then every change exactly as
/// Scintilla reports it (SCN_MODIFIED, in UTF-8 bytes), selections, focus, file operations,
/// runs and their output. Paths in the recording are relative to the project, with '/'.
/// Never records .git/, .bunny/, ignored paths or secrets (see IgnoreMatcher).
class Recorder : public QObject
{
    Q_OBJECT

public:
    explicit Recorder(QObject *parent = nullptr);
    ~Recorder() override;

    /// Starts a session: creates the file and its lock, keeps .bunny/ out of git, writes the
    /// keyframes. An error (e.g. an unwritable folder) leaves the recorder off.
    [[nodiscard]] Result<void> start(const QString &projectPath);
    /// Closes the session cleanly (flushed, lock removed). Safe to call when not recording.
    void stop();
    bool isRecording() const { return m_writer != nullptr; }
    QString sessionPath() const { return m_sessionPath; }
    QString projectPath() const { return m_project; }
    /// Writes and fsyncs what is buffered now (the Writer also does so within a second).
    [[nodiscard]] Result<void> flush();

    /// Watches an editor's edits, selections and paste/reload signals; editors of ignored or
    /// outside files are watched but never recorded. Attaching again (the recorder was
    /// restarted) only re-synchronises. When the editor's text is not what the recording holds
    /// for its file (changed on disk while closed, unsaved edits discarded), a keyframe of the
    /// text is written first, so the edits that follow apply to the right text.
    void attach(CodeEditor *editor);
    bool isRecorded(const QString &absolutePath) const;

    void fileCreated(const QString &absolutePath);
    void pathRenamed(const QString &from, const QString &to);
    void pathRemoved(const QString &absolutePath);
    void focusChanged(const QString &absolutePath);
    /// Files changed behind the editor's back (a restore or branch switch): re-reads the ignore
    /// rules and keyframes every recorded file not open in an editor whose bytes on disk differ
    /// from the recording, new files, and records removals of files gone.
    void syncWithDisk();
    /// Re-reads .gitignore/.bunnyignore: files ignored from now on leave the recording (an `x`;
    /// their earlier events stay), files no longer ignored get a keyframe.
    void reloadIgnoreRules();
    void runStarted(const QString &label, const QString &absolutePath);
    /// A run's output; at most kMaxRunOutputBytes of it per run reach the recording, then one
    /// `m output-capped` marker (a print loop must not fill the disk).
    void runOutput(const QString &stream, const QString &text);
    /// `status` in words ("exit code 3", "killed by signal 11 (SIGSEGV)"), see RunConsole.
    void runFinished(int exitCode, qint64 milliseconds, const QString &status = QString());

    static constexpr qint64 kMaxRunOutputBytes = 1024 * 1024;
    /// A marker of `kind` (commit, note, ...) at the current time, e.g. "abc1234 Fix parser".
    void addMarker(const QString &kind, const QString &label);

Q_SIGNALS:
    void recordingChanged(bool recording);
    /// The recording could not be written (disk full, folder gone); the recorder stopped,
    /// editing goes on.
    void failed(const QString &message);

private:
    QString relative(const QString &absolutePath) const;
    std::int64_t now() const;
    void append(const rec::Event &event);
    void keyframeFromDisk(const QString &relativePath);
    void keyframeFromEditor(CodeEditor *editor);
    void keyframe(const QString &relativePath, const QByteArray &text);
    /// Keyframes `relativePath` from the editor open on `editorPath` if any, else from disk.
    void learn(const QString &relativePath, const QString &editorPath);
    CodeEditor *openEditor(const QString &absolutePath) const;
    void sync(CodeEditor *editor);
    void ignoreFileTouched(const QString &absolutePath);
    void scanProject(const QString &dir, QStringList &files) const;
    void onModified(CodeEditor *editor, int position, int type, const char *text, int length);
    void flushSelection();
    void fail(const QString &message);

    std::unique_ptr<rec::Writer> m_writer;
    IgnoreMatcher m_ignore;
    QString m_project;
    QString m_sessionPath;
    QElapsedTimer m_clock;
    QSet<QString> m_known; // relative paths that have a keyframe and no removal since
    // SHA-1 of the recorded text of files not open in an editor (an open file's text is the
    // editor's, edit by edit); compared with what an editor or the disk shows later.
    QHash<QString, QByteArray> m_digests;
    QList<QPointer<CodeEditor>> m_editors;
    qint64 m_runOutputBytes = 0;
    QPointer<CodeEditor> m_selectionEditor;
    QTimer *m_selectionTimer = nullptr;
};

} // namespace bunny::app
