#include "battleui/battlewindow.h"

#include "battle/battleapi.h"
#include "battle/battleclient.h"
#include "battleui/battleeditor.h"
#include "battleui/remoteeditor.h"
#include "battleui/resultdialog.h"
#include "editor/lexers.h"
#include "net/accountsession.h" // before apiclient.h: its QPointer needs the complete type
#include "net/apiclient.h"

#include <QAction>
#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSet>
#include <QSplitter>
#include <QStatusBar>
#include <QTextBrowser>
#include <QToolBar>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace bunny::battleui {

namespace {

const std::array<QColor, 2> kPlayerColours = {QColor(0x2f, 0x80, 0xed), QColor(0xe8, 0x59, 0x0c)};
constexpr int kCursorDelayMs = 40;

QString clockText(qint64 ms)
{
    const qint64 s = (ms + 999) / 1000;
    return QStringLiteral("%1:%2").arg(s / 60, 2, 10, QLatin1Char('0')).arg(s % 60, 2, 10, QLatin1Char('0'));
}

/// The text of every fenced code block of a Markdown text, trimmed.
QSet<QString> fencedBlocks(const QString &markdown)
{
    QSet<QString> blocks;
    QStringList current;
    bool inside = false;
    for (const QString &line : markdown.split(QLatin1Char('\n'))) {
        if (line.trimmed().startsWith(QLatin1String("```"))) {
            if (inside)
                blocks.insert(current.join(QLatin1Char('\n')).trimmed());
            current.clear();
            inside = !inside;
        } else if (inside) {
            current << line;
        }
    }
    return blocks;
}

QString markdownFor(const battle::ProblemInfo &problem)
{
    // Statements usually open with their own title.
    QString md = problem.statement.trimmed().startsWith(QLatin1Char('#'))
                     ? QString()
                     : QStringLiteral("# %1\n\n").arg(problem.title);
    md += problem.statement;
    // Statements usually show their samples as examples already: add only those they do not.
    const QSet<QString> shown = fencedBlocks(problem.statement);
    for (const battle::SampleTest &sample : problem.samples) {
        if (shown.contains(sample.input.trimmed()))
            continue;
        md += QStringLiteral(
                  "\n\n**Sample %1 — input**\n\n```\n%2\n```\n\n**Expected output**\n\n```\n%3\n```\n")
                  .arg(sample.name, sample.input.trimmed(), sample.expected.trimmed());
    }
    return md;
}

} // namespace

BattleWindow::BattleWindow(battle::BattleClient *client, battle::BattleApi *api, QWidget *parent)
    : QMainWindow(parent)
    , m_client(client)
    , m_api(api)
{
    m_client->setParent(this);
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(tr("Battle"));
    buildUi();
    m_clockTimer.setInterval(200);
    connect(&m_clockTimer, &QTimer::timeout, this, &BattleWindow::updateClock);
    m_clockTimer.start();
    m_cursorTimer.setSingleShot(true);
    m_cursorTimer.setInterval(kCursorDelayMs);
    connect(&m_cursorTimer, &QTimer::timeout, this, [this] {
        if (m_ownEditor)
            m_client->sendCursor(m_ownEditor->SendScintilla(QsciScintillaBase::SCI_GETANCHOR),
                                 m_ownEditor->SendScintilla(QsciScintillaBase::SCI_GETCURRENTPOS));
    });

    using battle::BattleClient;
    connect(m_client, &BattleClient::stateChanged, this, &BattleWindow::onStateChanged);
    connect(m_client, &BattleClient::textReset, this, &BattleWindow::onTextReset);
    connect(m_client, &BattleClient::remoteEdited, this, &BattleWindow::onRemoteEdited);
    connect(m_client, &BattleClient::cursorMoved, this, [this](int slot, qint64 anchor, qint64 caret) {
        if (RemoteEditor *view = m_remote[std::size_t(slot)])
            view->showCursor(anchor, caret);
    });
    connect(m_client, &BattleClient::verdictReceived, this, &BattleWindow::onVerdict);
    connect(m_client, &BattleClient::ended, this, &BattleWindow::onEnded);
    connect(m_client, &BattleClient::chatReceived, this, &BattleWindow::onChat);
    connect(m_client, &BattleClient::connectionChanged, this, &BattleWindow::onConnectionChanged);
    connect(m_client, &BattleClient::playerJoined, this, [this](int slot) {
        updateHeader();
        appendNotice(tr("%1 is here.").arg(playerName(slot)));
    });
    connect(m_client, &BattleClient::playerReady, this, [this](int slot) {
        appendNotice(tr("%1 is ready.").arg(playerName(slot)));
        updateControls();
    });
    connect(m_client, &BattleClient::countdownStarted, this, [this] {
        appendNotice(tr("Both are ready: the battle starts soon."));
        updateControls();
    });
    connect(m_client, &BattleClient::started, this, [this] {
        appendNotice(tr("Go!"));
        updateControls();
        if (m_ownEditor)
            m_ownEditor->setFocus();
    });
    connect(m_client, &BattleClient::serverError, this, [this](const QString &code, const QString &message) {
        statusBar()->showMessage(message, 8000);
        if (code == QLatin1String("language_locked") || code == QLatin1String("bad_language"))
            showOwnLanguage();
    });
    connect(m_client, &BattleClient::connectionLost, this, [this](const QString &reason) {
        m_connectionLabel->setText(tr("● offline"));
        statusBar()->showMessage(reason);
        updateControls();
    });
    onConnectionChanged();
    updateControls();
}

BattleWindow::~BattleWindow()
{
    // The client and the editor (children) outlive our members while QWidget deletes its
    // children: nothing they say may reach us then.
    m_client->disconnect(this);
    if (m_ownEditor)
        m_ownEditor->disconnect(this);
}

void BattleWindow::buildUi()
{
    auto *header = new QWidget(this);
    auto *headerLayout = new QHBoxLayout(header);
    headerLayout->setContentsMargins(8, 4, 8, 4);
    m_title = new QLabel(tr("Connecting…"), header);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    m_title->setFont(titleFont);
    m_players = new QLabel(header);
    m_players->setTextFormat(Qt::RichText);
    m_clock = new QLabel(QStringLiteral("--:--"), header);
    QFont clockFont = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    clockFont.setPointSizeF(clockFont.pointSizeF() * 1.8);
    clockFont.setBold(true);
    m_clock->setFont(clockFont);
    m_connectionLabel = new QLabel(header);
    headerLayout->addWidget(m_title);
    headerLayout->addSpacing(16);
    headerLayout->addWidget(m_players, 1);
    headerLayout->addWidget(m_connectionLabel);
    headerLayout->addSpacing(12);
    headerLayout->addWidget(m_clock);

    auto *toolbar = addToolBar(tr("Battle"));
    toolbar->setMovable(false);
    m_ready = new QPushButton(tr("Ready"), this);
    m_language = new QComboBox(this);
    m_language->setToolTip(tr("The language can change while your text is still the starter code."));
    m_submit = new QPushButton(tr("Submit (Ctrl+Enter)"), this);
    m_resign = new QPushButton(tr("Resign…"), this);
    m_cancel = new QPushButton(tr("Cancel Battle"), this);
    m_cancel->setToolTip(tr("Take the battle back before it starts; nobody's rating changes."));
    m_readyAction = toolbar->addWidget(m_ready);
    m_cancelAction = toolbar->addWidget(m_cancel);
    toolbar->addWidget(new QLabel(tr("  Language: "), this));
    toolbar->addWidget(m_language);
    toolbar->addSeparator();
    m_submitButtonAction = toolbar->addWidget(m_submit);
    m_resignAction = toolbar->addWidget(m_resign);
    connect(m_ready, &QPushButton::clicked, this, [this] {
        m_client->sendReady();
        m_ready->setEnabled(false);
    });
    connect(m_language, &QComboBox::activated, this, &BattleWindow::changeLanguage);
    connect(m_submit, &QPushButton::clicked, this, &BattleWindow::submit);
    connect(m_resign, &QPushButton::clicked, this, &BattleWindow::resign);
    // The server takes a creator's resign while waiting as the cancel (backend/battles/README.md).
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (!m_cancel->isEnabled())
            return;
        m_client->sendResign();
        m_cancel->setEnabled(false);
    });
    m_submitAction = new QAction(tr("Submit"), this);
    m_submitAction->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    m_submitAction->setShortcutContext(Qt::WindowShortcut);
    connect(m_submitAction, &QAction::triggered, this, &BattleWindow::submit);
    addAction(m_submitAction);

    m_statement = new QTextBrowser(this);
    m_statement->setOpenExternalLinks(true);
    m_results = new QTreeWidget(this);
    m_results->setHeaderLabels({tr("Submission / test"), tr("Result"), tr("Time")});
    m_results->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_results->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_results->header()->setStretchLastSection(false);
    auto *left = new QSplitter(Qt::Vertical, this);
    left->addWidget(m_statement);
    left->addWidget(m_results);
    left->setStretchFactor(0, 3);
    left->setStretchFactor(1, 2);

    m_editorArea = new QWidget(this);
    auto *editorLayout = new QHBoxLayout(m_editorArea);
    editorLayout->setContentsMargins(0, 0, 0, 0);

    auto *chat = new QWidget(this);
    auto *chatLayout = new QVBoxLayout(chat);
    chatLayout->setContentsMargins(0, 0, 0, 0);
    chatLayout->addWidget(new QLabel(tr("Chat"), chat));
    m_chatLog = new QTextBrowser(chat);
    m_chatInput = new QLineEdit(chat);
    m_chatInput->setPlaceholderText(tr("Say something…"));
    m_chatInput->setMaxLength(500);
    chatLayout->addWidget(m_chatLog, 1);
    chatLayout->addWidget(m_chatInput);
    connect(m_chatInput, &QLineEdit::returnPressed, this, &BattleWindow::sendChat);

    auto *main = new QSplitter(Qt::Horizontal, this);
    main->addWidget(left);
    main->addWidget(m_editorArea);
    main->addWidget(chat);
    main->setStretchFactor(0, 2);
    main->setStretchFactor(1, 5);
    main->setStretchFactor(2, 1);
    main->setSizes({340, 860, 200});

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(header);
    layout->addWidget(main, 1);
    setCentralWidget(central);
    resize(1400, 800);
}

QString BattleWindow::playerName(int slot) const
{
    const battle::PlayerState &p = m_client->state().players[std::size_t(slot)];
    return p.present && !p.username.isEmpty() ? p.username : tr("(waiting for a player)");
}

void BattleWindow::onStateChanged()
{
    const battle::BattleState &state = m_client->state();
    const int mine = battle::slotOf(m_client->you());
    if (!m_built || mine != m_mine) {
        // The first snapshot says who we are: a player gets an editor, a spectator two views.
        m_mine = mine;
        m_built = true;
        QLayout *layout = m_editorArea->layout();
        while (QLayoutItem *item = layout->takeAt(0)) {
            delete item->widget();
            delete item;
        }
        m_ownEditor = nullptr;
        m_remote = {nullptr, nullptr};
        auto *split = new QSplitter(Qt::Horizontal, m_editorArea);
        for (int slot = 0; slot < 2; ++slot) {
            auto *side = new QWidget(split);
            auto *sideLayout = new QVBoxLayout(side);
            sideLayout->setContentsMargins(2, 2, 2, 2);
            m_sideLabels[std::size_t(slot)] = new QLabel(side);
            m_sideLabels[std::size_t(slot)]->setTextFormat(Qt::RichText);
            sideLayout->addWidget(m_sideLabels[std::size_t(slot)]);
            if (slot == mine) {
                m_ownEditor = new BattleEditor(side);
                sideLayout->addWidget(m_ownEditor, 1);
                connect(m_ownEditor, &BattleEditor::opsMade, m_client, &battle::BattleClient::sendLocalOps);
                // Our text may have left the starter code: the language box says so.
                connect(m_ownEditor, &BattleEditor::opsMade, this, &BattleWindow::updateControls);
                connect(m_ownEditor, &QsciScintilla::cursorPositionChanged, this,
                        [this] { m_cursorTimer.start(); });
                connect(m_ownEditor, &QsciScintilla::selectionChanged, this,
                        [this] { m_cursorTimer.start(); });
                connect(m_ownEditor, &BattleEditor::outsidePasteRefused, this, [this] {
                    statusBar()->showMessage(
                        tr("This battle allows no outside paste: only text copied from your own editor."),
                        6000);
                });
            } else {
                m_remote[std::size_t(slot)] = new RemoteEditor(kPlayerColours[std::size_t(slot)], side);
                sideLayout->addWidget(m_remote[std::size_t(slot)], 1);
            }
            split->addWidget(side);
        }
        // Our own editor comes first, on the left.
        if (mine == 1)
            split->insertWidget(0, split->widget(1));
        layout->addWidget(split);
        for (int slot = 0; slot < 2; ++slot)
            onTextReset(slot);
    }

    if (m_statementSource != state.problem.statement || m_statement->document()->isEmpty()) {
        m_statementSource = state.problem.statement;
        m_statement->setMarkdown(markdownFor(state.problem));
    }
    for (int slot = 0; slot < 2; ++slot) {
        const battle::PlayerState &p = state.players[std::size_t(slot)];
        if (RemoteEditor *view = m_remote[std::size_t(slot)]) {
            view->setEntryFile(p.path);
            view->showCursor(p.anchor, p.caret);
        }
    }
    if (m_ownEditor) {
        const battle::PlayerState &me = state.players[std::size_t(mine)];
        if (m_ownEditor->filePath() != me.path)
            m_ownEditor->setEntryFile(me.path);
        m_ownEditor->setOutsidePasteBlocked(state.noOutsidePaste);
    }
    m_language->clear();
    for (auto it = state.problem.starter.begin(); it != state.problem.starter.end(); ++it)
        m_language->addItem(app::languageDisplayName(it.key()), it.key());
    showOwnLanguage();
    if (!state.rematch.isEmpty() && m_resultDialog && !m_rematchAsked)
        m_resultDialog->setRematchOffered();
    updateHeader();
    updateControls();
}

void BattleWindow::updateHeader()
{
    const battle::BattleState &state = m_client->state();
    setWindowTitle(tr("Battle: %1").arg(state.problem.title.isEmpty() ? state.id : state.problem.title));
    m_title->setText(state.problem.level.isEmpty()
                         ? state.problem.title
                         : QStringLiteral("%1 · %2").arg(state.problem.title, state.problem.level));
    QStringList sides;
    for (int slot = 0; slot < 2; ++slot) {
        const battle::PlayerState &p = state.players[std::size_t(slot)];
        QString side = QStringLiteral("<b style='color:%1'>%2</b>")
                           .arg(kPlayerColours[std::size_t(slot)].name(), playerName(slot).toHtmlEscaped());
        if (p.present)
            side += QStringLiteral(" (%1)").arg(p.rating);
        if (p.present && !p.connected)
            side += tr(" — away");
        if (p.best)
            side += tr(" — best %1/%2").arg(p.best->passed).arg(p.best->total);
        if (slot == m_mine)
            side += tr(" — you");
        sides << side;
        if (QLabel *label = m_sideLabels[std::size_t(slot)])
            label->setText(side);
    }
    QString text = sides.join(QStringLiteral(" &nbsp;vs&nbsp; "));
    if (state.spectators > 0)
        text += tr(" &nbsp;· %n watching", nullptr, state.spectators);
    m_players->setText(text);
}

void BattleWindow::updateControls()
{
    const battle::BattleState &state = m_client->state();
    const bool player = m_mine >= 0;
    const bool connected = m_client->connection() == battle::BattleClient::Connection::Connected;
    const bool running = state.status == QLatin1String("running");
    const bool waiting = state.status == QLatin1String("waiting");
    const bool finished = state.status == QLatin1String("finished");
    const battle::PlayerState *me = player ? &state.players[std::size_t(m_mine)] : nullptr;

    // A widget in a tool bar is shown and hidden through its action.
    m_readyAction->setVisible(player && waiting);
    m_ready->setEnabled(player && waiting && connected && !me->ready);
    m_ready->setText(me && me->ready ? tr("Waiting for the other player…") : tr("Ready"));
    m_submitButtonAction->setVisible(player);
    m_submit->setEnabled(player && running && !me->judging);
    m_submit->setText(me && me->judging ? tr("Judging…") : tr("Submit (Ctrl+Enter)"));
    m_submitAction->setEnabled(m_submit->isEnabled());
    m_resignAction->setVisible(player && !waiting);
    m_cancelAction->setVisible(m_mine == 0 && waiting);
    m_cancel->setEnabled(m_mine == 0 && waiting && connected);
    m_resign->setEnabled(player && !finished && !waiting);
    // Enabled even once our text is ours: picking another language then says why it cannot be.
    m_language->setEnabled(player && !finished);
    m_language->setToolTip(player && !textIsStarter()
                               ? tr("The language is fixed now: it can change only while your text is still "
                                    "the starter code.")
                               : tr("The language can change while your text is still the starter code."));
    if (m_ownEditor)
        m_ownEditor->setReadOnly(!running);
    m_chatInput->setEnabled(connected);
    updateClock();
}

void BattleWindow::updateClock()
{
    const QString status = m_client->state().status;
    if (status == QLatin1String("running")) {
        const qint64 ms = m_client->remainingMs();
        m_clock->setText(clockText(ms));
        m_clock->setStyleSheet(ms < 60000 ? QStringLiteral("color:#d9480f") : QString());
    } else if (status == QLatin1String("countdown")) {
        m_clock->setText(tr("starts in %1").arg((m_client->remainingMs() + 999) / 1000));
    } else if (status == QLatin1String("waiting")) {
        m_clock->setText(clockText(qint64(m_client->state().timeLimitS) * 1000));
    } else if (status == QLatin1String("finished")) {
        m_clock->setText(tr("over"));
    }
}

void BattleWindow::onConnectionChanged()
{
    using Connection = battle::BattleClient::Connection;
    switch (m_client->connection()) {
    case Connection::Connected:
        m_connectionLabel->setText(QStringLiteral("<span style='color:#2b8a3e'>●</span> ") + tr("online"));
        break;
    case Connection::Connecting:
        m_connectionLabel->setText(tr("connecting…"));
        break;
    case Connection::Reconnecting:
        m_connectionLabel->setText(QStringLiteral("<span style='color:#e67700'>●</span> ") +
                                   tr("reconnecting…"));
        break;
    case Connection::Disconnected:
        m_connectionLabel->setText(tr("● offline"));
        break;
    }
    updateControls();
}

void BattleWindow::onTextReset(int slot)
{
    if (slot == m_mine && m_ownEditor) {
        // Keep the caret where it was, as far as the new text allows.
        const long caret = m_ownEditor->SendScintilla(QsciScintillaBase::SCI_GETCURRENTPOS);
        m_ownEditor->setTextBytes(m_client->text(slot));
        m_ownEditor->SendScintilla(QsciScintillaBase::SCI_GOTOPOS,
                                   std::min<long>(caret, long(m_client->text(slot).size())));
    } else if (RemoteEditor *view = m_remote[std::size_t(slot)]) {
        view->setTextBytes(m_client->text(slot));
    }
    updateControls();
}

void BattleWindow::onRemoteEdited(int slot, const battle::EditOps &ops)
{
    if (RemoteEditor *view = m_remote[std::size_t(slot)])
        view->applyOps(ops);
}

void BattleWindow::onVerdict(const battle::Verdict &verdict)
{
    const int slot = battle::slotOf(verdict.player);
    auto *item = new QTreeWidgetItem;
    item->setText(0, slot == m_mine ? tr("You") : playerName(slot));
    item->setText(
        1,
        tr("%1 · %2/%3").arg(battle::describeStatus(verdict.status)).arg(verdict.passed).arg(verdict.total));
    item->setForeground(0, kPlayerColours[std::size_t(std::max(slot, 0))]);
    if (!verdict.compileOutput.isEmpty())
        item->setToolTip(1, verdict.compileOutput);
    for (const battle::TestResult &test : verdict.tests) {
        auto *child = new QTreeWidgetItem(item);
        child->setText(0, test.sample ? tr("%1 (sample)").arg(test.name) : test.name);
        child->setText(1, battle::describeStatus(test.status));
        child->setText(2, tr("%1 ms").arg(test.timeMs));
        child->setForeground(1, test.status == QLatin1String("ok") ? QColor(0x2b, 0x8a, 0x3e)
                                                                   : QColor(0xc9, 0x2a, 0x2a));
        if (test.sample)
            child->setToolTip(0, tr("Input:\n%1\nExpected:\n%2\nYour output:\n%3")
                                     .arg(test.input, test.expected, test.actual));
    }
    m_results->insertTopLevelItem(0, item);
    item->setExpanded(slot == m_mine || m_mine < 0);
    if (slot == m_mine)
        statusBar()->showMessage(tr("Your submission: %1, %2 of %3 tests.")
                                     .arg(battle::describeStatus(verdict.status))
                                     .arg(verdict.passed)
                                     .arg(verdict.total));
    updateHeader();
    updateControls();
}

void BattleWindow::onEnded(const battle::EndInfo &end)
{
    updateControls();
    updateHeader();
    appendNotice(tr("The battle is over: %1.").arg(battle::describeReason(end.reason)));
    if (m_resultDialog)
        m_resultDialog->deleteLater();
    m_resultDialog = new ResultDialog(m_client->state(), end, m_client->you(), this);
    m_resultDialog->replayButton()->setEnabled(m_api != nullptr);
    m_resultDialog->rematchButton()->setEnabled(m_api != nullptr);
    connect(m_resultDialog, &ResultDialog::replayClicked, this,
            [this] { Q_EMIT replayRequested(m_client->battleId()); });
    connect(m_resultDialog, &ResultDialog::rematchClicked, this, &BattleWindow::requestRematch);
    m_resultDialog->open();
}

void BattleWindow::requestRematch()
{
    if (!m_api)
        return;
    const battle::BattleState &state = m_client->state();
    // An offer from the other player is accepted with its invite code; else we offer one.
    net::ApiCall *call = !state.rematch.isEmpty() && !m_rematchAsked
                             ? m_api->joinByInvite(state.rematchInviteCode)
                             : m_api->rematch(state.id);
    m_rematchAsked = true;
    if (m_resultDialog)
        m_resultDialog->setRematchPending();
    connect(call, &net::ApiCall::finished, this, [this](const net::ApiResponse &response) {
        if (!response.ok()) {
            statusBar()->showMessage(response.errorMessage);
            return;
        }
        const QString id = response.object().value(QLatin1String("id")).toString();
        if (!id.isEmpty())
            Q_EMIT battleOpened(id);
    });
}

void BattleWindow::onChat(const battle::ChatMessage &message)
{
    const int slot = battle::slotOf(message.role);
    const QString colour = slot >= 0 ? kPlayerColours[std::size_t(slot)].name() : QStringLiteral("#666");
    m_chatLog->append(QStringLiteral("<b style='color:%1'>%2</b>: %3")
                          .arg(colour, message.from.toHtmlEscaped(), message.text.toHtmlEscaped()));
}

void BattleWindow::appendNotice(const QString &text)
{
    m_chatLog->append(QStringLiteral("<i style='color:#868e96'>%1</i>").arg(text.toHtmlEscaped()));
}

void BattleWindow::sendChat()
{
    const QString text = m_chatInput->text().trimmed();
    if (text.isEmpty())
        return;
    m_client->sendChat(text);
    m_chatInput->clear();
}

void BattleWindow::submit()
{
    if (!m_submit->isEnabled() || !m_ownEditor)
        return;
    m_ownEditor->flushOps();
    m_client->sendSubmit();
    statusBar()->showMessage(tr("Submitted; judging on the server's tests…"));
    updateControls();
}

void BattleWindow::resign()
{
    if (!m_resign->isEnabled())
        return;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Resign"),
                                tr("Resign this battle? Your opponent wins and your rating changes."),
                                QMessageBox::Yes | QMessageBox::No, this);
    box->setDefaultButton(QMessageBox::No);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box] {
        if (box->clickedButton() == box->button(QMessageBox::Yes))
            m_client->sendResign();
    });
    box->open();
}

bool BattleWindow::textIsStarter() const
{
    if (m_mine < 0)
        return false;
    const battle::BattleState &state = m_client->state();
    const QByteArray &text = m_client->text(m_mine);
    return text.isEmpty() || text == state.problem.starter.value(state.players[std::size_t(m_mine)].language);
}

void BattleWindow::showOwnLanguage()
{
    if (m_mine >= 0)
        m_language->setCurrentIndex(
            m_language->findData(m_client->state().players[std::size_t(m_mine)].language));
}

void BattleWindow::changeLanguage(int index)
{
    const QString language = m_language->itemData(index).toString();
    if (language.isEmpty() || m_mine < 0)
        return;
    const QString current = m_client->state().players[std::size_t(m_mine)].language;
    if (language == current)
        return;
    // The server would refuse it (DESIGN.md): say so at once rather than after a round trip.
    if (!textIsStarter()) {
        showOwnLanguage();
        statusBar()->showMessage(tr("You can't switch to %1: the language can change only while your text is "
                                    "still the starter code. Undo your changes to switch.")
                                     .arg(app::languageDisplayName(language)),
                                 10000);
        return;
    }
    m_client->sendLanguage(language);
}

} // namespace bunny::battleui
