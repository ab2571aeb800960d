#pragma once

#include <QDialog>
#include <QPointer>

class QLabel;
class QLineEdit;
class QPushButton;
class QTabWidget;

namespace bunny::net {
class AccountSession;
class ApiCall;
} // namespace bunny::net

namespace bunny::netui {

/// Sign in / create an account on the configured server; shows the server's own messages
/// ("username taken", "wrong password"…) under the form. Accepts once signed in.
class AccountDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Mode { SignIn, Register };

    AccountDialog(net::AccountSession *session, Mode mode = Mode::SignIn, QWidget *parent = nullptr);

    /// True when already signed in, else runs the dialog modally; true when it signed in.
    static bool ensureSignedIn(net::AccountSession *session, QWidget *parent);

    Mode mode() const;
    void setMode(Mode mode);
    /// The message shown under the form (the server's or a network sentence); for tests.
    QString message() const;

    QLineEdit *loginField() const { return m_login; }
    QLineEdit *passwordField() const { return m_password; }
    QLineEdit *usernameField() const { return m_newUsername; }
    QLineEdit *emailField() const { return m_newEmail; }
    QLineEdit *newPasswordField() const { return m_newPassword; }
    QPushButton *submitButton() const { return m_submit; }

Q_SIGNALS:
    void messageChanged(const QString &message);

private:
    void submit();
    void setBusy(bool busy);
    void showMessage(const QString &text, bool error);

    net::AccountSession *m_session;
    QTabWidget *m_tabs = nullptr;
    QLineEdit *m_login = nullptr;
    QLineEdit *m_password = nullptr;
    QLineEdit *m_newUsername = nullptr;
    QLineEdit *m_newEmail = nullptr;
    QLineEdit *m_newPassword = nullptr;
    QLineEdit *m_newPassword2 = nullptr;
    QLabel *m_message = nullptr;
    QLabel *m_server = nullptr;
    QPushButton *m_submit = nullptr;
    QPointer<net::ApiCall> m_call;
};

} // namespace bunny::netui
