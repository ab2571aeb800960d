#pragma once

#include "run/runplan.h"

#include <QElapsedTimer>
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
/// reports the exit code and the duration.
class RunConsole : public QWidget
{
    Q_OBJECT

public:
    explicit RunConsole(QWidget *parent = nullptr);
    ~RunConsole() override;

    /// Starts running `filePath` from `workingDir`; a running program is stopped first.
    void run(const QString &language, const QString &filePath, const QString &workingDir);
    void stop();
    bool isRunning() const;
    /// Sends a line (with '\n') to the program's stdin.
    void sendInput(const QString &line);
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
    void finished(int exitCode, qint64 milliseconds);
    /// Stop (or a local run) while waiting on a remote run: its result is ignored from now on.
    void remoteRunStopped();

private:
    void startStep();
    void append(const QString &text, const QColor &color);
    void stepFinished(int exitCode, bool crashed);

    QPlainTextEdit *m_output = nullptr;
    QLineEdit *m_input = nullptr;
    QPushButton *m_stop = nullptr;
    QLabel *m_status = nullptr;
    QProcess *m_process = nullptr;
    std::unique_ptr<QTemporaryDir> m_buildDir;
    QList<RunStep> m_steps;
    QString m_workingDir;
    QByteArray m_pendingInput;
    QElapsedTimer m_clock;
    bool m_remote = false;
};

} // namespace bunny::app
