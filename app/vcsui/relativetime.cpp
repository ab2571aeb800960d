#include "vcsui/relativetime.h"

#include <QCoreApplication>
#include <QLocale>

namespace bunny::vcsui {

QString relativeTime(const QDateTime &time, const QDateTime &now)
{
    if (!time.isValid())
        return QString();
    const qint64 seconds = time.secsTo(now);
    constexpr qint64 kMinute = 60, kHour = 60 * kMinute, kDay = 24 * kHour;
    // Singular and plural spelled out: without a translation loaded Qt would print "(s)".
    auto ago = [](qint64 n, const char *one, const char *many) {
        return n == 1 ? QCoreApplication::translate("bunny::vcsui::relativeTime", one)
                      : QCoreApplication::translate("bunny::vcsui::relativeTime", many).arg(n);
    };
    if (seconds < kMinute)
        return QCoreApplication::translate("bunny::vcsui::relativeTime", "just now");
    if (seconds < kHour)
        return ago(seconds / kMinute, "1 minute ago", "%1 minutes ago");
    if (seconds < kDay)
        return ago(seconds / kHour, "1 hour ago", "%1 hours ago");
    const qint64 days = time.toLocalTime().date().daysTo(now.toLocalTime().date());
    if (days <= 1)
        return QCoreApplication::translate("bunny::vcsui::relativeTime", "yesterday");
    if (days < 14)
        return ago(days, "1 day ago", "%1 days ago");
    if (days < 60)
        return ago(days / 7, "1 week ago", "%1 weeks ago");
    if (days < 365)
        return ago(days / 30, "1 month ago", "%1 months ago");
    return QLocale().toString(time.toLocalTime().date(), QLocale::ShortFormat);
}

} // namespace bunny::vcsui
