#include "netui/explorewindow.h"

#include "editor/lexers.h"
#include "net/apiclient.h"
#include "net/recordingdownload.h"
#include "net/versionfork.h"
#include "player/playermodel.h"
#include "player/playerwindow.h"
#include "ui/emptyhint.h"

#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace bunny::netui {

namespace {
QString duration(qint64 ms)
{
    const qint64 s = ms / 1000;
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

QTreeWidget *makeList(const QStringList &headers, const QString &name)
{
    auto *list = new QTreeWidget;
    list->setObjectName(name);
    list->setHeaderLabels(headers);
    list->setRootIsDecorated(false);
    list->setAlternatingRowColors(true);
    // Titles get the room; owner, language, length and counts only what they need.
    list->header()->setStretchLastSection(false);
    list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    app::EmptyHint::install(list, QString()); // its text comes with the first page
    return list;
}
} // namespace

ExploreWindow::ExploreWindow(net::ApiClient *api, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_api(api)
{
    setWindowTitle(tr("Explore — %1").arg(api->baseUrl().toString()));
    setObjectName(QStringLiteral("exploreWindow"));

    m_query = new QLineEdit(this);
    m_query->setObjectName(QStringLiteral("exploreQuery"));
    m_query->setPlaceholderText(tr("Search titles, names and owners"));
    m_query->setClearButtonEnabled(true);
    auto *go = new QPushButton(tr("Search"), this);
    connect(m_query, &QLineEdit::returnPressed, this, [this] { search(m_query->text(), kind(), 1); });
    connect(go, &QPushButton::clicked, this, [this] { search(m_query->text(), kind(), 1); });

    m_recordings = makeList({tr("Recording"), tr("Owner"), tr("Language"), tr("Length"), tr("Views")},
                            QStringLiteral("exploreRecordings"));
    m_projects = makeList({tr("Project"), tr("Owner"), tr("Description"), tr("Updated"), tr("Stars")},
                          QStringLiteral("exploreProjects"));
    m_tabs = new QTabWidget(this);
    m_tabs->addTab(m_recordings, tr("Recordings"));
    m_tabs->addTab(m_projects, tr("Projects"));
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] { search(m_query->text(), kind(), 1); });
    for (QTreeWidget *list : {m_recordings, m_projects}) {
        connect(list, &QTreeWidget::itemActivated, this, &ExploreWindow::activate);
        connect(list, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem *item, int column) {
            if (column == 1)
                showProfile(item->text(1));
        });
    }

    m_profile = new QLabel(tr("Click an owner to see their profile."), this);
    m_profile->setObjectName(QStringLiteral("exploreProfile"));
    m_profile->setWordWrap(true);
    m_profile->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_profile->setMinimumWidth(200);
    m_profile->setTextFormat(Qt::RichText);
    connect(m_profile, &QLabel::linkActivated, this, [this](const QString &link) {
        if (link.startsWith(QLatin1String("owner:")))
            setOwnerFilter(link.mid(6));
    });

    auto *split = new QSplitter(this);
    split->addWidget(m_tabs);
    split->addWidget(m_profile);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);

    m_prev = new QPushButton(tr("‹ Previous"), this);
    m_next = new QPushButton(tr("Next ›"), this);
    m_pageLabel = new QLabel(this);
    m_play = new QPushButton(tr("Play"), this);
    m_fork = new QPushButton(tr("Fork…"), this);
    connect(m_prev, &QPushButton::clicked, this, &ExploreWindow::previousPage);
    connect(m_next, &QPushButton::clicked, this, &ExploreWindow::nextPage);
    connect(m_play, &QPushButton::clicked, this, &ExploreWindow::activate);
    connect(m_fork, &QPushButton::clicked, this, &ExploreWindow::forkSelected);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("exploreStatus"));
    m_status->setWordWrap(true);
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(200);
    m_progress->hide();

    m_ownerChip = new QPushButton(this);
    m_ownerChip->setObjectName(QStringLiteral("exploreOwnerChip"));
    m_ownerChip->setToolTip(tr("Show everyone's work again"));
    m_ownerChip->hide();
    connect(m_ownerChip, &QPushButton::clicked, this, [this] { setOwnerFilter(QString()); });

    auto *top = new QHBoxLayout;
    top->addWidget(m_query, 1);
    top->addWidget(m_ownerChip);
    top->addWidget(go);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_prev);
    bottom->addWidget(m_pageLabel);
    bottom->addWidget(m_next);
    bottom->addStretch(1);
    bottom->addWidget(m_progress);
    bottom->addWidget(m_play);
    bottom->addWidget(m_fork);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(split, 1);
    layout->addWidget(m_status);
    layout->addLayout(bottom);
    resize(900, 560);
}

ExploreWindow::Kind ExploreWindow::kind() const
{
    return m_tabs->currentIndex() == 1 ? Kind::Projects : Kind::Recordings;
}

void ExploreWindow::search(const QString &text, Kind kind, int page)
{
    if (m_query->text() != text)
        m_query->setText(text);
    if (this->kind() != kind) {
        const QSignalBlocker block(m_tabs);
        m_tabs->setCurrentIndex(kind == Kind::Projects ? 1 : 0);
    }
    m_page = std::max(1, page);
    reload();
}

void ExploreWindow::setOwnerFilter(const QString &owner)
{
    m_owner = owner;
    m_ownerChip->setText(QStringLiteral("× ") + owner);
    m_ownerChip->setVisible(!owner.isEmpty());
    search(m_query->text(), kind(), 1);
}

void ExploreWindow::nextPage()
{
    if (m_page * m_perPage < m_total)
        search(m_query->text(), kind(), m_page + 1);
}

void ExploreWindow::previousPage()
{
    if (m_page > 1)
        search(m_query->text(), kind(), m_page - 1);
}

void ExploreWindow::reload()
{
    QUrlQuery q;
    if (!m_query->text().trimmed().isEmpty())
        q.addQueryItem("q", m_query->text().trimmed());
    if (!m_owner.isEmpty())
        q.addQueryItem("owner", m_owner);
    q.addQueryItem("page", QString::number(m_page));
    q.addQueryItem("per_page", QString::number(m_perPage));
    const int generation = ++m_generation;
    setStatus(tr("Loading…"), false);
    auto *call =
        m_api->get(kind() == Kind::Projects ? QStringLiteral("/projects") : QStringLiteral("/recordings"), q);
    connect(call, &net::ApiCall::finished, this, [this, generation](const net::ApiResponse &r) {
        if (generation != m_generation)
            return; // an older search answered late
        if (!r.ok()) {
            setStatus(r.errorMessage, true);
            Q_EMIT pageLoaded(false);
            return;
        }
        m_items.clear();
        for (const auto &v : r.object().value("items").toArray())
            m_items.append(v.toObject());
        m_total = r.object().value("total").toInt();
        fill();
        setStatus(m_owner.isEmpty() ? QString() : tr("Showing only %1's work.").arg(m_owner), false);
        Q_EMIT pageLoaded(true);
    });
}

void ExploreWindow::fill()
{
    QTreeWidget *list = kind() == Kind::Projects ? m_projects : m_recordings;
    list->clear();
    // What an empty page means: nothing matches the search, or nothing is published yet.
    const QString query = m_query->text().trimmed();
    const QString what = kind() == Kind::Projects ? tr("projects") : tr("recordings");
    QString empty =
        query.isEmpty() ? tr("No public %1 yet.").arg(what) : tr("No public %1 match “%2”.").arg(what, query);
    if (!m_owner.isEmpty())
        empty = query.isEmpty() ? tr("%1 has no public %2.").arg(m_owner, what)
                                : tr("None of %1's public %2 match “%3”.").arg(m_owner, what, query);
    list->findChild<app::EmptyHint *>()->setText(empty);
    for (const QJsonObject &o : std::as_const(m_items)) {
        QStringList cols;
        if (kind() == Kind::Projects)
            cols = {o.value("name").toString(), o.value("owner").toString(),
                    o.value("description").toString(), o.value("updated").toString().left(10),
                    QString::number(o.value("stars").toInt())};
        else
            cols = {o.value("title").toString(), o.value("owner").toString(),
                    app::languageDisplayName(o.value("language").toString()),
                    duration(o.value("duration_ms").toInteger()), QString::number(o.value("views").toInt())};
        auto *item = new QTreeWidgetItem(list, cols);
        item->setData(0, Qt::UserRole, o.value("id").toString());
        item->setToolTip(1, tr("Click to see %1's profile").arg(cols[1]));
    }
    const int pages = std::max(1, (m_total + m_perPage - 1) / m_perPage);
    m_pageLabel->setText(tr("Page %1 of %2 · %3 in all").arg(m_page).arg(pages).arg(m_total));
    m_prev->setEnabled(m_page > 1);
    m_next->setEnabled(m_page < pages);
    m_play->setVisible(kind() == Kind::Recordings);
    m_fork->setVisible(kind() == Kind::Projects);
}

void ExploreWindow::showProfile(const QString &username)
{
    auto *call =
        m_api->get(QStringLiteral("/users/%1").arg(QString::fromUtf8(QUrl::toPercentEncoding(username))));
    connect(call, &net::ApiCall::finished, this, [this](const net::ApiResponse &r) {
        if (!r.ok()) {
            m_profile->setText(r.errorMessage.toHtmlEscaped());
            Q_EMIT profileLoaded(false);
            return;
        }
        const auto u = r.object();
        m_profile->setText(
            tr("<h3>%1</h3><p>Member since %2</p><p><a href=\"owner:%1\">Show only %1's "
               "recordings and projects</a></p>")
                .arg(u.value("username").toString().toHtmlEscaped(), u.value("created").toString().left(10)));
        Q_EMIT profileLoaded(true);
    });
}

QString ExploreWindow::profileText() const
{
    return m_profile->text();
}

QString ExploreWindow::statusText() const
{
    return m_status->text();
}

void ExploreWindow::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color: #c0392b;") : QString());
}

void ExploreWindow::activate()
{
    QTreeWidget *list = kind() == Kind::Projects ? m_projects : m_recordings;
    QTreeWidgetItem *item = list->currentItem();
    if (!item)
        return;
    if (kind() == Kind::Projects)
        forkSelected();
    else
        playRecording(item->data(0, Qt::UserRole).toString(), item->text(0));
}

app::PlayerWindow *ExploreWindow::playRecording(const QString &recordingId, const QString &title)
{
    auto *player = new app::PlayerWindow;
    player->setAttribute(Qt::WA_DeleteOnClose);
    player->model()->openStream(title);
    auto *download = new net::RecordingDownload(m_api, recordingId, player);
    connect(download, &net::RecordingDownload::chunkReceived, player, [player](const QByteArray &bytes) {
        // A bad line stops the timeline there; the player shows the error naming the line.
        (void)player->model()->appendData(bytes);
    });
    // The end of the download ends the player's live mode (or tells why it broke off).
    connect(download, &net::RecordingDownload::finished, player, [player](bool ok, const QString &message) {
        (void)player->model()->finishStream(ok ? QString() : message);
    });
    connect(download, &net::RecordingDownload::progress, this, [this](qint64 done, qint64 total) {
        m_progress->show();
        m_progress->setRange(0, total > 0 ? 1000 : 0);
        if (total > 0)
            m_progress->setValue(int(done * 1000 / total));
    });
    connect(download, &net::RecordingDownload::finished, this, [this](bool ok, const QString &message) {
        m_progress->hide();
        setStatus(ok ? tr("Downloaded.") : message, !ok);
        Q_EMIT streamFinished(ok, message);
    });
    connect(
        player->model(), &app::PlayerModel::opened, player, [player] { player->model()->play(); },
        Qt::SingleShotConnection);
    download->start();
    player->show();
    return player;
}

void ExploreWindow::forkSelected()
{
    QTreeWidgetItem *item = m_projects->currentItem();
    if (!item)
        return;
    const QString base = QFileDialog::getExistingDirectory(
        this, tr("Fork into which folder?"), QStandardPaths::writableLocation(QStandardPaths::HomeLocation));
    if (base.isEmpty())
        return;
    QString target = QDir(base).filePath(item->text(0));
    for (int n = 2; QDir(target).exists() && !QDir(target).isEmpty(); ++n)
        target = QDir(base).filePath(QStringLiteral("%1-%2").arg(item->text(0)).arg(n));
    forkProject(item->data(0, Qt::UserRole).toString(), item->text(1) + '/' + item->text(0), target);
}

void ExploreWindow::forkProject(const QString &projectId, const QString &name, const QString &targetDir)
{
    setStatus(tr("Looking up the latest version of %1…").arg(name), false);
    QUrlQuery q;
    q.addQueryItem("per_page", "1");
    auto *call = m_api->get(QStringLiteral("/projects/%1/versions").arg(projectId), q);
    connect(call, &net::ApiCall::finished, this,
            [this, projectId, name, targetDir](const net::ApiResponse &r) {
                const auto items = r.object().value("items").toArray();
                if (!r.ok() || items.isEmpty()) {
                    const QString why =
                        r.ok() ? tr("%1 has no published version yet.").arg(name) : r.errorMessage;
                    setStatus(why, true);
                    Q_EMIT forkFailed(why);
                    return;
                }
                const auto v = items.first().toObject();
                auto *fork = new net::VersionFork(m_api, this);
                connect(fork, &net::VersionFork::progress, this, [this](qint64 done, qint64 total) {
                    m_progress->show();
                    m_progress->setRange(0, total > 0 ? 1000 : 0);
                    if (total > 0)
                        m_progress->setValue(int(done * 1000 / total));
                });
                connect(fork, &net::VersionFork::finished, this,
                        [this, fork](bool ok, const QString &dir, const QString &message) {
                            fork->deleteLater();
                            m_progress->hide();
                            setStatus(message, !ok);
                            if (ok)
                                Q_EMIT forked(dir);
                            else
                                Q_EMIT forkFailed(message);
                        });
                fork->start(projectId, v.value("id").toString(), targetDir,
                            tr("%1 at %2").arg(name, v.value("commit").toString().left(7)));
            });
}

} // namespace bunny::netui
