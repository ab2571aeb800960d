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
    auto tr = [](const char *text, qint64 n) {
        return QCoreApplication::translate("bunny::vcsui::relativeTime", text, nullptr, int(n));
    };
    if (seconds < kMinute)
        return tr("just now", 0);
    if (seconds < kHour)
        return tr("%n minute(s) ago", seconds / kMinute);
    if (seconds < kDay)
        return tr("%n hour(s) ago", seconds / kHour);
    const qint64 days = time.toLocalTime().date().daysTo(now.toLocalTime().date());
    if (days <= 1)
        return tr("yesterday", 0);
    if (days < 14)
        return tr("%n day(s) ago", days);
    if (days < 60)
        return tr("%n week(s) ago", days / 7);
    if (days < 365)
        return tr("%n month(s) ago", days / 30);
    return QLocale().toString(time.toLocalTime().date(), QLocale::ShortFormat);
}

} // namespace bunny::vcsui
