#include "run/runconsole.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTextCharFormat>
#include <QVBoxLayout>

#include <csignal>
#include <cstring>
#include <unistd.h>

namespace bunny::app {

namespace {

QString signalName(int signal)
{
    const char *abbrev = sigabbrev_np(signal);
    return abbrev ? QStringLiteral("SIG") + QLatin1String(abbrev) : QStringLiteral("unknown signal");
}

bool isEndOfInputKey(const QKeyEvent *key)
{
    return key->key() == Qt::Key_D && (key->modifiers() & ~Qt::KeypadModifier) == Qt::ControlModifier;
}

} // namespace

RunConsole::RunConsole(QWidget *parent)
    : QWidget(parent)
{
    m_output = new QPlainTextEdit(this);
    m_output->setReadOnly(true);
    m_output->setMaximumBlockCount(20000); // a runaway print loop must not eat the memory
    m_output->setFont(QFont(QStringLiteral("monospace")));
    m_input = new QLineEdit(this);
    m_input->setPlaceholderText(tr("Input to the program (Enter sends a line)"));
    m_stop = new QPushButton(tr("Stop"), this);
    m_stop->setEnabled(false);
    m_endOfInput = new QPushButton(tr("EOF"), this);
    m_endOfInput->setObjectName(QStringLiteral("endOfInput"));
    m_endOfInput->setToolTip(tr("Send end of input: close the program's stdin (Ctrl+D in the input line)"));
    m_endOfInput->setEnabled(false);
    m_status = new QLabel(this);
    m_input->installEventFilter(this);

    auto *row = new QHBoxLayout;
    row->addWidget(m_input, 1);
    row->addWidget(m_endOfInput);
    row->addWidget(m_stop);
    row->addWidget(m_status);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(m_output, 1);
    layout->addLayout(row);

    m_process = new QProcess(this);
    // Its own session and process group, so Stop can kill every process the program started.
    m_process->setChildProcessModifier([] { ::setsid(); });
    connect(m_process, &QProcess::readyReadStandardOutput, this, [this] {
        const QString text = m_stdoutDecoder.decode(m_process->readAllStandardOutput());
        if (text.isEmpty())
            return;
        append(text, Kind::Stdout);
        Q_EMIT output(QStringLiteral("stdout"), text);
    });
    connect(m_process, &QProcess::readyReadStandardError, this, [this] {
        const QString text = m_stderrDecoder.decode(m_process->readAllStandardError());
        if (text.isEmpty())
            return;
        append(text, Kind::Stderr);
        Q_EMIT output(QStringLiteral("stderr"), text);
    });
    connect(m_process, &QProcess::finished, this, [this](int exitCode, QProcess::ExitStatus status) {
        stepFinished(exitCode, status == QProcess::CrashExit);
    });
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart) {
            append(tr("Could not start %1: %2\n").arg(m_process->program(), m_process->errorString()),
                   Kind::Stderr);
            stepFinished(-1, true);
        }
    });
    connect(m_input, &QLineEdit::returnPressed, this, [this] {
        sendInput(m_input->text());
        m_input->clear();
    });
    connect(m_stop, &QPushButton::clicked, this, &RunConsole::stop);
    connect(m_endOfInput, &QPushButton::clicked, this, &RunConsole::sendEndOfInput);
}

RunConsole::~RunConsole()
{
    m_steps.clear();
    if (m_process->state() != QProcess::NotRunning) {
        killGroup();
        m_process->waitForFinished(2000);
    }
}

bool RunConsole::eventFilter(QObject *watched, QEvent *event)
{
    // Ctrl+D in the input line is end of input, as in a terminal; the override keeps the
    // window's Ctrl+D (add next occurrence) from taking the key first.
    if (watched == m_input &&
        (event->type() == QEvent::ShortcutOverride || event->type() == QEvent::KeyPress) &&
        isEndOfInputKey(static_cast<QKeyEvent *>(event))) {
        event->accept();
        if (event->type() == QEvent::KeyPress)
            sendEndOfInput();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

bool RunConsole::isRunning() const
{
    return m_process->state() != QProcess::NotRunning || !m_steps.isEmpty();
}

void RunConsole::run(const QString &language, const QString &filePath, const QString &workingDir)
{
    stop();
    m_pendingInput.clear();
    m_pendingEndOfInput = false;
    m_output->clear();
    m_buildDir = std::make_unique<QTemporaryDir>();
    const RunPlan plan = planRun(language, filePath, m_buildDir->path());
    const QString label = QFileInfo(filePath).fileName();
    Q_EMIT started(label);
    if (!plan.error.isEmpty()) {
        append(plan.error + QLatin1Char('\n'), Kind::Stderr);
        m_status->setText(tr("not run"));
        Q_EMIT finished(-1, 0, tr("not run"));
        return;
    }
    append(tr("▶ Running %1\n").arg(label), Kind::Info);
    m_steps = plan.steps;
    m_workingDir = workingDir;
    m_clock.start();
    m_stop->setEnabled(true);
    m_endOfInput->setEnabled(true);
    m_status->setText(tr("running…"));
    startStep();
}

void RunConsole::startStep()
{
    const RunStep step = m_steps.takeFirst();
    m_process->setWorkingDirectory(m_workingDir);
    m_process->setProgram(step.program);
    m_process->setArguments(step.arguments);
    m_stdoutDecoder.resetState();
    m_stderrDecoder.resetState();
    m_process->start();
    m_group = m_process->processId();
    if (step.compile) {
        m_process->closeWriteChannel(); // a compiler never reads the user's input
        return;
    }
    if (!m_pendingInput.isEmpty()) {
        m_process->write(m_pendingInput);
        m_pendingInput.clear();
    }
    if (m_pendingEndOfInput)
        m_process->closeWriteChannel();
}

void RunConsole::stepFinished(int exitCode, bool crashed)
{
    m_group = 0;
    const bool stopped = m_stopping;
    m_stopping = false;
    if (!crashed && exitCode == 0 && !m_steps.isEmpty()) {
        startStep();
        return;
    }
    const bool wasCompile = !m_steps.isEmpty();
    m_steps.clear();
    const qint64 ms = m_clock.elapsed();
    // On a crash QProcess gives the signal's number as the exit code (-1: it never started).
    const bool signalled = crashed && exitCode > 0 && !stopped;
    QString status;
    QString summary;
    int code = exitCode;
    if (stopped) {
        code = -1;
        status = tr("stopped");
        summary = tr("■ Stopped after %1 ms\n").arg(ms);
    } else if (signalled) {
        code = 128 + exitCode; // as a shell reports it
        status = tr("killed by signal %1 (%2)").arg(exitCode).arg(signalName(exitCode));
        summary =
            tr("■ Killed by signal %1 (%2) after %3 ms\n").arg(exitCode).arg(signalName(exitCode)).arg(ms);
    } else if (crashed) {
        code = -1;
        status = tr("not started");
        summary = tr("■ Not started\n");
    } else if (wasCompile && exitCode != 0) {
        status = tr("compilation failed (exit code %1)").arg(exitCode);
        summary = tr("■ Compilation failed (exit code %1) after %2 ms\n").arg(exitCode).arg(ms);
    } else {
        status = tr("exit code %1").arg(exitCode);
        summary = tr("■ Exit code %1 after %2 ms\n").arg(exitCode).arg(ms);
    }
    append(summary, code == 0 ? Kind::Info : Kind::Stderr);
    m_stop->setEnabled(false);
    m_endOfInput->setEnabled(false);
    m_status->setText(tr("%1 · %2 ms").arg(status).arg(ms));
    Q_EMIT finished(code, ms, status);
}

void RunConsole::killGroup()
{
    // The whole group: `go run` and shell scripts leave the real program in a child.
    if (m_group > 0)
        ::kill(pid_t(-m_group), SIGKILL);
    m_process->kill();
}

void RunConsole::stop()
{
    if (m_remote) {
        // The server's sandbox cannot be reached from here; stop waiting, say so, drop its answer.
        m_remote = false;
        m_stop->setEnabled(false);
        append(tr("■ Stopped waiting for the server; its result will be ignored.\n"), Kind::Stderr);
        m_status->setText(tr("stopped"));
        Q_EMIT remoteRunStopped();
    }
    m_steps.clear();
    if (m_process->state() != QProcess::NotRunning) {
        m_stopping = true;
        killGroup();
        m_process->waitForFinished(2000);
    }
}

void RunConsole::sendInput(const QString &line)
{
    if (!isRunning() || m_pendingEndOfInput)
        return;
    append(line + QLatin1Char('\n'), Kind::Info);
    // Lines typed while compiling (or while the program starts) wait for the program.
    m_pendingInput += line.toUtf8() + '\n';
    if (m_steps.isEmpty() && m_process->state() != QProcess::NotRunning) {
        m_process->write(m_pendingInput);
        m_pendingInput.clear();
    }
}

void RunConsole::sendEndOfInput()
{
    if (!isRunning() || m_pendingEndOfInput)
        return;
    append(tr("⏎ end of input\n"), Kind::Info);
    m_pendingEndOfInput = true;
    m_endOfInput->setEnabled(false);
    if (m_steps.isEmpty() && m_process->state() != QProcess::NotRunning)
        m_process->closeWriteChannel();
}

void RunConsole::beginRemoteRun(const QString &label)
{
    stop();
    m_output->clear();
    Q_EMIT started(label);
    append(tr("▶ Running %1 in the server's sandbox\n").arg(label), Kind::Info);
    m_status->setText(tr("running on the server…"));
    m_remote = true;
    m_stop->setEnabled(true);
}

void RunConsole::appendRemoteOutput(const QString &stream, const QString &text)
{
    if (!m_remote)
        return; // stopped, or replaced by a local run
    append(text, stream == QLatin1String("stderr") ? Kind::Stderr : Kind::Stdout);
    Q_EMIT output(stream, text);
}

void RunConsole::finishRemoteRun(const QString &summary, bool ok, int exitCode, qint64 milliseconds)
{
    if (!m_remote)
        return;
    m_remote = false;
    m_stop->setEnabled(false);
    append(QStringLiteral("■ ") + summary + QLatin1Char('\n'), ok ? Kind::Info : Kind::Stderr);
    m_status->setText(summary);
    // A run that went well is recorded like a local one ("exit code 0 after …"); any other says what
    // happened.
    Q_EMIT finished(exitCode, milliseconds, ok ? QString() : summary);
}

void RunConsole::appendNote(const QString &text)
{
    append(text, Kind::Info);
}

void RunConsole::failRemoteRun(const QString &reason)
{
    if (!m_remote)
        return;
    m_remote = false;
    m_stop->setEnabled(false);
    append(QStringLiteral("■ ") + reason + QLatin1Char('\n'), Kind::Stderr);
    m_status->setText(tr("not run"));
}

QString RunConsole::transcript() const
{
    return m_output->toPlainText();
}

void RunConsole::append(const QString &text, Kind kind)
{
    // Colours from the palette, so the theme (light or dark) never hides the output: stdout
    // has no colour of its own and follows the palette's text colour, also after a theme
    // switch; stderr and the console's own lines take a red and a blue light or dark enough
    // for the background of the moment.
    const bool dark = m_output->palette().color(QPalette::Base).lightness() < 128;
    QTextCharFormat format;
    if (kind == Kind::Stderr)
        format.setForeground(dark ? QColor(0xff, 0x6b, 0x68) : QColor(0xc0, 0x20, 0x20));
    else if (kind == Kind::Info)
        format.setForeground(dark ? QColor(0x6c, 0xa0, 0xf0) : QColor(0x30, 0x60, 0xb0));
    QTextCursor cursor(m_output->document());
    cursor.movePosition(QTextCursor::End);
    cursor.insertText(text, format);
    m_output->ensureCursorVisible();
}

} // namespace bunny::app
