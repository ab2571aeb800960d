#include "player/playerwindow.h"

#include "player/outputpanel.h"
#include "player/playereditors.h"
#include "player/playermodel.h"
#include "player/recordingdropfilter.h"
#include "player/timelinewidget.h"

#include <vcs/whenready.h>

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace bunny::app {

namespace {

constexpr int kMaxRecent = 10;
const QString kRecentKey = QStringLiteral("player/recentRecordings");

QString speedText(double speed)
{
    return QString::number(speed) + QStringLiteral("×");
}

} // namespace

PlayerWindow::PlayerWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_model(new PlayerModel(this))
{
    setAcceptDrops(true);
    m_editors = new PlayerEditors(m_model, this);
    m_editors->setKeyFilter(this);
    m_output = new OutputPanel(m_model, this);
    m_timeline = new TimelineWidget(m_model, this);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    m_editorSplitter = splitter;
    splitter->addWidget(m_editors);
    splitter->addWidget(m_output);
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({520, 120});

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 4);
    layout->setSpacing(2);
    m_heading = new QLabel(this);
    m_heading->setContentsMargins(8, 4, 8, 2);
    m_heading->setTextFormat(Qt::RichText);
    layout->addWidget(m_heading);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_timeline);
    layout->addWidget(createControls());
    setCentralWidget(central);
    createMenus();
    resize(1100, 720);
    updateTitle();
    updateTime();
    statusBar()->showMessage(tr("Open a recording (Ctrl+O) or drop a .bunnyrec file here."));

    connect(m_model, &PlayerModel::positionChanged, this, &PlayerWindow::updateTime);
    connect(m_model, &PlayerModel::durationChanged, this, &PlayerWindow::updateTime);
    connect(m_model, &PlayerModel::playingChanged, this, &PlayerWindow::updatePlaying);
    connect(m_model, &PlayerModel::opened, this, &PlayerWindow::updateTitle);
    connect(m_model, &PlayerModel::opened, this, &PlayerWindow::updateLayout);
    connect(m_model, &PlayerModel::speedChanged, this,
            [this](double speed) { m_speed->setCurrentIndex(m_speed->findData(speed)); });
    connect(m_model, &PlayerModel::idleCompressionChanged, m_idleAction, &QAction::setChecked);
    connect(m_model, &PlayerModel::errorOccurred, this,
            [this](const QString &message) { statusBar()->showMessage(message); });
    connect(m_model, &PlayerModel::liveChanged, this, [this](bool live) {
        if (!live && m_model->isOpen())
            statusBar()->showMessage(tr("The recording has ended."));
    });
}

PlayerWindow::~PlayerWindow() = default;

Result<void> PlayerWindow::openRecording(const QString &path)
{
    return openRecordings({path});
}

Result<void> PlayerWindow::openRecordings(const QStringList &paths)
{
    auto result = m_model->open(paths);
    if (!result) {
        statusBar()->showMessage(QString::fromStdString(result.message()));
        return result;
    }
    rememberRecent(paths);
    const QStringList warnings = m_model->warnings();
    const std::size_t events = m_model->timeline().eventCount();
    statusBar()->showMessage(!warnings.isEmpty() ? warnings.join(QStringLiteral("; "))
                             : events == 1       ? tr("1 event")
                                           : tr("%1 events").arg(QLocale().toString(qulonglong(events))));
    return {};
}

void PlayerWindow::seekTo(qint64 ms)
{
    m_model->seek(ms);
}

PlayerEditors *PlayerWindow::visibleEditors() const
{
    if (!m_sideBySide || !m_sideBySide->isVisible())
        return m_editors;
    // A battle shows two players: the one whose editor was clicked last, else p1.
    for (PlayerEditors *side : m_battleEditors) {
        if (side->isAncestorOf(QApplication::focusWidget()))
            return side;
    }
    return m_battleEditors[0];
}

void PlayerWindow::copyCode()
{
    // The tab the user looks at, which may not be the one the author had in focus.
    QString path = visibleEditors()->currentPath();
    const std::string *text = m_model->document().text(path.toStdString());
    if (!text)
        path = QString::fromStdString(m_model->document().focus());
    QApplication::clipboard()->setText(text ? QString::fromStdString(*text) : m_model->focusedText());
    statusBar()->showMessage(tr("Copied %1 as it is at %2.").arg(path, formatTime(m_model->position())),
                             4000);
}

Result<void> PlayerWindow::forkTo(const QString &dir)
{
    auto result = m_model->forkTo(dir);
    if (!result)
        return result;
    statusBar()->showMessage(tr("Forked into %1.").arg(dir), 4000);
    Q_EMIT forked(dir);
    return {};
}

void PlayerWindow::startFork(const QString &dir)
{
    if (m_forking)
        return;
    m_forking = true;
    m_forkAction->setEnabled(false);
    setCursor(Qt::BusyCursor);
    statusBar()->showMessage(tr("Forking into %1…").arg(dir));
    vcs::whenReady(this, m_model->forkInBackground(dir), [this, dir](const Result<void> &result) {
        m_forking = false;
        m_forkAction->setEnabled(true);
        unsetCursor();
        if (!result) {
            const QString message = QString::fromStdString(result.message());
            statusBar()->showMessage(message, 8000);
            auto *box =
                new QMessageBox(QMessageBox::Warning, tr("Cannot fork"), message, QMessageBox::Ok, this);
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
            Q_EMIT forkFailed(message);
            return;
        }
        statusBar()->showMessage(tr("Forked into %1.").arg(dir), 4000);
        Q_EMIT forked(dir);
    });
}

QStringList PlayerWindow::recentRecordings()
{
    return QSettings().value(kRecentKey).toStringList();
}

QAction *PlayerWindow::addPlayerAction(const QString &text, QList<QKeySequence> keys,
                                       void (PlayerWindow::*slot)())
{
    auto *action = new QAction(text, this);
    action->setShortcuts(keys);
    action->setShortcutContext(Qt::WindowShortcut);
    if (!keys.isEmpty())
        action->setToolTip(
            QStringLiteral("%1 (%2)").arg(text, keys.first().toString(QKeySequence::NativeText)));
    connect(action, &QAction::triggered, this, slot);
    addAction(action);
    m_playbackActions << action;
    return action;
}

QWidget *PlayerWindow::createControls()
{
    QStyle *s = style();
    auto *bar = new QWidget(this);
    auto *row = new QHBoxLayout(bar);
    row->setContentsMargins(8, 0, 8, 0);
    row->setSpacing(2);
    const auto button = [&](QAction *action, QStyle::StandardPixmap icon = QStyle::SP_CustomBase) {
        if (icon != QStyle::SP_CustomBase)
            action->setIcon(s->standardIcon(icon));
        auto *tool = new QToolButton(bar);
        tool->setDefaultAction(action);
        tool->setFocusPolicy(Qt::NoFocus);
        tool->setAutoRaise(true);
        tool->setToolButtonStyle(icon != QStyle::SP_CustomBase ? Qt::ToolButtonIconOnly
                                                               : Qt::ToolButtonTextOnly);
        row->addWidget(tool);
        return tool;
    };

    button(addPlayerAction(tr("Previous marker"), {Qt::Key_BracketLeft}, &PlayerWindow::previousMarker),
           QStyle::SP_MediaSkipBackward);
    button(addPlayerAction(tr("−10%"), {Qt::SHIFT | Qt::Key_Left}, &PlayerWindow::back10pc));
    button(addPlayerAction(tr("−5s"), {Qt::Key_Left}, &PlayerWindow::back5s));
    button(addPlayerAction(tr("Step back"), {Qt::Key_Comma}, &PlayerWindow::stepBack), QStyle::SP_ArrowLeft);
    m_playAction = addPlayerAction(tr("Play"), {Qt::Key_Space}, &PlayerWindow::togglePlay);
    button(m_playAction, QStyle::SP_MediaPlay)->setIconSize(QSize(24, 24));
    button(addPlayerAction(tr("Step forward"), {Qt::Key_Period}, &PlayerWindow::stepForward),
           QStyle::SP_ArrowRight);
    button(addPlayerAction(tr("+5s"), {Qt::Key_Right}, &PlayerWindow::forward5s));
    button(addPlayerAction(tr("+10%"), {Qt::SHIFT | Qt::Key_Right}, &PlayerWindow::forward10pc));
    button(addPlayerAction(tr("Next marker"), {Qt::Key_BracketRight}, &PlayerWindow::nextMarker),
           QStyle::SP_MediaSkipForward);

    row->addSpacing(12);
    button(addPlayerAction(tr("Slower"), {Qt::Key_Minus, Qt::Key_Underscore}, &PlayerWindow::slower));
    m_speed = new QComboBox(bar);
    m_speed->setFocusPolicy(Qt::NoFocus);
    m_speed->setToolTip(tr("Speed (+ and −)"));
    for (double speed : {0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0})
        m_speed->addItem(speedText(speed), speed);
    m_speed->setCurrentIndex(m_speed->findData(1.0));
    connect(m_speed, &QComboBox::activated, this,
            [this](int index) { m_model->setSpeed(m_speed->itemData(index).toDouble()); });
    row->addWidget(m_speed);
    button(addPlayerAction(tr("Faster"), {Qt::Key_Plus, Qt::SHIFT | Qt::Key_Plus, Qt::Key_Equal},
                           &PlayerWindow::faster));

    m_idleAction = new QAction(tr("Skip idle"), this);
    m_idleAction->setCheckable(true);
    m_idleAction->setChecked(m_model->idleCompression());
    m_idleAction->setToolTip(
        tr("Shorten pauses to the recording's idle limit (2 s unless it says otherwise)"));
    connect(m_idleAction, &QAction::toggled, m_model, &PlayerModel::setIdleCompression);
    button(m_idleAction);

    row->addStretch(1);
    m_time = new QLabel(bar);
    m_time->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    row->addWidget(m_time);
    row->addSpacing(12);

    m_copyAction = new QAction(tr("Copy code"), this);
    m_copyAction->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_C);
    m_copyAction->setToolTip(tr("Copy the visible file as it is at this moment"));
    connect(m_copyAction, &QAction::triggered, this, &PlayerWindow::copyCode);
    addAction(m_copyAction);
    button(m_copyAction);
    m_forkAction = new QAction(tr("Fork from here…"), this);
    m_forkAction->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_F);
    m_forkAction->setToolTip(tr("Make a new project of every file as it is at this moment"));
    connect(m_forkAction, &QAction::triggered, this, &PlayerWindow::forkFromDialog);
    addAction(m_forkAction);
    button(m_forkAction);

    // Keys 0-9 have a visible control too: a "Jump to" button listing 0 %-90 % with their keys.
    auto *jumpMenu = new QMenu(bar);
    for (int digit = 0; digit <= 9; ++digit) {
        auto *jump = new QAction(tr("Jump to %1%").arg(digit * 10), this);
        jump->setShortcut(QKeySequence(Qt::Key(Qt::Key_0 + digit)));
        connect(jump, &QAction::triggered, this, [this, digit] { m_model->seekFraction(digit / 10.0); });
        addAction(jump);
        jumpMenu->addAction(jump);
        m_playbackActions << jump;
    }
    auto *jumpAction = new QAction(tr("Jump to"), this);
    jumpAction->setToolTip(tr("Jump to 0%–90% of the recording (keys 0–9)"));
    jumpAction->setMenu(jumpMenu);
    button(jumpAction)->setPopupMode(QToolButton::InstantPopup);
    return bar;
}

void PlayerWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open Recording…"), this, &PlayerWindow::openFromDialog);
    open->setShortcut(QKeySequence::Open);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    updateRecentMenu();
    file->addSeparator();
    file->addAction(m_copyAction);
    file->addAction(m_forkAction);
    file->addSeparator();
    QAction *closeAction = file->addAction(tr("&Close"), this, &QWidget::close);
    closeAction->setShortcut(QKeySequence::Close);

    QMenu *playback = menuBar()->addMenu(tr("&Playback"));
    for (QAction *action : std::as_const(m_playbackActions))
        playback->addAction(action);
    playback->addSeparator();
    playback->addAction(m_idleAction);
}

void PlayerWindow::openInteractively(const QStringList &paths)
{
    const auto result = openRecordings(paths);
    if (!result)
        QMessageBox::warning(this, tr("Cannot open the recording"), QString::fromStdString(result.message()));
}

void PlayerWindow::openFromDialog()
{
    const QStringList paths = QFileDialog::getOpenFileNames(
        this, tr("Open Recording"), QString(), tr("Recordings (*.bunnyrec *.bunnyrec.gz);;All files (*)"));
    if (!paths.isEmpty())
        openInteractively(paths);
}

void PlayerWindow::forkFromDialog()
{
    if (!m_model->isOpen())
        return;
    const bool wasPlaying = m_model->isPlaying();
    m_model->pause();
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Fork into a new or empty folder"));
    if (dir.isEmpty()) {
        if (wasPlaying)
            m_model->play();
        return;
    }
    startFork(dir);
}

void PlayerWindow::rememberRecent(const QStringList &paths)
{
    QStringList recent = recentRecordings();
    for (const QString &path : paths) {
        const QString absolute = QFileInfo(path).absoluteFilePath();
        recent.removeAll(absolute);
        recent.prepend(absolute);
    }
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    QSettings().setValue(kRecentKey, recent);
    updateRecentMenu();
}

void PlayerWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = recentRecordings();
    for (const QString &path : recent)
        m_recentMenu->addAction(path, this, [this, path] { openInteractively({path}); });
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void PlayerWindow::updateTime()
{
    m_time->setText(
        QStringLiteral("%1 / %2").arg(formatTime(m_model->position()), formatTime(m_model->duration())));
}

void PlayerWindow::updatePlaying(bool playing)
{
    m_playAction->setText(playing ? tr("Pause") : tr("Play"));
    m_playAction->setIcon(style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
}

// A battle recording (players p1/…, p2/…) plays both players side by side on the one timeline.
void PlayerWindow::updateLayout()
{
    const QStringList players = m_model->battlePlayers();
    const bool battle = players.size() == 2;
    if (battle && !m_sideBySide) {
        static const std::array<QColor, 2> kColours = {QColor(0x2f, 0x80, 0xed), QColor(0xe8, 0x59, 0x0c)};
        auto *sides = new QSplitter(Qt::Horizontal, this);
        for (std::size_t slot = 0; slot < 2; ++slot) {
            auto *side = new QWidget(sides);
            auto *layout = new QVBoxLayout(side);
            layout->setContentsMargins(0, 0, 0, 0);
            m_battleLabels[slot] = new QLabel(side);
            m_battleLabels[slot]->setContentsMargins(6, 2, 6, 2);
            m_battleEditors[slot] = new PlayerEditors(m_model, side);
            m_battleEditors[slot]->setKeyFilter(this);
            m_battleEditors[slot]->setPathPrefix(QStringLiteral("p%1/").arg(slot + 1), kColours[slot]);
            layout->addWidget(m_battleLabels[slot]);
            layout->addWidget(m_battleEditors[slot], 1);
            sides->addWidget(side);
        }
        m_sideBySide = sides;
        m_editorSplitter->insertWidget(0, sides);
        m_editorSplitter->setStretchFactor(0, 4);
    }
    if (m_sideBySide) {
        m_sideBySide->setVisible(battle);
        for (std::size_t slot = 0; battle && slot < 2; ++slot)
            m_battleLabels[slot]->setText(QStringLiteral("<b>p%1</b> · %2")
                                              .arg(slot + 1)
                                              .arg(players[qsizetype(slot)].toHtmlEscaped()));
    }
    m_editors->setVisible(!battle);
}

void PlayerWindow::updateTitle()
{
    if (!m_model->isOpen()) {
        setWindowTitle(tr("Player — Bunny Code"));
        m_heading->setText(tr("<b>No recording</b>"));
        return;
    }
    const auto &header = m_model->timeline().recording(0).header();
    QStringList details;
    if (!header.author.empty())
        details << tr("by %1").arg(QString::fromStdString(header.author).toHtmlEscaped());
    if (!header.language.empty())
        details << QString::fromStdString(header.language).toHtmlEscaped();
    const QDateTime started =
        QDateTime::fromString(QString::fromStdString(header.started), Qt::ISODateWithMs);
    if (started.isValid())
        details << QLocale().toString(started.toLocalTime(), QLocale::ShortFormat);
    if (m_model->timeline().segmentCount() > 1)
        details << tr("%1 sessions").arg(m_model->timeline().segmentCount());
    m_heading->setText(QStringLiteral("<b>%1</b>&nbsp;&nbsp;<span style=\"color:#777\">%2</span>")
                           .arg(m_model->title().toHtmlEscaped(), details.join(QStringLiteral(" · "))));
    setWindowTitle(m_model->title() + QStringLiteral(" — Bunny Code Player"));
}

void PlayerWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (!RecordingDropFilter::recordingPaths(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void PlayerWindow::dropEvent(QDropEvent *event)
{
    const QStringList paths = RecordingDropFilter::recordingPaths(event->mimeData());
    if (paths.isEmpty())
        return;
    event->acceptProposedAction();
    openInteractively(paths);
}

bool PlayerWindow::eventFilter(QObject *watched, QEvent *event)
{
    // Editors claim plain keys such as arrows and space for themselves; the player's keys win.
    if (event->type() == QEvent::ShortcutOverride) {
        const auto *key = static_cast<QKeyEvent *>(event);
        const QKeySequence pressed(key->keyCombination());
        for (const QAction *action : std::as_const(m_playbackActions)) {
            if (action->shortcuts().contains(pressed))
                return true; // left unaccepted: the shortcut fires
        }
    }
    return QMainWindow::eventFilter(watched, event);
}

void PlayerWindow::togglePlay()
{
    m_model->togglePlay();
}
void PlayerWindow::back5s()
{
    m_model->skip(-5000);
}
void PlayerWindow::forward5s()
{
    m_model->skip(5000);
}
void PlayerWindow::back10pc()
{
    m_model->skipFraction(-0.1);
}
void PlayerWindow::forward10pc()
{
    m_model->skipFraction(0.1);
}
void PlayerWindow::previousMarker()
{
    m_model->previousMarker();
}
void PlayerWindow::nextMarker()
{
    m_model->nextMarker();
}
void PlayerWindow::stepBack()
{
    m_model->stepBackward();
}
void PlayerWindow::stepForward()
{
    m_model->stepForward();
}
void PlayerWindow::faster()
{
    m_model->faster();
}
void PlayerWindow::slower()
{
    m_model->slower();
}

} // namespace bunny::app
