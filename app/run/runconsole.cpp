#include "run/runconsole.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTextCharFormat>
#include <QVBoxLayout>

namespace bunny::app {

namespace {
const QColor kStdout(0x20, 0x20, 0x20);
const QColor kStderr(0xc0, 0x20, 0x20);
const QColor kInfo(0x30, 0x60, 0xb0);
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
    m_status = new QLabel(this);

    auto *row = new QHBoxLayout;
    row->addWidget(m_input, 1);
    row->addWidget(m_stop);
    row->addWidget(m_status);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(m_output, 1);
    layout->addLayout(row);

    m_process = new QProcess(this);
    connect(m_process, &QProcess::readyReadStandardOutput, this, [this] {
        const QString text = QString::fromUtf8(m_process->readAllStandardOutput());
        append(text, kStdout);
        Q_EMIT output(QStringLiteral("stdout"), text);
    });
    connect(m_process, &QProcess::readyReadStandardError, this, [this] {
        const QString text = QString::fromUtf8(m_process->readAllStandardError());
        append(text, kStderr);
        Q_EMIT output(QStringLiteral("stderr"), text);
    });
    connect(m_process, &QProcess::finished, this, [this](int exitCode, QProcess::ExitStatus status) {
        stepFinished(exitCode, status == QProcess::CrashExit);
    });
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart) {
            append(tr("Could not start %1: %2\n").arg(m_process->program(), m_process->errorString()),
                   kStderr);
            stepFinished(-1, true);
        }
    });
    connect(m_input, &QLineEdit::returnPressed, this, [this] {
        sendInput(m_input->text());
        m_input->clear();
    });
    connect(m_stop, &QPushButton::clicked, this, &RunConsole::stop);
}

RunConsole::~RunConsole()
{
    m_steps.clear();
    if (m_process->state() != QProcess::NotRunning) {
        m_process->kill();
        m_process->waitForFinished(2000);
    }
}

bool RunConsole::isRunning() const
{
    return m_process->state() != QProcess::NotRunning || !m_steps.isEmpty();
}

void RunConsole::run(const QString &language, const QString &filePath, const QString &workingDir)
{
    stop();
    m_pendingInput.clear();
    m_output->clear();
    m_buildDir = std::make_unique<QTemporaryDir>();
    const RunPlan plan = planRun(language, filePath, m_buildDir->path());
    const QString label = QFileInfo(filePath).fileName();
    Q_EMIT started(label);
    if (!plan.error.isEmpty()) {
        append(plan.error + QLatin1Char('\n'), kStderr);
        m_status->setText(tr("not run"));
        Q_EMIT finished(-1, 0);
        return;
    }
    append(tr("▶ Running %1\n").arg(label), kInfo);
    m_steps = plan.steps;
    m_workingDir = workingDir;
    m_clock.start();
    m_stop->setEnabled(true);
    m_status->setText(tr("running…"));
    startStep();
}

void RunConsole::startStep()
{
    const RunStep step = m_steps.takeFirst();
    m_process->setWorkingDirectory(m_workingDir);
    m_process->setProgram(step.program);
    m_process->setArguments(step.arguments);
    m_process->start();
    if (step.compile) {
        m_process->closeWriteChannel(); // a compiler never reads the user's input
    } else if (!m_pendingInput.isEmpty()) {
        m_process->write(m_pendingInput);
        m_pendingInput.clear();
    }
}

void RunConsole::stepFinished(int exitCode, bool crashed)
{
    if (!crashed && exitCode == 0 && !m_steps.isEmpty()) {
        startStep();
        return;
    }
    const bool wasCompile = !m_steps.isEmpty();
    m_steps.clear();
    const qint64 ms = m_clock.elapsed();
    QString summary;
    if (crashed && exitCode != -1)
        summary = tr("■ Stopped after %1 ms\n").arg(ms);
    else if (wasCompile && exitCode != 0)
        summary = tr("■ Compilation failed (exit code %1) after %2 ms\n").arg(exitCode).arg(ms);
    else
        summary = tr("■ Exit code %1 after %2 ms\n").arg(exitCode).arg(ms);
    append(summary, exitCode == 0 && !crashed ? kInfo : kStderr);
    m_stop->setEnabled(false);
    m_status->setText(tr("exit %1 · %2 ms").arg(exitCode).arg(ms));
    Q_EMIT finished(crashed ? -1 : exitCode, ms);
}

void RunConsole::stop()
{
    if (m_remote) {
        // The server's sandbox cannot be reached from here; stop waiting, say so, drop its answer.
        m_remote = false;
        m_stop->setEnabled(false);
        append(tr("■ Stopped waiting for the server; its result will be ignored.\n"), kStderr);
        m_status->setText(tr("stopped"));
        Q_EMIT remoteRunStopped();
    }
    m_steps.clear();
    if (m_process->state() != QProcess::NotRunning) {
        m_process->kill();
        m_process->waitForFinished(2000);
    }
}

void RunConsole::sendInput(const QString &line)
{
    if (!isRunning())
        return;
    append(line + QLatin1Char('\n'), kInfo);
    // Lines typed while compiling (or while the program starts) wait for the program.
    m_pendingInput += line.toUtf8() + '\n';
    if (m_steps.isEmpty() && m_process->state() != QProcess::NotRunning) {
        m_process->write(m_pendingInput);
        m_pendingInput.clear();
    }
}

void RunConsole::beginRemoteRun(const QString &label)
{
    stop();
    m_output->clear();
    Q_EMIT started(label);
    append(tr("▶ Running %1 in the server's sandbox\n").arg(label), kInfo);
    m_status->setText(tr("running on the server…"));
    m_remote = true;
    m_stop->setEnabled(true);
}

void RunConsole::appendRemoteOutput(const QString &stream, const QString &text)
{
    if (!m_remote)
        return; // stopped, or replaced by a local run
    append(text, stream == QLatin1String("stderr") ? kStderr : kStdout);
    Q_EMIT output(stream, text);
}

void RunConsole::finishRemoteRun(const QString &summary, bool ok, int exitCode, qint64 milliseconds)
{
    if (!m_remote)
        return;
    m_remote = false;
    m_stop->setEnabled(false);
    append(QStringLiteral("■ ") + summary + QLatin1Char('\n'), ok ? kInfo : kStderr);
    m_status->setText(summary);
    Q_EMIT finished(exitCode, milliseconds);
}

void RunConsole::appendNote(const QString &text)
{
    append(text, kInfo);
}

void RunConsole::failRemoteRun(const QString &reason)
{
    if (!m_remote)
        return;
    m_remote = false;
    m_stop->setEnabled(false);
    append(QStringLiteral("■ ") + reason + QLatin1Char('\n'), kStderr);
    m_status->setText(tr("not run"));
}

QString RunConsole::transcript() const
{
    return m_output->toPlainText();
}

void RunConsole::append(const QString &text, const QColor &color)
{
    QTextCharFormat format;
    format.setForeground(color);
    QTextCursor cursor(m_output->document());
    cursor.movePosition(QTextCursor::End);
    cursor.insertText(text, format);
    m_output->ensureCursorVisible();
}

} // namespace bunny::app
