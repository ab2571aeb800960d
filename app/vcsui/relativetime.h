#pragma once

#include <QDateTime>
#include <QString>

namespace bunny::vcsui {

/// "just now", "5 minutes ago", "yesterday", "3 weeks ago"… as `now` sees `time`; past a
/// year, the date itself.
QString relativeTime(const QDateTime &time, const QDateTime &now = QDateTime::currentDateTime());

} // namespace bunny::vcsui
