#pragma once

#include "run/runplan.h"

#include <QElapsedTimer>
#include <QStringDecoder>
#include <QWidget>

#include <memory>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProcess;
class QPushButton;
class QTemporaryDir;

namespace bunny::app {

/// The output console: runs a file's plan step by step (compile, then run) in a temporary
/// build folder, shows stdout and stderr in two colours, feeds an input line to stdin, and
/// reports the exit code and the duration. Each step runs in a process group of its own, so
/// Stop (and closing the window) ends everything the program started (`go run`'s binary, a
/// script's children), not only the direct child.
class RunConsole : public QWidget
{
    Q_OBJECT

public:
    explicit RunConsole(QWidget *parent = nullptr);
    ~RunConsole() override;

    /// Starts running `filePath` from `workingDir`; a running program is stopped first.
    void run(const QString &language, const QString &filePath, const QString &workingDir);
    /// Kills the running step's whole process group.
    void stop();
    bool isRunning() const;
    /// Sends a line (with '\n') to the program's stdin.
    void sendInput(const QString &line);
    /// Closes the program's stdin (Ctrl+D in the input line, the EOF button); a program
    /// reading to the end of its input then finishes. Sent after any lines still waiting.
    void sendEndOfInput();
    QString transcript() const;

    /// A run somewhere else (the server's sandbox) shown in this console: begin, its output,
    /// then the summary line (status, time, memory). The local run is stopped first.
    void beginRemoteRun(const QString &label);
    void appendRemoteOutput(const QString &stream, const QString &text);
    void finishRemoteRun(const QString &summary, bool ok, int exitCode, qint64 milliseconds);
    /// The remote run could not happen (no server, a refused call): the reason as the last line,
    /// and no finished() (there was no exit code).
    void failRemoteRun(const QString &reason);
    /// A line of the console's own (not program output, not recorded), e.g. what was not sent.
    void appendNote(const QString &text);
    /// Waiting on a remote run (between beginRemoteRun and its finish, fail or stop).
    bool isRemoteRunning() const { return m_remote; }

Q_SIGNALS:
    void started(const QString &label);
    /// stream is "stdout" or "stderr"; the console's own messages are not program output.
    void output(const QString &stream, const QString &text);
    /// exitCode is the program's, 128 + the signal when a signal killed it, -1 when stopped or
    /// not started; status says it in words ("exit code 3", "killed by signal 11 (SIGSEGV)",
    /// "stopped").
    void finished(int exitCode, qint64 milliseconds, const QString &status);
    /// Stop (or a local run) while waiting on a remote run: its result is ignored from now on.
    void remoteRunStopped();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    enum class Kind { Stdout, Stderr, Info };
    void startStep();
    void append(const QString &text, Kind kind);
    void stepFinished(int exitCode, bool crashed);
    void killGroup();

    QPlainTextEdit *m_output = nullptr;
    QLineEdit *m_input = nullptr;
    QPushButton *m_stop = nullptr;
    QPushButton *m_endOfInput = nullptr;
    QLabel *m_status = nullptr;
    QProcess *m_process = nullptr;
    std::unique_ptr<QTemporaryDir> m_buildDir;
    QList<RunStep> m_steps;
    QString m_workingDir;
    QByteArray m_pendingInput;
    bool m_pendingEndOfInput = false;
    bool m_stopping = false;
    qint64 m_group = 0; // the running step's process group (its pid), 0 when none
    // Stateful: a multi-byte character split between two reads is decoded whole.
    QStringDecoder m_stdoutDecoder{QStringDecoder::Utf8};
    QStringDecoder m_stderrDecoder{QStringDecoder::Utf8};
    QElapsedTimer m_clock;
    bool m_remote = false;
};

} // namespace bunny::app
