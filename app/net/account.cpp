#include "net/account.h"

namespace bunny::net {

Account Account::fromJson(const QJsonObject &user)
{
    Account a;
    a.id = user.value("id").toString();
    a.username = user.value("username").toString();
    a.email = user.value("email").toString();
    a.displayName = user.value("display_name").toString(a.username);
    return a;
}

} // namespace bunny::net
