#include "netui/netcontroller.h"

#include "net/accountsession.h"
#include "net/apiclient.h"
#include "net/publishplan.h"
#include "net/sandboxrun.h"
#include "net/uploadqueue.h"
#include "netui/accountdialog.h"
#include "netui/explorewindow.h"
#include "netui/publishdialog.h"
#include "netui/uploadsdialog.h"
#include "run/runconsole.h"
#include "vcs/authorsettings.h"

#include <QApplication>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QLabel>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPromise>
#include <QStatusBar>
#include <QThreadPool>
#include <QTimer>

#include <memory>

namespace bunny::netui {

namespace {
constexpr int kProbeMs = 15000;
}

NetController::NetController(QMainWindow *window, NetHooks hooks)
    : QObject(window)
    , m_window(window)
    , m_hooks(std::move(hooks))
{
    m_api = new net::ApiClient(this);
    m_session = new net::AccountSession(m_api, nullptr, this);
    m_queue = new net::UploadQueue(m_api, m_session, {}, this);
    m_sandbox = new net::SandboxRun(m_api, this);

    m_accountLabel = new QLabel(window);
    m_accountLabel->setObjectName(QStringLiteral("accountStatus"));
    m_serverLabel = new QLabel(window);
    m_serverLabel->setObjectName(QStringLiteral("serverStatus"));
    m_serverLabel->setStyleSheet(QStringLiteral("color: #b03a2e;"));
    m_serverLabel->hide();
    m_uploadLabel = new QLabel(window);
    m_uploadLabel->setObjectName(QStringLiteral("uploadStatus"));
    m_uploadLabel->setToolTip(tr("Show the uploads: state, errors, Retry and Remove"));
    connect(m_uploadLabel, &QLabel::linkActivated, this, &NetController::showUploads);
    m_uploadProgress = new QProgressBar(window);
    m_uploadProgress->setMaximumWidth(120);
    m_uploadProgress->setMaximumHeight(14);
    m_uploadProgress->setTextVisible(false);
    m_uploadProgress->hide();
    for (QLabel *l : {m_serverLabel, m_uploadLabel, m_accountLabel})
        l->setContentsMargins(8, 0, 8, 0);
    window->statusBar()->addPermanentWidget(m_serverLabel);
    window->statusBar()->addPermanentWidget(m_uploadLabel);
    window->statusBar()->addPermanentWidget(m_uploadProgress);
    window->statusBar()->addPermanentWidget(m_accountLabel);

    // Before Help, the menu bar's last menu by convention.
    m_accountMenu = new QMenu(tr("&Account"), window);
    const auto menus = window->menuBar()->actions();
    window->menuBar()->insertMenu(menus.isEmpty() ? nullptr : menus.last(), m_accountMenu);
    m_accountMenu->setObjectName(QStringLiteral("accountMenu"));
    m_signIn = m_accountMenu->addAction(tr("Sign In…"), this, &NetController::signIn);
    m_signUp = m_accountMenu->addAction(tr("Create Account…"), this, &NetController::signUp);
    m_signOut = m_accountMenu->addAction(tr("Sign Out"), this, &NetController::signOut);
    m_accountMenu->addAction(tr("Uploads…"), this, &NetController::showUploads);
    m_accountMenu->addSeparator();
    m_serverAction = m_accountMenu->addAction(QString());
    m_serverAction->setEnabled(false);

    // While the server is away, knock every 15 s; the queue drains when it answers.
    m_probe = new QTimer(this);
    m_probe->setInterval(kProbeMs);
    connect(m_probe, &QTimer::timeout, m_api, &net::ApiClient::probe);

    connect(m_session, &net::AccountSession::signedIn, this, [this](const net::Account &account) {
        vcs::AuthorSettings::setAccount({account.username, account.email});
        updateAccount();
    });
    // An offline start confirmed by the server changes no account, only "(offline)".
    connect(m_session, &net::AccountSession::restoreFinished, this, &NetController::updateAccount);
    connect(m_session, &net::AccountSession::signedOut, this, [this] {
        vcs::AuthorSettings::setAccount({});
        updateAccount();
    });
    connect(m_api, &net::ApiClient::authenticationLost, this,
            [this] { showMessage(tr("Your session on the server ended; sign in again to publish.")); });
    connect(m_api, &net::ApiClient::reachabilityChanged, this, &NetController::updateServer);
    connect(m_queue, &net::UploadQueue::jobsChanged, this, &NetController::updateUploads);
    connect(m_queue, &net::UploadQueue::progress, this, [this](const QString &, qint64 done, qint64 total) {
        m_uploadProgress->setVisible(done < total);
        m_uploadProgress->setRange(0, 1000);
        m_uploadProgress->setValue(total > 0 ? int(done * 1000 / total) : 0);
    });
    connect(m_queue, &net::UploadQueue::jobFinished, this,
            [this](const QString &, bool ok, const QString &message) {
                m_uploadProgress->hide();
                showMessage(ok ? message : tr("Publishing failed: %1").arg(message), ok ? 6000 : 15000);
            });
    connect(m_sandbox, &net::SandboxRun::finished, this, [this](const net::SandboxResult &r) {
        app::RunConsole *console = m_hooks.console;
        if (!console || !console->isRemoteRunning())
            return; // stopped meanwhile, or a local run took the console
        if (!r.ok) {
            // No exit code to speak of: the recording gets the reason, not "exit code -1".
            console->failRemoteRun(r.error);
            if (m_hooks.addMarker)
                m_hooks.addMarker(QStringLiteral("error"), r.error);
            return;
        }
        if (!r.compileOutput.isEmpty())
            console->appendRemoteOutput(QStringLiteral("stderr"), r.compileOutput);
        if (!r.stdoutText.isEmpty())
            console->appendRemoteOutput(QStringLiteral("stdout"), r.stdoutText);
        if (!r.stderrText.isEmpty())
            console->appendRemoteOutput(QStringLiteral("stderr"), r.stderrText);
        if (r.stdoutTruncated || r.stderrTruncated)
            console->appendRemoteOutput(QStringLiteral("stderr"), tr("[output truncated by the server]\n"));
        console->finishRemoteRun(r.summary(), r.ok && r.status == QLatin1String("ok"), r.exitCode, r.timeMs);
    });

    if (m_hooks.console)
        connect(m_hooks.console, &app::RunConsole::remoteRunStopped, this, [this] {
            m_sandbox->cancel();
            if (m_hooks.addMarker)
                m_hooks.addMarker(QStringLiteral("exit"), tr("stopped waiting for the server's sandbox"));
        });

    updateAccount();
    updateUploads();
    m_session->restore();
    m_api->probe();
}

NetController::~NetController() = default;

void NetController::installMenus(QMenu *file, QMenu *run, QMenu *git)
{
    if (file) {
        QAction *explore = new QAction(tr("Explore Server…"), file);
        explore->setShortcut(QKeySequence(tr("Ctrl+Shift+E")));
        connect(explore, &QAction::triggered, this, [this] {
            ExploreWindow *w = this->explore();
            w->show();
            w->raise();
            w->search(QString());
        });
        // After the ways to open local work, in a group of its own (MainWindow marks its end).
        file->insertAction(file->findChild<QAction *>(QStringLiteral("serverGroupEnd")), explore);
        file->insertSeparator(explore);
    }
    if (run) {
        run->addSeparator();
        QAction *sandbox = run->addAction(tr("Run in Sandbox"), this, &NetController::runInSandbox);
        sandbox->setShortcut(QKeySequence(tr("Ctrl+F5")));
    }
    if (git) {
        git->addSeparator();
        QAction *publish = git->addAction(tr("Publish…"), this, &NetController::publish);
        publish->setShortcut(QKeySequence(tr("Ctrl+Alt+U")));
    }
}

void NetController::setServerUrl(const QString &url)
{
    const QUrl next(url);
    if (next == m_api->baseUrl())
        return;
    if (m_session->isSignedIn())
        m_session->signOut();
    m_api->setBaseUrl(next);
    updateAccount();
    m_api->probe();
}

ExploreWindow *NetController::explore()
{
    if (!m_explore) {
        m_explore = new ExploreWindow(m_api, m_window);
        m_explore->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_explore, &ExploreWindow::forked, this, [this](const QString &path) {
            if (m_hooks.openProject)
                m_hooks.openProject(path);
        });
    }
    return m_explore;
}

void NetController::signIn()
{
    AccountDialog dialog(m_session, AccountDialog::Mode::SignIn, m_window);
    dialog.exec();
}

void NetController::signUp()
{
    AccountDialog dialog(m_session, AccountDialog::Mode::Register, m_window);
    dialog.exec();
}

void NetController::signOut()
{
    m_session->signOut();
}

void NetController::publish()
{
    auto plan = planCurrentProject();
    if (!plan || !AccountDialog::ensureSignedIn(m_session, m_window))
        return;
    std::unique_ptr<PublishDialog> dialog(makePublishDialog(*plan));
    if (dialog->exec() != QDialog::Accepted)
        return;
    auto queued = m_queue->enqueue(*plan, dialog->visibility());
    if (!queued)
        QMessageBox::warning(m_window, tr("Publish"), QString::fromStdString(queued.message()));
    else
        showMessage(
            m_api->serverReachable()
                ? tr("Publishing %1…").arg(plan->projectName)
                : tr("The server is unreachable; %1 waits in the upload queue.").arg(plan->projectName));
}

std::optional<net::PublishPlan> NetController::planCurrentProject()
{
    const QString project = m_hooks.projectPath ? m_hooks.projectPath() : QString();
    if (project.isEmpty())
        return std::nullopt;
    if (m_hooks.saveAll && !m_hooks.saveAll())
        return std::nullopt;
    // Opening the repository, packing HEAD's tree and reading every recording's markers can take
    // a while: a pool thread does it while this thread keeps painting (busy cursor, a message),
    // user input held back as a modal dialog would, so nothing starts twice meanwhile.
    auto promise = std::make_shared<QPromise<Result<net::PublishPlan>>>();
    QFutureWatcher<Result<net::PublishPlan>> watcher;
    QEventLoop loop;
    connect(&watcher, &QFutureWatcherBase::finished, &loop, &QEventLoop::quit);
    watcher.setFuture(promise->future());
    promise->start();
    QThreadPool::globalInstance()->start([promise, project, exclude = excludeFilter()] {
        promise->addResult(net::planPublish(project, exclude));
        promise->finish();
    });
    QApplication::setOverrideCursor(Qt::BusyCursor);
    showMessage(tr("Preparing %1 for publishing…").arg(QFileInfo(project).fileName()));
    if (!watcher.isFinished())
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    QApplication::restoreOverrideCursor();
    m_window->statusBar()->clearMessage();
    auto plan = watcher.result();
    if (!plan) {
        QMessageBox::information(m_window, tr("Publish"), QString::fromStdString(plan.message()));
        return std::nullopt;
    }
    return std::move(*plan);
}

PublishDialog *NetController::makePublishDialog(const net::PublishPlan &plan)
{
    return new PublishDialog(plan, m_api->baseUrl().toString(), m_session->account().username, m_window);
}

std::function<bool(const QString &)> NetController::excludeFilter() const
{
    if (m_hooks.excludeFilter)
        return m_hooks.excludeFilter();
    return [](const QString &) { return false; };
}

void NetController::runInSandbox()
{
    const QString project = m_hooks.projectPath ? m_hooks.projectPath() : QString();
    const QString file = m_hooks.currentFile ? m_hooks.currentFile() : QString();
    if (project.isEmpty() || file.isEmpty() || !m_hooks.console)
        return;
    if (m_hooks.saveAll && !m_hooks.saveAll())
        return;
    if (!AccountDialog::ensureSignedIn(m_session, m_window))
        return;
    const QString entry = QDir(project).relativeFilePath(file);
    const QString language = m_hooks.languageOf ? m_hooks.languageOf(file) : QString();
    QStringList leftOut;
    const auto files = net::SandboxRun::collectFiles(project, excludeFilter(), &leftOut);
    if (m_hooks.showConsole)
        m_hooks.showConsole();
    m_hooks.console->beginRemoteRun(entry);
    if (!leftOut.isEmpty())
        m_hooks.console->appendNote(
            tr("Not sent to the server: %1\n").arg(leftOut.join(QStringLiteral(", "))));
    if (m_hooks.runStarted)
        m_hooks.runStarted(QFileInfo(file).fileName(), file);
    // Ask which languages the server runs (once): an unsupported one gets a clear line, not a 400.
    auto startRun = [this, language, files, entry] {
        if (!m_languages.isEmpty() && !m_languages.contains(language)) {
            const QString reason = tr("The server does not run %1; it offers %2.")
                                       .arg(language.isEmpty() ? tr("this file") : language,
                                            m_languages.join(QStringLiteral(", ")));
            m_hooks.console->failRemoteRun(reason);
            if (m_hooks.addMarker)
                m_hooks.addMarker(QStringLiteral("error"), reason);
            return;
        }
        m_sandbox->start(language, files, entry);
    };
    if (!m_languages.isEmpty()) {
        startRun();
        return;
    }
    net::ApiCall *call = m_api->get(QStringLiteral("/languages"));
    connect(call, &net::ApiCall::finished, this, [this, startRun](const net::ApiResponse &r) {
        for (const auto &v : r.json.array())
            m_languages << v.toObject().value("id").toString();
        startRun();
    });
}

void NetController::setProbeInterval(int ms)
{
    m_probe->setInterval(ms);
}

QString NetController::accountText() const
{
    return m_accountLabel->text();
}

QString NetController::serverText() const
{
    return m_serverLabel->isVisible() || !m_api->serverReachable() ? m_serverLabel->text() : QString();
}

QString NetController::uploadText() const
{
    return m_uploadText;
}

void NetController::showUploads()
{
    auto *dialog = m_window->findChild<UploadsDialog *>();
    if (!dialog) {
        dialog = new UploadsDialog(m_queue, m_session, m_window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    dialog->show();
    dialog->raise();
}

void NetController::updateAccount()
{
    const bool in = m_session->isSignedIn();
    // Offline: still the account that queues publishes; the server hears of them when back.
    const bool offline = m_session->isOffline() || !m_api->serverReachable();
    m_accountLabel->setText(!in       ? tr("Not signed in")
                            : offline ? tr("● %1 (offline)").arg(m_session->account().username)
                                      : tr("● %1").arg(m_session->account().username));
    m_accountLabel->setToolTip(tr("Account on %1").arg(m_api->baseUrl().toString()));
    m_accountMenu->setTitle(in ? tr("&Account (%1)").arg(m_session->account().username) : tr("&Account"));
    m_signIn->setVisible(!in);
    m_signUp->setVisible(!in);
    m_signOut->setVisible(in);
    m_serverAction->setText(tr("Server: %1").arg(m_api->baseUrl().toString()));
    updateUploads(); // whose jobs are "ours" follows the account
    Q_EMIT statusChanged();
}

void NetController::updateServer(bool reachable)
{
    m_serverLabel->setText(
        reachable ? QString() : tr("⚠ Server %1 unreachable — working offline").arg(m_api->baseUrl().host()));
    m_serverLabel->setToolTip(tr("Everything local keeps working; publishing waits in the queue until the "
                                 "server answers again."));
    m_serverLabel->setVisible(!reachable);
    updateAccount();
    if (reachable) {
        m_probe->stop();
        if (!m_session->isSignedIn() || m_session->isOffline())
            m_session->restore(); // tokens kept while the server was away: ask /me now
    } else {
        m_probe->start();
    }
    Q_EMIT statusChanged();
}

void NetController::updateUploads()
{
    int pending = 0, others = 0, failed = 0;
    const QString server = m_api->baseUrl().toString();
    for (const auto &j : m_queue->jobs()) {
        failed += j.state == net::UploadJob::State::Failed;
        if (j.state != net::UploadJob::State::Pending)
            continue;
        // Another account's (or server's) job waits for it: said apart, not counted as queued.
        if (j.accountId == m_session->account().id && j.server == server)
            ++pending;
        else
            ++others;
    }
    QStringList parts;
    if (pending > 0)
        parts << tr("⇡ %n upload(s) queued", nullptr, pending);
    if (others > 0)
        parts << tr("%n waiting for another account", nullptr, others);
    if (failed > 0)
        parts << tr("%n failed", nullptr, failed);
    const QString text = parts.join(QStringLiteral(" · "));
    m_uploadText = text;
    m_uploadLabel->setText(
        text.isEmpty() ? text : QStringLiteral("<a href=\"uploads\">%1</a>").arg(text.toHtmlEscaped()));
    m_uploadLabel->setVisible(!text.isEmpty());
    Q_EMIT statusChanged();
}

void NetController::showMessage(const QString &text, int ms)
{
    m_window->statusBar()->showMessage(text, ms);
}

} // namespace bunny::netui
