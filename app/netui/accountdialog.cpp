#include "netui/accountdialog.h"

#include "net/accountsession.h"
#include "net/apiclient.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

namespace bunny::netui {

AccountDialog::AccountDialog(net::AccountSession *session, Mode mode, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
{
    setWindowTitle(tr("Bunny Code account"));
    setObjectName(QStringLiteral("accountDialog"));

    m_server = new QLabel(tr("Server: %1").arg(session->api()->baseUrl().toString()), this);
    m_server->setObjectName(QStringLiteral("accountServer"));

    m_tabs = new QTabWidget(this);
    auto *signInPage = new QWidget;
    auto *signInForm = new QFormLayout(signInPage);
    m_login = new QLineEdit;
    m_login->setObjectName(QStringLiteral("loginField"));
    m_login->setPlaceholderText(tr("username or email"));
    m_password = new QLineEdit;
    m_password->setObjectName(QStringLiteral("passwordField"));
    m_password->setEchoMode(QLineEdit::Password);
    signInForm->addRow(tr("&Username or email:"), m_login);
    signInForm->addRow(tr("&Password:"), m_password);
    auto *keeps = new QLabel(tr("The app keeps a session token in the system keyring (or a private "
                                "file where there is none), never your password."));
    keeps->setWordWrap(true);
    keeps->setEnabled(false); // a quiet note, greyed like the platform's hints
    signInForm->addRow(keeps);
    m_tabs->addTab(signInPage, tr("Sign in"));

    auto *registerPage = new QWidget;
    auto *registerForm = new QFormLayout(registerPage);
    m_newUsername = new QLineEdit;
    m_newUsername->setObjectName(QStringLiteral("newUsernameField"));
    m_newEmail = new QLineEdit;
    m_newEmail->setObjectName(QStringLiteral("newEmailField"));
    m_newPassword = new QLineEdit;
    m_newPassword->setObjectName(QStringLiteral("newPasswordField"));
    m_newPassword->setEchoMode(QLineEdit::Password);
    m_newPassword2 = new QLineEdit;
    m_newPassword2->setObjectName(QStringLiteral("newPassword2Field"));
    m_newPassword2->setEchoMode(QLineEdit::Password);
    registerForm->addRow(tr("&Username:"), m_newUsername);
    registerForm->addRow(tr("&Email:"), m_newEmail);
    registerForm->addRow(tr("&Password:"), m_newPassword);
    registerForm->addRow(tr("&Repeat password:"), m_newPassword2);
    m_tabs->addTab(registerPage, tr("Create account"));

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("accountMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_submit = buttons->addButton(tr("Sign in"), QDialogButtonBox::AcceptRole);
    m_submit->setDefault(true);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_submit, &QPushButton::clicked, this, &AccountDialog::submit);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        m_submit->setText(this->mode() == Mode::SignIn ? tr("Sign in") : tr("Create account"));
        showMessage({}, false);
    });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_server);
    layout->addWidget(m_tabs);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    setMode(mode);
    (mode == Mode::SignIn ? m_login : m_newUsername)->setFocus();
    resize(420, sizeHint().height());
}

bool AccountDialog::ensureSignedIn(net::AccountSession *session, QWidget *parent)
{
    if (session->isSignedIn())
        return true;
    AccountDialog dialog(session, Mode::SignIn, parent);
    return dialog.exec() == QDialog::Accepted && session->isSignedIn();
}

AccountDialog::Mode AccountDialog::mode() const
{
    return m_tabs->currentIndex() == 0 ? Mode::SignIn : Mode::Register;
}

void AccountDialog::setMode(Mode mode)
{
    m_tabs->setCurrentIndex(mode == Mode::SignIn ? 0 : 1);
}

QString AccountDialog::message() const
{
    return m_message->text();
}

void AccountDialog::submit()
{
    if (m_call)
        return;
    if (mode() == Mode::SignIn) {
        if (m_login->text().trimmed().isEmpty() || m_password->text().isEmpty()) {
            showMessage(tr("Enter your username (or email) and password."), true);
            return;
        }
        m_call = m_session->signIn(m_login->text().trimmed(), m_password->text());
    } else {
        if (m_newPassword->text() != m_newPassword2->text()) {
            showMessage(tr("The two passwords differ."), true);
            return;
        }
        m_call = m_session->signUp(m_newUsername->text().trimmed(), m_newEmail->text().trimmed(),
                                   m_newPassword->text());
    }
    setBusy(true);
    showMessage(tr("Contacting %1…").arg(m_session->api()->baseUrl().toString()), false);
    connect(m_call, &net::ApiCall::finished, this, [this](const net::ApiResponse &r) {
        m_call = nullptr;
        setBusy(false);
        if (r.ok() && m_session->isSignedIn()) {
            showMessage(tr("Signed in as %1.").arg(m_session->account().username), false);
            accept();
        } else {
            showMessage(r.errorMessage, true);
            // Back to the field most likely wrong, ready to retype.
            QLineEdit *retry = this->mode() == Mode::SignIn ? m_password : m_newUsername;
            retry->setFocus();
            retry->selectAll();
        }
    });
}

void AccountDialog::setBusy(bool busy)
{
    m_submit->setEnabled(!busy);
    m_tabs->setEnabled(!busy);
}

void AccountDialog::showMessage(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setStyleSheet(error ? QStringLiteral("color: #c0392b;") : QString());
    Q_EMIT messageChanged(text);
}

} // namespace bunny::netui
