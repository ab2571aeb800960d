#include "battleui/resultdialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace bunny::battleui {

namespace {

QString nameOf(const battle::BattleState &state, int slot)
{
    const QString name = state.players[std::size_t(slot)].username;
    return name.isEmpty() ? battle::roleName(battle::roleOfSlot(slot)) : name;
}

QString signedNumber(int value)
{
    return value > 0   ? QStringLiteral("+%1").arg(value)
           : value < 0 ? QStringLiteral("−%1").arg(-value)
                       : QStringLiteral("±0");
}

} // namespace

ResultDialog::ResultDialog(const battle::BattleState &state, const battle::EndInfo &end, battle::Role you,
                           QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Battle over"));
    const int winner = battle::slotOf(end.winner);
    const int mine = battle::slotOf(you);
    QString headline;
    if (winner < 0)
        headline = end.reason == QLatin1String("aborted") || end.reason == QLatin1String("expired")
                       ? tr("No result")
                       : tr("Draw");
    else if (mine < 0)
        headline = tr("%1 wins").arg(nameOf(state, winner));
    else
        headline = winner == mine ? tr("You win!") : tr("%1 wins").arg(nameOf(state, winner));

    QStringList lines;
    lines << tr("Why: %1.").arg(battle::describeReason(end.reason));
    for (int slot = 0; slot < 2; ++slot) {
        const battle::PlayerState &p = state.players[std::size_t(slot)];
        QString line = nameOf(state, slot);
        if (p.best)
            line += tr(": best %1/%2").arg(p.best->passed).arg(p.best->total);
        if (end.ratings) {
            const battle::RatingChange &r = (*end.ratings)[std::size_t(slot)];
            line += tr(" · rating %1 → %2 (%3)").arg(r.before).arg(r.after).arg(signedNumber(r.delta));
        }
        lines << line;
    }
    if (!end.ratings)
        lines << tr("This battle was not rated.");

    auto *layout = new QVBoxLayout(this);
    m_headline = new QLabel(headline, this);
    QFont big = m_headline->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setBold(true);
    m_headline->setFont(big);
    m_details = new QLabel(lines.join(QLatin1Char('\n')), this);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_headline);
    layout->addWidget(m_details);

    auto *buttons = new QDialogButtonBox(this);
    m_rematch = buttons->addButton(tr("Offer Rematch"), QDialogButtonBox::ActionRole);
    m_rematch->setVisible(mine >= 0 && end.reason != QLatin1String("aborted"));
    m_replay = buttons->addButton(tr("Watch Replay"), QDialogButtonBox::ActionRole);
    m_replay->setVisible(end.reason != QLatin1String("expired"));
    buttons->addButton(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_rematch, &QPushButton::clicked, this, &ResultDialog::rematchClicked);
    connect(m_replay, &QPushButton::clicked, this, &ResultDialog::replayClicked);
    layout->addWidget(buttons);
}

QString ResultDialog::headline() const
{
    return m_headline->text();
}

QString ResultDialog::details() const
{
    return m_details->text();
}

void ResultDialog::setRematchOffered()
{
    m_rematch->setText(tr("Accept Rematch"));
    m_rematch->setEnabled(true);
}

void ResultDialog::setRematchPending()
{
    m_rematch->setText(tr("Rematch Offered"));
    m_rematch->setEnabled(false);
}

} // namespace bunny::battleui
