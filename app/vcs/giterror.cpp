#include "vcs/giterror.h"

#include <git2.h>

namespace bunny::vcs {

Error gitError(const QString &what, int code)
{
    const git_error *last = git_error_last();
    QString detail = last && last->message ? QString::fromUtf8(last->message).trimmed() : QString();
    if (detail.isEmpty())
        detail = QStringLiteral("git error %1").arg(code);
    git_error_clear();
    return makeError(QStringLiteral("%1: %2").arg(what, detail).toStdString());
}

Error vcsError(const QString &message)
{
    return makeError(message.toStdString());
}

} // namespace bunny::vcs
