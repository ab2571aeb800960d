#include "battleui/lobbywindow.h"

#include "battle/battleclient.h"
#include "battleui/battlewindow.h"
#include "editor/lexers.h"
#include "net/accountsession.h"
#include "net/apiclient.h"
#include "netui/accountdialog.h"
#include "player/playerwindow.h"
#include "ui/emptyhint.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace bunny::battleui {

namespace {

const QStringList kLanguages = {QStringLiteral("python"), QStringLiteral("javascript"), QStringLiteral("c"),
                                QStringLiteral("cpp"),    QStringLiteral("java"),       QStringLiteral("go"),
                                QStringLiteral("rust")};
const QStringList kLevels = {QStringLiteral("easy"), QStringLiteral("medium"), QStringLiteral("hard")};

QComboBox *languageCombo(QWidget *parent)
{
    auto *box = new QComboBox(parent);
    for (const QString &language : kLanguages)
        box->addItem(app::languageDisplayName(language), language);
    return box;
}

/// The open battles' Status column ("waiting" or "running").
constexpr int kStatusColumn = 6;

QTableWidget *table(const QStringList &headers, QWidget *parent)
{
    auto *t = new QTableWidget(0, int(headers.size()), parent);
    t->setHorizontalHeaderLabels(headers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setSelectionMode(QAbstractItemView::SingleSelection);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->verticalHeader()->hide();
    t->horizontalHeader()->setStretchLastSection(true);
    return t;
}

/// Appends a row; the battle id (if any) rides on the first cell.
void addRow(QTableWidget *t, const QStringList &cells, const QString &id = {})
{
    const int row = t->rowCount();
    t->insertRow(row);
    for (int column = 0; column < cells.size(); ++column) {
        auto *item = new QTableWidgetItem(cells[column]);
        if (column == 0)
            item->setData(Qt::UserRole, id);
        t->setItem(row, column, item);
    }
}

QString playerCell(const QString &name, int rating)
{
    return name.isEmpty() ? QStringLiteral("—") : QStringLiteral("%1 (%2)").arg(name).arg(rating);
}

QJsonArray itemsOf(const QJsonDocument &json)
{
    return json.isArray() ? json.array() : json.object().value(QLatin1String("items")).toArray();
}

} // namespace

LobbyWindow::LobbyWindow(net::AccountSession *session, QWidget *parent)
    : QMainWindow(parent)
    , m_session(session)
    , m_api(session->api())
{
    setWindowTitle(tr("Battles"));
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    auto *top = new QHBoxLayout;
    m_account = new QLabel(central);
    m_signIn = new QPushButton(tr("Sign In…"), central);
    auto *refreshButton = new QPushButton(tr("Refresh"), central);
    refreshButton->setShortcut(QKeySequence::Refresh);
    top->addWidget(m_account, 1);
    top->addWidget(m_signIn);
    top->addWidget(refreshButton);
    layout->addLayout(top);
    m_tabs = new QTabWidget(central);
    m_tabs->addTab(buildOpenTab(), tr("Open Battles"));
    m_tabs->addTab(buildCreateTab(), tr("New Battle"));
    m_tabs->addTab(buildLeaderboardTab(), tr("Leaderboard"));
    m_tabs->addTab(buildHistoryTab(), tr("My Battles"));
    layout->addWidget(m_tabs, 1);
    m_message = new QLabel(central);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_message);
    setCentralWidget(central);
    resize(900, 560);

    connect(m_signIn, &QPushButton::clicked, this, [this] {
        if (m_session->isSignedIn())
            m_session->signOut();
        else
            ensureSignedIn();
    });
    connect(refreshButton, &QPushButton::clicked, this, &LobbyWindow::refresh);
    connect(m_session, &net::AccountSession::signedIn, this, [this] {
        updateAccount();
        refresh();
    });
    connect(m_session, &net::AccountSession::signedOut, this, &LobbyWindow::updateAccount);
    for (QTableWidget *list : {m_open, m_history}) {
        connect(list, &QTableWidget::itemSelectionChanged, this, &LobbyWindow::updateButtons);
        connect(list->model(), &QAbstractItemModel::rowsRemoved, this, &LobbyWindow::updateButtons);
    }
    updateButtons();
    updateAccount();
    loadProblems();
    refresh();
}

LobbyWindow::~LobbyWindow() = default;

QWidget *LobbyWindow::buildOpenTab()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    m_open = table({tr("Problem"), tr("Level"), tr("Language"), tr("Player 1"), tr("Player 2"), tr("Minutes"),
                    tr("Status")},
                   page);
    app::EmptyHint::install(m_open, tr("No open battles right now.\nStart one under New Battle, or find an "
                                       "opponent of your level with Quick match below."));
    layout->addWidget(m_open, 1);
    auto *buttons = new QHBoxLayout;
    m_join = new QPushButton(tr("Join"), page);
    m_join->setToolTip(tr("Take the free seat of the selected battle"));
    m_watch = new QPushButton(tr("Watch"), page);
    m_watch->setToolTip(tr("Watch the selected battle as a spectator"));
    buttons->addWidget(m_join);
    buttons->addWidget(m_watch);
    buttons->addStretch(1);
    m_inviteCode = new QLineEdit(page);
    m_inviteCode->setPlaceholderText(tr("Invite code"));
    m_joinCode = new QPushButton(tr("Join by Code"), page);
    buttons->addWidget(m_inviteCode);
    buttons->addWidget(m_joinCode);
    layout->addLayout(buttons);

    auto *quick = new QHBoxLayout;
    quick->addWidget(new QLabel(tr("Quick match:"), page));
    m_quickLevel = new QComboBox(page);
    m_quickLevel->addItem(tr("Any level"), QString());
    for (const QString &level : kLevels)
        m_quickLevel->addItem(level, level);
    m_quickLanguage = languageCombo(page);
    m_quickMatch = new QPushButton(tr("Find an Opponent"), page);
    quick->addWidget(m_quickLevel);
    quick->addWidget(m_quickLanguage);
    quick->addWidget(m_quickMatch);
    quick->addStretch(1);
    layout->addLayout(quick);

    connect(m_join, &QPushButton::clicked, this, &LobbyWindow::joinSelected);
    connect(m_watch, &QPushButton::clicked, this, &LobbyWindow::watchSelected);
    connect(m_open, &QTableWidget::cellDoubleClicked, this, &LobbyWindow::joinOrWatchSelected);
    connect(m_joinCode, &QPushButton::clicked, this, &LobbyWindow::joinByInvite);
    connect(m_inviteCode, &QLineEdit::returnPressed, this, &LobbyWindow::joinByInvite);
    connect(m_quickMatch, &QPushButton::clicked, this, &LobbyWindow::quickMatch);
    return page;
}

QWidget *LobbyWindow::buildCreateTab()
{
    auto *page = new QWidget(this);
    auto *form = new QFormLayout(page);
    m_problem = new QComboBox(page);
    for (const QString &level : kLevels)
        m_problem->addItem(tr("Any %1 problem").arg(level), QStringLiteral("level:") + level);
    m_createLanguage = languageCombo(page);
    m_timeLimit = new QSpinBox(page);
    m_timeLimit->setRange(1, 180);
    m_timeLimit->setValue(15);
    m_timeLimit->setSuffix(tr(" min"));
    m_visibility = new QComboBox(page);
    m_visibility->addItem(tr("Public: listed, anyone may join or watch"), QStringLiteral("public"));
    m_visibility->addItem(tr("Private: joined by invite code"), QStringLiteral("private"));
    m_noPaste = new QCheckBox(tr("No outside paste (only text copied from your own editor)"), page);
    m_create = new QPushButton(tr("Create Battle"), page);
    form->addRow(tr("Problem:"), m_problem);
    form->addRow(tr("Language:"), m_createLanguage);
    form->addRow(tr("Time limit:"), m_timeLimit);
    form->addRow(tr("Visibility:"), m_visibility);
    form->addRow(QString(), m_noPaste);
    form->addRow(QString(), m_create);
    connect(m_create, &QPushButton::clicked, this, &LobbyWindow::createBattle);
    return page;
}

QWidget *LobbyWindow::buildLeaderboardTab()
{
    m_leaders = table({tr("#"), tr("Player"), tr("Rating"), tr("Won"), tr("Lost"), tr("Drawn")}, this);
    app::EmptyHint::install(m_leaders,
                            tr("No rated battles yet: the first finished battle starts the board."));
    return m_leaders;
}

QWidget *LobbyWindow::buildHistoryTab()
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    m_history = table({tr("Problem"), tr("Player 1"), tr("Player 2"), tr("Winner"), tr("Why")}, page);
    app::EmptyHint::install(m_history,
                            tr("Your finished battles show here, each with a replay of both players."));
    layout->addWidget(m_history, 1);
    auto *buttons = new QHBoxLayout;
    m_replay = new QPushButton(tr("Watch Replay"), page);
    buttons->addWidget(m_replay);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    connect(m_replay, &QPushButton::clicked, this, [this] {
        const QString id = selectedId(m_history);
        if (!id.isEmpty())
            openReplay(id);
    });
    connect(m_history, &QTableWidget::cellDoubleClicked, this, [this] {
        const QString id = selectedId(m_history);
        if (!id.isEmpty())
            openReplay(id);
    });
    return page;
}

void LobbyWindow::updateAccount()
{
    if (m_session->isSignedIn()) {
        m_account->setText(tr("Signed in as <b>%1</b> on %2")
                               .arg(m_session->account().username.toHtmlEscaped(),
                                    m_session->api()->baseUrl().toDisplayString()));
        m_signIn->setText(tr("Sign Out"));
    } else {
        m_account->setText(tr("Not signed in: sign in to play or watch."));
        m_signIn->setText(tr("Sign In…"));
    }
}

bool LobbyWindow::ensureSignedIn()
{
    return netui::AccountDialog::ensureSignedIn(m_session, this);
}

void LobbyWindow::showMessage(const QString &text)
{
    m_message->setText(text);
}

QString LobbyWindow::selectedId(QTableWidget *t) const
{
    const int row = t->currentRow();
    if (row < 0 || !t->item(row, 0))
        return {};
    return t->item(row, 0)->data(Qt::UserRole).toString();
}

void LobbyWindow::refresh()
{
    m_pendingLists = 3;
    auto done = [this] {
        if (--m_pendingLists == 0)
            Q_EMIT refreshed();
    };
    // Open battles: the ones waiting for a player, then the running ones to watch.
    net::ApiCall *waiting = m_api.list(QStringLiteral("waiting"));
    connect(waiting, &net::ApiCall::finished, this, [this, done](const net::ApiResponse &response) {
        m_open->setRowCount(0);
        if (!response.ok()) {
            showMessage(response.errorMessage);
            done();
            return;
        }
        const QList<battle::BattleSummary> battles = battle::summariesFromList(response.object());
        net::ApiCall *running = m_api.list(QStringLiteral("running"));
        connect(running, &net::ApiCall::finished, this,
                [this, battles, done](const net::ApiResponse &answer) {
                    QList<battle::BattleSummary> all = battles;
                    if (answer.ok())
                        all += battle::summariesFromList(answer.object());
                    for (const battle::BattleSummary &b : all)
                        addRow(m_open,
                               {b.problemTitle, b.level, app::languageDisplayName(b.language),
                                playerCell(b.p1, b.p1Rating), playerCell(b.p2, b.p2Rating),
                                QString::number(b.timeLimitS / 60), b.status},
                               b.id);
                    m_open->resizeColumnsToContents();
                    done();
                });
    });

    net::ApiCall *leaders = m_api.leaderboard();
    connect(leaders, &net::ApiCall::finished, this, [this, done](const net::ApiResponse &response) {
        m_leaders->setRowCount(0);
        int rank = 0;
        for (const QJsonValue &value : itemsOf(response.json)) {
            const QJsonObject o = value.toObject();
            const QJsonObject user = o.value(QLatin1String("user")).toObject();
            const QString name = user.isEmpty() ? o.value(QLatin1String("username")).toString()
                                                : user.value(QLatin1String("username")).toString();
            ++rank;
            addRow(m_leaders, {QString::number(o.value(QLatin1String("rank")).toInt(rank)), name,
                               QString::number(o.value(QLatin1String("rating")).toInt()),
                               QString::number(o.value(QLatin1String("wins")).toInt()),
                               QString::number(o.value(QLatin1String("losses")).toInt()),
                               QString::number(o.value(QLatin1String("draws")).toInt())});
        }
        m_leaders->resizeColumnsToContents();
        done();
    });

    m_history->setRowCount(0);
    if (!m_session->isSignedIn()) {
        done();
        return;
    }
    net::ApiCall *history = m_api.list(QStringLiteral("finished"), m_session->account().username);
    connect(history, &net::ApiCall::finished, this, [this, done](const net::ApiResponse &response) {
        for (const battle::BattleSummary &b : battle::summariesFromList(response.object())) {
            const QString winner = b.winner == QLatin1String("p1")   ? b.p1
                                   : b.winner == QLatin1String("p2") ? b.p2
                                                                     : tr("—");
            addRow(m_history,
                   {b.problemTitle, playerCell(b.p1, b.p1Rating), playerCell(b.p2, b.p2Rating), winner,
                    battle::describeReason(b.reason)},
                   b.id);
        }
        m_history->resizeColumnsToContents();
        done();
    });
}

void LobbyWindow::loadProblems()
{
    net::ApiCall *call = m_api.problems();
    connect(call, &net::ApiCall::finished, this, [this](const net::ApiResponse &response) {
        for (const QJsonValue &value : itemsOf(response.json)) {
            const QJsonObject o = value.toObject();
            const QString slug = o.value(QLatin1String("slug")).toString();
            if (!slug.isEmpty() && m_problem->findData(slug) < 0)
                m_problem->addItem(QStringLiteral("%1 (%2)").arg(o.value(QLatin1String("title")).toString(),
                                                                 o.value(QLatin1String("level")).toString()),
                                   slug);
        }
    });
}

void LobbyWindow::createBattle()
{
    if (!ensureSignedIn())
        return;
    battle::CreateOptions options;
    const QString problem = m_problem->currentData().toString();
    if (problem.startsWith(QLatin1String("level:")))
        options.level = problem.mid(6);
    else
        options.problem = problem;
    options.language = m_createLanguage->currentData().toString();
    options.timeLimitS = m_timeLimit->value() * 60;
    options.visibility = m_visibility->currentData().toString();
    options.noOutsidePaste = m_noPaste->isChecked();
    connect(m_api.create(options), &net::ApiCall::finished, this, &LobbyWindow::onBattleAnswer);
}

void LobbyWindow::joinByInvite()
{
    const QString code = m_inviteCode->text().trimmed();
    if (code.isEmpty()) {
        showMessage(tr("Type the invite code your opponent sent you."));
        return;
    }
    if (!ensureSignedIn())
        return;
    connect(m_api.joinByInvite(code), &net::ApiCall::finished, this, &LobbyWindow::onBattleAnswer);
}

void LobbyWindow::quickMatch()
{
    if (!ensureSignedIn())
        return;
    showMessage(tr("Looking for an opponent near your rating…"));
    connect(m_api.quick(m_quickLevel->currentData().toString(), m_quickLanguage->currentData().toString()),
            &net::ApiCall::finished, this, &LobbyWindow::onBattleAnswer);
}

void LobbyWindow::joinSelected()
{
    const QString id = selectedId(m_open);
    if (id.isEmpty() || !ensureSignedIn())
        return;
    connect(m_api.join(id), &net::ApiCall::finished, this, &LobbyWindow::onBattleAnswer);
}

void LobbyWindow::watchSelected()
{
    const QString id = selectedId(m_open);
    if (!id.isEmpty() && ensureSignedIn())
        openBattle(id);
}

void LobbyWindow::joinOrWatchSelected()
{
    const int row = m_open->currentRow();
    const QTableWidgetItem *status = row >= 0 ? m_open->item(row, kStatusColumn) : nullptr;
    if (status && status->text() == QLatin1String("waiting"))
        joinSelected();
    else
        watchSelected();
}

void LobbyWindow::updateButtons()
{
    const int row = m_open->selectionModel()->hasSelection() ? m_open->currentRow() : -1;
    const QTableWidgetItem *status = row >= 0 ? m_open->item(row, kStatusColumn) : nullptr;
    m_join->setEnabled(status && status->text() == QLatin1String("waiting"));
    m_watch->setEnabled(status != nullptr);
    m_replay->setEnabled(m_history->selectionModel()->hasSelection() && m_history->currentRow() >= 0);
}

void LobbyWindow::onBattleAnswer(const net::ApiResponse &response)
{
    if (!response.ok()) {
        showMessage(response.errorMessage);
        return;
    }
    const battle::BattleSummary summary = battle::BattleSummary::fromJson(response.object());
    if (summary.id.isEmpty()) {
        showMessage(tr("The server answered without a battle."));
        return;
    }
    showMessage(summary.inviteCode.isEmpty()
                    ? tr("Battle %1 opened.").arg(summary.id)
                    : tr("Battle %1 opened; invite code: %2").arg(summary.id, summary.inviteCode));
    openBattle(summary.id);
    refresh();
}

BattleWindow *LobbyWindow::openBattle(const QString &battleId)
{
    auto *client = new battle::BattleClient;
    client->setServerUrl(m_session->api()->baseUrl());
    client->setTokenProvider([session = QPointer<net::AccountSession>(m_session)] {
        return session ? session->accessToken() : QString();
    });
    auto *window = new BattleWindow(client, &m_api);
    connect(window, &BattleWindow::battleOpened, this, &LobbyWindow::openBattle);
    connect(window, &BattleWindow::replayRequested, this, &LobbyWindow::openReplay);
    client->connectToBattle(battleId);
    window->show();
    Q_EMIT battleWindowOpened(window);
    return window;
}

void LobbyWindow::openReplay(const QString &battleId)
{
    showMessage(tr("Downloading the replay…"));
    connect(m_api.recording(battleId), &net::ApiCall::finished, this,
            [this, battleId](const net::ApiResponse &response) {
                if (!response.ok()) {
                    showMessage(response.errorMessage);
                    return;
                }
                const QString dir = QStandardPaths::writableLocation(QStandardPaths::CacheLocation) +
                                    QStringLiteral("/battles");
                QDir().mkpath(dir);
                QSaveFile file(dir + QStringLiteral("/%1.bunnyrec").arg(battleId));
                if (!file.open(QIODevice::WriteOnly) || file.write(response.body) != response.body.size() ||
                    !file.commit()) {
                    showMessage(tr("Cannot save the replay: %1").arg(file.errorString()));
                    return;
                }
                auto *player = new app::PlayerWindow;
                player->setAttribute(Qt::WA_DeleteOnClose);
                auto opened = player->openRecording(file.fileName());
                if (!opened) {
                    showMessage(QString::fromStdString(opened.message()));
                    delete player;
                    return;
                }
                showMessage(QString());
                player->show();
                Q_EMIT replayOpened(player);
            });
}

} // namespace bunny::battleui
