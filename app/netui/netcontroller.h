#pragma once

#include "net/publishplan.h"

#include <QObject>
#include <QPointer>
#include <QStringList>

#include <functional>
#include <optional>

class QAction;
class QLabel;
class QMainWindow;
class QMenu;
class QProgressBar;
class QTimer;

namespace bunny::net {
class AccountSession;
class ApiClient;
class SandboxRun;
class UploadQueue;
} // namespace bunny::net
namespace bunny::app {
class RunConsole;
}

namespace bunny::netui {

class ExploreWindow;
class PublishDialog;

/// What the IDE window lends to the network side.
struct NetHooks
{
    std::function<QString()> projectPath;
    std::function<QString()> currentFile;
    std::function<QString(const QString &file)> languageOf;
    /// Saves every open editor; false when the user cancelled.
    std::function<bool()> saveAll;
    /// Makes a filter, true for project-relative paths that must never leave the machine
    /// (made once per publish or run, so ignore files are read once).
    std::function<std::function<bool(const QString &relativePath)>()> excludeFilter;
    std::function<void(const QString &projectPath)> openProject;
    app::RunConsole *console = nullptr;
    /// Shows the console's dock (hidden at start).
    std::function<void()> showConsole;
    /// The recorder's run marker and other markers (kind, label).
    std::function<void(const QString &label, const QString &absolutePath)> runStarted;
    std::function<void(const QString &kind, const QString &label)> addMarker;
};

/// The IDE's link to bunnyd: owns the client, the session, the upload queue and the sandbox
/// runner; adds the Account menu, Publish, Explore and Run in Sandbox actions and the status bar
/// pieces (account, server state, uploads). Nothing here blocks: a server that is down shows a
/// message in the status bar and everything local goes on.
class NetController : public QObject
{
    Q_OBJECT
public:
    NetController(QMainWindow *window, NetHooks hooks);
    ~NetController() override;

    /// Adds the actions to the window's menus (any may be nullptr).
    void installMenus(QMenu *file, QMenu *run, QMenu *git);
    /// The server from the settings changed: sign out of the old one and talk to the new.
    void setServerUrl(const QString &url);

    net::ApiClient *api() const { return m_api; }
    net::AccountSession *session() const { return m_session; }
    net::UploadQueue *queue() const { return m_queue; }
    ExploreWindow *explore();

    void signIn();
    void signUp();
    void signOut();
    /// Previews and queues a publish of the current project's HEAD.
    void publish();
    /// What publishing the current project's HEAD would send, after saving every editor; none
    /// when there is nothing to publish (said in a message box) or the user cancelled saving.
    /// The plan is made on a pool thread; this waits in a local event loop (user input held
    /// back, busy cursor) so the window keeps painting.
    std::optional<net::PublishPlan> planCurrentProject();
    /// The preview of `plan` for the signed-in account, not yet shown; publish() runs it.
    PublishDialog *makePublishDialog(const net::PublishPlan &plan);
    void runInSandbox();
    /// The upload queue's list (Account > Uploads…, or a click on the status bar's count).
    void showUploads();

    /// How often the server is knocked on while it is away (15 s; tests shorten it).
    void setProbeInterval(int ms);

    QString accountText() const;
    QString serverText() const;
    QString uploadText() const;

Q_SIGNALS:
    void statusChanged();

private:
    void updateAccount();
    void updateServer(bool reachable);
    void updateUploads();
    void showMessage(const QString &text, int ms = 6000);
    std::function<bool(const QString &)> excludeFilter() const;

    QMainWindow *m_window;
    NetHooks m_hooks;
    net::ApiClient *m_api = nullptr;
    net::AccountSession *m_session = nullptr;
    net::UploadQueue *m_queue = nullptr;
    net::SandboxRun *m_sandbox = nullptr;
    QPointer<ExploreWindow> m_explore;
    QMenu *m_accountMenu = nullptr;
    QAction *m_signIn = nullptr;
    QAction *m_signUp = nullptr;
    QAction *m_signOut = nullptr;
    QAction *m_serverAction = nullptr;
    QLabel *m_accountLabel = nullptr;
    QLabel *m_serverLabel = nullptr;
    QLabel *m_uploadLabel = nullptr;
    QProgressBar *m_uploadProgress = nullptr;
    QString m_uploadText; ///< the count without the link markup
    QTimer *m_probe = nullptr;
    QStringList m_languages; ///< GET /languages, asked on the first sandbox run
};

} // namespace bunny::netui
