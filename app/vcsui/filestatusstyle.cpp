#include "vcsui/filestatusstyle.h"

#include <QHash>
#include <QPainter>
#include <QPixmap>

namespace bunny::vcsui {

using vcs::FileStatus;

QColor statusColor(FileStatus status)
{
    switch (status) {
    case FileStatus::New:
        return QColor(0x2e, 0x9d, 0x4b);
    case FileStatus::Modified:
        return QColor(0xc7, 0x7c, 0x02);
    case FileStatus::Deleted:
        return QColor(0xd0, 0x3b, 0x3b);
    case FileStatus::Renamed:
        return QColor(0x2f, 0x6f, 0xd6);
    case FileStatus::Ignored:
        return QColor(0x8a, 0x8a, 0x8a);
    case FileStatus::Conflicted:
        return QColor(0xb0, 0x2c, 0xc4);
    case FileStatus::Unmodified:
        break;
    }
    return QColor();
}

QString statusLetter(FileStatus status)
{
    switch (status) {
    case FileStatus::New:
        return QStringLiteral("A");
    case FileStatus::Modified:
        return QStringLiteral("M");
    case FileStatus::Deleted:
        return QStringLiteral("D");
    case FileStatus::Renamed:
        return QStringLiteral("R");
    case FileStatus::Ignored:
        return QStringLiteral("I");
    case FileStatus::Conflicted:
        return QStringLiteral("C");
    case FileStatus::Unmodified:
        break;
    }
    return QString();
}

QString statusDescription(FileStatus status)
{
    switch (status) {
    case FileStatus::New:
        return QObject::tr("New file, not committed yet");
    case FileStatus::Modified:
        return QObject::tr("Changed since the last commit");
    case FileStatus::Deleted:
        return QObject::tr("Deleted since the last commit");
    case FileStatus::Renamed:
        return QObject::tr("Renamed since the last commit");
    case FileStatus::Ignored:
        return QObject::tr("Ignored (.gitignore)");
    case FileStatus::Conflicted:
        return QObject::tr("In conflict");
    case FileStatus::Unmodified:
        break;
    }
    return QString();
}

QIcon statusIcon(FileStatus status)
{
    static QHash<int, QIcon> cache;
    if (status == FileStatus::Unmodified)
        return QIcon();
    auto it = cache.find(int(status));
    if (it != cache.end())
        return *it;
    constexpr int kSize = 32; // drawn large, scaled down crisply
    QPixmap pixmap(kSize, kSize);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(statusColor(status));
    painter.drawRoundedRect(QRectF(2, 2, kSize - 4, kSize - 4), 7, 7);
    QFont font = painter.font();
    font.setBold(true);
    font.setPixelSize(kSize * 2 / 3);
    painter.setFont(font);
    painter.setPen(Qt::white);
    painter.drawText(pixmap.rect(), Qt::AlignCenter, statusLetter(status));
    painter.end();
    return *cache.insert(int(status), QIcon(pixmap));
}

} // namespace bunny::vcsui
