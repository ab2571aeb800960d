#pragma once

#include <QJsonObject>
#include <QPointer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QTreeWidget;

namespace bunny::net {
class ApiClient;
}
namespace bunny::app {
class PlayerWindow;
}

namespace bunny::netui {

/// Browse the server: public recordings and projects, a search, pages of 20, and owner
/// profiles. Play streams a recording into a player while it downloads (HTTP Range); Fork
/// downloads a project's latest version into a new local git project.
class ExploreWindow : public QWidget
{
    Q_OBJECT
public:
    enum class Kind { Recordings, Projects };

    explicit ExploreWindow(net::ApiClient *api, QWidget *parent = nullptr);

    /// Loads page `page` of `kind` matching `text` (and `owner` when set).
    void search(const QString &text, Kind kind = Kind::Recordings, int page = 1);
    void setOwnerFilter(const QString &owner);
    void showProfile(const QString &username);
    void nextPage();
    void previousPage();

    /// Opens a player that starts playing while the recording downloads.
    app::PlayerWindow *playRecording(const QString &recordingId, const QString &title);
    /// Forks the latest version of a project into targetDir (new or empty).
    void forkProject(const QString &projectId, const QString &name, const QString &targetDir);

    Kind kind() const;
    int page() const { return m_page; }
    int total() const { return m_total; }
    /// The items of the page shown (the server's JSON objects).
    QList<QJsonObject> items() const { return m_items; }
    QString profileText() const;
    QString statusText() const;
    QString ownerFilter() const { return m_owner; }
    /// The visible "× owner" button that clears the owner filter (hidden without one).
    QPushButton *ownerChip() const { return m_ownerChip; }

Q_SIGNALS:
    /// A page arrived (or failed: ok false and statusText() says why).
    void pageLoaded(bool ok);
    void profileLoaded(bool ok);
    /// The player's download finished.
    void streamFinished(bool ok, const QString &message);
    /// A fork is ready at projectPath; the main window opens it.
    void forked(const QString &projectPath);
    void forkFailed(const QString &message);

private:
    void reload();
    void fill();
    void activate();
    void forkSelected();
    void setStatus(const QString &text, bool error);

    net::ApiClient *m_api;
    QLineEdit *m_query = nullptr;
    QTabWidget *m_tabs = nullptr;
    QTreeWidget *m_recordings = nullptr;
    QTreeWidget *m_projects = nullptr;
    QPushButton *m_prev = nullptr;
    QPushButton *m_next = nullptr;
    QPushButton *m_play = nullptr;
    QPushButton *m_fork = nullptr;
    QPushButton *m_ownerChip = nullptr; ///< "× owner": clears the owner filter
    QLabel *m_pageLabel = nullptr;
    QLabel *m_profile = nullptr;
    QLabel *m_status = nullptr;
    QProgressBar *m_progress = nullptr;
    QString m_owner;
    int m_page = 1;
    int m_total = 0;
    int m_perPage = 20;
    QList<QJsonObject> m_items;
    int m_generation = 0;
};

} // namespace bunny::netui
