#include "player/timelinewidget.h"

#include "player/playermodel.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>
#include <QToolTip>

namespace bunny::app {

namespace {

constexpr int kMargin = 10;
constexpr int kGraphHeight = 30;
constexpr int kTrackHeight = 6;
constexpr int kMarkerHitPx = 5;
constexpr int kBinPx = 4;

} // namespace

QString formatTime(qint64 ms)
{
    const qint64 s = std::max<qint64>(0, ms) / 1000;
    if (s >= 3600)
        return QStringLiteral("%1:%2:%3")
            .arg(s / 3600)
            .arg(s / 60 % 60, 2, 10, QLatin1Char('0'))
            .arg(s % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

TimelineWidget::TimelineWidget(PlayerModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
{
    setMouseTracking(true);
    setFocusPolicy(Qt::NoFocus);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    const auto changed = [this] {
        computeColumns();
        update();
    };
    connect(m_model, &PlayerModel::opened, this, changed);
    connect(m_model, &PlayerModel::closed, this, changed);
    connect(m_model, &PlayerModel::timelineChanged, this, changed);
    connect(m_model, &PlayerModel::stretchChanged, this, changed);
    connect(m_model, &PlayerModel::positionChanged, this, [this] { update(); });
}

QSize TimelineWidget::sizeHint() const
{
    return {600, kGraphHeight + kTrackHeight + 20};
}

QSize TimelineWidget::minimumSizeHint() const
{
    return {200, sizeHint().height()};
}

QColor TimelineWidget::markerColour(const QString &kind)
{
    if (kind == QLatin1String("commit"))
        return QColor(0x27, 0xae, 0x60);
    if (kind == QLatin1String("run"))
        return QColor(0x2f, 0x80, 0xed);
    if (kind == QLatin1String("paste"))
        return QColor(0xe6, 0x7e, 0x22);
    if (kind == QLatin1String("submit"))
        return QColor(0x8e, 0x44, 0xad);
    if (kind == QLatin1String("verdict"))
        return QColor(0x16, 0xa0, 0x85);
    if (kind == QLatin1String("note"))
        return QColor(0xd4, 0xac, 0x0d);
    return QColor(0x7f, 0x8c, 0x8d);
}

QRect TimelineWidget::track() const
{
    return {kMargin, kGraphHeight + 4, std::max(1, width() - 2 * kMargin), kTrackHeight};
}

QRect TimelineWidget::stretchRect() const
{
    if (!m_model->hasStretch())
        return {};
    const int left = xForTime(m_model->stretchStart()), right = xForTime(m_model->stretchEnd());
    return QRect(QPoint(left, 0), QPoint(std::max(left + 1, right), height() - 1));
}

int TimelineWidget::xForTime(qint64 ms) const
{
    const QRect t = track();
    const qint64 duration = m_model->duration();
    return t.left() + (duration > 0 ? int(double(ms) / double(duration) * (t.width() - 1)) : 0);
}

qint64 TimelineWidget::timeForX(int x) const
{
    const QRect t = track();
    const double fraction = std::clamp(double(x - t.left()) / std::max(1, t.width() - 1), 0.0, 1.0);
    return qint64(fraction * double(m_model->duration()));
}

void TimelineWidget::computeColumns()
{
    m_backgroundDirty = true;
    const int width = track().width();
    const auto bins = std::size_t(std::max(1, width / kBinPx));
    m_bins.assign(bins, 0.0);
    m_binMax = 0;
    const auto &activity = m_model->timeline().activity();
    const double duration = double(m_model->duration());
    if (duration <= 0)
        return;
    // Each bin gets the edits of the seconds it overlaps, weighted by the overlap: a rate.
    const double binMs = duration / double(bins);
    for (std::size_t bin = 0; bin < bins; ++bin) {
        const double from = double(bin) * binMs, to = from + binMs;
        double edits = 0;
        for (auto second = std::size_t(from / 1000); second < activity.size() && double(second) * 1000 < to;
             ++second) {
            const double overlap =
                std::min(to, double(second + 1) * 1000) - std::max(from, double(second) * 1000);
            edits += activity[second] * std::max(0.0, overlap) / 1000.0;
        }
        m_bins[bin] = edits / (binMs / 1000.0);
        m_binMax = std::max(m_binMax, m_bins[bin]);
    }
}

void TimelineWidget::paintBackground()
{
    const qreal ratio = devicePixelRatioF();
    m_background = QPixmap(size() * ratio);
    m_background.setDevicePixelRatio(ratio);
    m_background.fill(Qt::transparent);
    QPainter painter(&m_background);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRect t = track();
    const QColor accent = palette().color(QPalette::Highlight);

    // Activity behind the track: how busy the author was, as a filled curve.
    if (m_binMax > 0) {
        QColor fill = accent;
        fill.setAlpha(60);
        QPainterPath area;
        const double bottom = t.top() - 2;
        const double step = double(t.width()) / double(m_bins.size());
        area.moveTo(t.left(), bottom);
        for (std::size_t bin = 0; bin < m_bins.size(); ++bin)
            area.lineTo(t.left() + (double(bin) + 0.5) * step,
                        bottom - m_bins[bin] / m_binMax * (kGraphHeight - 6));
        area.lineTo(t.right(), bottom);
        area.closeSubpath();
        painter.setPen(QPen(accent.lighter(120), 1));
        painter.setBrush(fill);
        painter.drawPath(area);
    }

    // A stretch being replayed (how one commit was written): a band behind graph and track.
    if (m_model->hasStretch()) {
        QColor band = markerColour(QStringLiteral("commit"));
        band.setAlpha(50);
        const QRect range = stretchRect();
        painter.fillRect(range, band);
        painter.fillRect(QRect(range.left(), range.top(), 2, range.height()), band.darker(150));
        painter.fillRect(QRect(range.right() - 1, range.top(), 2, range.height()), band.darker(150));
    }

    painter.setPen(Qt::NoPen);
    painter.setBrush(palette().color(QPalette::Mid));
    painter.drawRoundedRect(t, 3, 3);

    int lastX = -1;
    const QString *lastKind = nullptr;
    const QPen basePen(palette().color(QPalette::Base), 1);
    for (const TimelineMarker &marker : m_model->timeline().markers()) {
        const int x = xForTime(marker.time);
        // Thousands of markers must not cost thousands of paths: one per pixel and kind.
        if (x == lastX && lastKind && *lastKind == marker.kind)
            continue;
        lastX = x;
        lastKind = &marker.kind;
        // A battle player's marker (p1/, p2/) is outlined in that player's colour.
        painter.setPen(marker.path.startsWith(QLatin1String("p1/"))   ? QPen(QColor(0x2f, 0x80, 0xed), 2)
                       : marker.path.startsWith(QLatin1String("p2/")) ? QPen(QColor(0xe8, 0x59, 0x0c), 2)
                                                                      : basePen);
        painter.setBrush(markerColour(marker.kind));
        const int y = t.bottom() + 7;
        const QPoint diamond[] = {{x, y - 5}, {x + 4, y}, {x, y + 5}, {x - 4, y}};
        painter.drawConvexPolygon(diamond, 4);
    }
}

void TimelineWidget::paintEvent(QPaintEvent *)
{
    // The graph and markers change only with the timeline; a frame repaints the play head.
    if (m_backgroundDirty || m_background.deviceIndependentSize().toSize() != size()) {
        paintBackground();
        m_backgroundDirty = false;
    }
    QPainter painter(this);
    painter.drawPixmap(0, 0, m_background);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRect t = track();
    const QColor accent = palette().color(QPalette::Highlight);
    const int playX = xForTime(m_model->position());
    painter.setPen(Qt::NoPen);
    painter.setBrush(accent);
    painter.drawRoundedRect(QRect(t.left(), t.top(), playX - t.left() + 1, t.height()), 3, 3);
    painter.setPen(QPen(palette().color(QPalette::Base), 2));
    painter.setBrush(accent.darker(120));
    painter.drawEllipse(QPoint(playX, t.center().y()), 7, 7);
}

void TimelineWidget::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton)
        m_model->seek(timeForX(event->position().toPoint().x()));
}

void TimelineWidget::mouseMoveEvent(QMouseEvent *event)
{
    if (event->buttons() & Qt::LeftButton)
        m_model->seek(timeForX(event->position().toPoint().x()));
}

void TimelineWidget::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    computeColumns();
}

QString TimelineWidget::toolTipAt(int x) const
{
    const TimelineMarker *nearest = nullptr;
    int best = kMarkerHitPx + 1;
    for (const TimelineMarker &marker : m_model->timeline().markers()) {
        const int distance = std::abs(xForTime(marker.time) - x);
        if (distance < best) {
            best = distance;
            nearest = &marker;
        }
    }
    if (!nearest)
        return formatTime(timeForX(x));
    QString tip = QStringLiteral("%1 · %2").arg(formatTime(nearest->time), nearest->kind);
    if (!nearest->label.isEmpty())
        tip += QStringLiteral(": ") + nearest->label;
    // A battle's markers name their player (p1/, p2/).
    const QStringList players = m_model->battlePlayers();
    if (players.size() == 2 && nearest->path.startsWith(QLatin1String("p1/")))
        tip += QStringLiteral(" (%1)").arg(players[0]);
    else if (players.size() == 2 && nearest->path.startsWith(QLatin1String("p2/")))
        tip += QStringLiteral(" (%1)").arg(players[1]);
    else if (!nearest->path.isEmpty())
        tip += QStringLiteral(" (%1)").arg(nearest->path);
    return tip;
}

bool TimelineWidget::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        if (m_model->isOpen())
            QToolTip::showText(help->globalPos(), toolTipAt(help->pos().x()), this);
        return true;
    }
    return QWidget::event(event);
}

} // namespace bunny::app
