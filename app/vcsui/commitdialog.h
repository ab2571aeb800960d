#pragma once

#include "vcs/types.h"

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLineEdit;
class QPlainTextEdit;

namespace bunny::vcsui {

/// Asks for a commit message and the author (prefilled from vcs::AuthorSettings, saved back
/// on accept). "Commit all changes" is on when nothing is staged, so a first commit needs no
/// staging step.
class CommitDialog : public QDialog
{
    Q_OBJECT

public:
    /// `stagedCount`/`changedCount` tell what the commit would contain, for the summary line.
    CommitDialog(int stagedCount, int changedCount, QWidget *parent = nullptr);

    QString message() const;
    vcs::Person author() const;
    bool commitAll() const;

    void setMessage(const QString &message);

    void accept() override;

private:
    void updateOk();

    QPlainTextEdit *m_message = nullptr;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_email = nullptr;
    QCheckBox *m_all = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    vcs::Person m_proposed; ///< the author the dialog opened with (settings, account or login)
};

} // namespace bunny::vcsui
