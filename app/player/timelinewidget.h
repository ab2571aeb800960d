#pragma once

#include <QPixmap>
#include <QWidget>

#include <vector>

namespace bunny::app {

class PlayerModel;

/// The seek bar: played and remaining time, the markers in their kinds' colours (tooltips say
/// what they are), and the edits per second painted behind. Click or drag to seek.
class TimelineWidget : public QWidget
{
    Q_OBJECT

public:
    explicit TimelineWidget(PlayerModel *model, QWidget *parent = nullptr);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    /// The colour markers of `kind` are drawn in.
    static QColor markerColour(const QString &kind);
    /// The x coordinate of timeline time `ms`, and back.
    int xForTime(qint64 ms) const;
    qint64 timeForX(int x) const;
    /// The band that shows the model's stretch (empty without one).
    QRect stretchRect() const;
    /// The tooltip shown at `x` (a marker's, or the time there).
    QString toolTipAt(int x) const;
    /// The activity graph: edits per second in each few-pixel bin along the track.
    const std::vector<double> &activityBins() const { return m_bins; }

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    bool event(QEvent *event) override;

private:
    QRect track() const;
    void computeColumns();
    void paintBackground();

    PlayerModel *m_model = nullptr;
    std::vector<double> m_bins; ///< edits per second in each few-pixel bin
    double m_binMax = 0;
    QPixmap m_background; ///< activity, track and markers: everything but the play head
    bool m_backgroundDirty = true;
};

/// "m:ss" or "h:mm:ss".
QString formatTime(qint64 ms);

} // namespace bunny::app
