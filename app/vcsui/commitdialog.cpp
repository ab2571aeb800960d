#include "vcsui/commitdialog.h"

#include "vcs/authorsettings.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace bunny::vcsui {

CommitDialog::CommitDialog(int stagedCount, int changedCount, QWidget *parent)
    : QDialog(parent)
    , m_message(new QPlainTextEdit(this))
    , m_name(new QLineEdit(this))
    , m_email(new QLineEdit(this))
    , m_all(new QCheckBox(tr("Commit all changes (%1 files), not only the staged ones").arg(changedCount),
                          this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Commit"));
    m_message->setPlaceholderText(tr("Say what changed and why. The first line is the summary."));
    m_message->setTabChangesFocus(true);
    m_proposed = vcs::AuthorSettings::author();
    m_name->setText(m_proposed.name);
    m_email->setText(m_proposed.email);
    m_all->setChecked(stagedCount == 0);
    m_all->setEnabled(changedCount > 0 && stagedCount != changedCount);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Commit"));

    auto *summary = new QLabel(
        stagedCount > 0 ? tr("%1 of %2 changed files are staged.").arg(stagedCount).arg(changedCount)
                        : tr("Nothing is staged yet."),
        this);
    auto *form = new QFormLayout;
    form->addRow(tr("Author"), m_name);
    form->addRow(tr("Email"), m_email);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Message"), this));
    layout->addWidget(m_message, 1);
    layout->addWidget(summary);
    layout->addWidget(m_all);
    layout->addLayout(form);
    layout->addWidget(m_buttons);
    resize(480, 320);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &CommitDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &CommitDialog::reject);
    connect(m_message, &QPlainTextEdit::textChanged, this, &CommitDialog::updateOk);
    connect(m_name, &QLineEdit::textChanged, this, &CommitDialog::updateOk);
    updateOk();
}

QString CommitDialog::message() const
{
    return m_message->toPlainText().trimmed();
}

vcs::Person CommitDialog::author() const
{
    return {m_name->text().trimmed(), m_email->text().trimmed()};
}

bool CommitDialog::commitAll() const
{
    return m_all->isChecked();
}

void CommitDialog::setMessage(const QString &message)
{
    m_message->setPlainText(message);
}

void CommitDialog::accept()
{
    if (message().isEmpty() || author().name.isEmpty())
        return;
    // Saved only when the user typed another author: saving what was proposed would pin a
    // signed-in account's name (or the login name) for good, hiding a later account.
    const vcs::Person chosen = author();
    if (chosen.name != m_proposed.name || chosen.email != m_proposed.email)
        vcs::AuthorSettings::save(chosen);
    QDialog::accept();
}

void CommitDialog::updateOk()
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!message().isEmpty() && !author().name.isEmpty());
}

} // namespace bunny::vcsui
