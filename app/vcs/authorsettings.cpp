#include "vcs/authorsettings.h"

#include <QMutex>
#include <QRegularExpression>
#include <QSettings>

namespace bunny::vcs {

namespace {
const QString kNameKey = QStringLiteral("vcs/authorName");
const QString kEmailKey = QStringLiteral("vcs/authorEmail");

QMutex s_mutex;
Person s_account;

QString loginName()
{
    return qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME")).trimmed();
}

QString fallbackName()
{
    const QString user = loginName();
    return user.isEmpty() ? QStringLiteral("Bunny User") : user;
}

QString fallbackEmail()
{
    QString user = loginName();
    // Something an email address can hold, whatever the login name is.
    user.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]")), QStringLiteral("."));
    return (user.isEmpty() ? QStringLiteral("bunny") : user) + QStringLiteral("@localhost");
}
} // namespace

Person AuthorSettings::author()
{
    QSettings settings;
    Person person{settings.value(kNameKey).toString().trimmed(),
                  settings.value(kEmailKey).toString().trimmed()};
    Person account;
    {
        QMutexLocker lock(&s_mutex);
        account = s_account;
    }
    if (person.name.isEmpty())
        person.name = account.name.isEmpty() ? fallbackName() : account.name;
    if (person.email.isEmpty())
        person.email = account.email.isEmpty() ? fallbackEmail() : account.email;
    return person;
}

bool AuthorSettings::isConfigured()
{
    return !QSettings().value(kNameKey).toString().trimmed().isEmpty();
}

void AuthorSettings::save(const Person &person)
{
    QSettings settings;
    settings.setValue(kNameKey, person.name.trimmed());
    settings.setValue(kEmailKey, person.email.trimmed());
}

void AuthorSettings::setAccount(const Person &account)
{
    QMutexLocker lock(&s_mutex);
    s_account = account;
}

} // namespace bunny::vcs
