#pragma once

#include <QJsonObject>
#include <QMetaType>
#include <QString>

namespace bunny::net {

/// The signed-in user as GET /me and the auth answers describe them.
struct Account
{
    QString id;
    QString username;
    QString email;
    QString displayName;

    bool isValid() const { return !id.isEmpty(); }
    static Account fromJson(const QJsonObject &user);
};

/// The token pair of a session; never written to QSettings.
struct Tokens
{
    QString access;
    QString refresh;
    QString serverUrl; ///< the server these belong to: a changed URL means signed out
    /// The account they belong to (as the server last described it), so a start while the server
    /// is away still knows who is signed in.
    QJsonObject user;
    bool isEmpty() const { return refresh.isEmpty(); }
};

} // namespace bunny::net

Q_DECLARE_METATYPE(bunny::net::Account)
