#include "vcs/authorsettings.h"

#include <QMutex>
#include <QSettings>

namespace bunny::vcs {

namespace {
const QString kNameKey = QStringLiteral("vcs/authorName");
const QString kEmailKey = QStringLiteral("vcs/authorEmail");

QMutex s_mutex;
Person s_account;

QString loginName()
{
    const QString user = qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME"));
    return user.isEmpty() ? QStringLiteral("Bunny User") : user;
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
        person.name = account.name.isEmpty() ? loginName() : account.name;
    if (person.email.isEmpty())
        person.email = account.email.isEmpty() ? loginName() + QStringLiteral("@localhost") : account.email;
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
