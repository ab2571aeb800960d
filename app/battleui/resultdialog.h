#pragma once

#include "battle/battlestate.h"

#include <QDialog>

class QLabel;
class QPushButton;

namespace bunny::battleui {

/// The end of a battle: who won and why, each player's rating change, and the ways on: a
/// rematch (offer, or accept the other's offer) and the replay.
class ResultDialog : public QDialog
{
    Q_OBJECT

public:
    ResultDialog(const battle::BattleState &state, const battle::EndInfo &end, battle::Role you,
                 QWidget *parent = nullptr);

    QString headline() const;
    QString details() const;
    QPushButton *rematchButton() const { return m_rematch; }
    QPushButton *replayButton() const { return m_replay; }
    /// The other player offered a rematch: the button accepts it.
    void setRematchOffered();
    /// We offered one: the button waits.
    void setRematchPending();

Q_SIGNALS:
    void rematchClicked();
    void replayClicked();

private:
    QLabel *m_headline = nullptr;
    QLabel *m_details = nullptr;
    QPushButton *m_rematch = nullptr;
    QPushButton *m_replay = nullptr;
};

} // namespace bunny::battleui
