#include "net/tarextractor.h"

#include "recording/gzip.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <vector>

namespace bunny::net {

namespace {
constexpr int kBlock = 512;

struct Entry
{
    QString path;
    bool dir = false;
    bool executable = false;
    qint64 offset = 0;
    qint64 size = 0;
};

QByteArray field(const char *h, int offset, int width)
{
    const QByteArray raw(h + offset, width);
    const int nul = int(raw.indexOf('\0'));
    return nul < 0 ? raw : raw.left(nul);
}

bool octal(const char *h, int offset, int width, qint64 &out)
{
    const QByteArray text = field(h, offset, width).trimmed();
    bool ok = text.isEmpty();
    out = text.isEmpty() ? 0 : text.toLongLong(&ok, 8);
    return ok && out >= 0;
}

Error fail(const QString &text)
{
    return makeError(text.toStdString());
}

Result<QByteArray> gunzipCapped(const QByteArray &gz, qint64 maxBytes)
{
    rec::detail::Inflater inflater;
    std::string out;
    constexpr qsizetype kChunk = 1 << 16;
    for (qsizetype at = 0; at < gz.size(); at += kChunk) {
        const auto piece =
            std::string_view(gz.constData() + at, std::size_t(std::min(kChunk, gz.size() - at)));
        if (auto r = inflater.feed(piece, out); !r)
            return fail(QObject::tr("The archive's gzip data is damaged (%1).")
                            .arg(QString::fromStdString(r.message())));
        if (qint64(out.size()) > maxBytes)
            return fail(QObject::tr("The archive unpacks to more than %1 MiB.").arg(maxBytes >> 20));
    }
    if (inflater.midStream())
        return fail(QObject::tr("The archive is truncated."));
    return QByteArray(out.data(), qsizetype(out.size()));
}

QString paxPath(const QByteArray &records)
{
    QString path;
    qsizetype at = 0;
    while (at < records.size()) {
        const qsizetype space = records.indexOf(' ', at);
        if (space < 0)
            break;
        bool ok = false;
        const qsizetype len = records.mid(at, space - at).toLongLong(&ok);
        if (!ok || len <= 0 || at + len > records.size())
            break;
        const QByteArray kv = records.mid(space + 1, len - (space - at) - 2);
        if (kv.startsWith("path="))
            path = QString::fromUtf8(kv.mid(5));
        at += len;
    }
    return path;
}
} // namespace

bool TarExtractor::safePath(const QString &path)
{
    if (path.isEmpty() || path.startsWith('/') || path.contains('\\') || path.contains(QChar(0)))
        return false;
    if (path.size() >= 2 && path[1] == ':') // C:foo on any platform is not ours to write
        return false;
    const QStringList parts = path.split('/', Qt::SkipEmptyParts);
    if (parts.isEmpty())
        return false;
    for (const QString &part : parts)
        if (part == QLatin1String(".."))
            return false;
    const QString first = parts.first() == QLatin1String(".") && parts.size() > 1 ? parts[1] : parts.first();
    return first != QLatin1String(".git") && first != QLatin1String(".bunny");
}

Result<QStringList> TarExtractor::extract(const QByteArray &targz, const QString &dir, qint64 maxBytes)
{
    auto tar = gunzipCapped(targz, maxBytes);
    if (!tar)
        return tar.error();
    const QByteArray &data = *tar;

    // Pass 1: read and check every header; nothing touches the disk until all are fine.
    std::vector<Entry> entries;
    QString pendingName;
    qint64 at = 0;
    while (at + kBlock <= data.size()) {
        const char *h = data.constData() + at;
        if (std::all_of(h, h + kBlock, [](char c) { return c == 0; }))
            break;
        qint64 size = 0, sum = 0;
        if (!octal(h, 124, 12, size) || !octal(h, 148, 8, sum))
            return fail(QObject::tr("The archive has a damaged header at byte %1.").arg(at));
        unsigned computed = 0;
        for (int i = 0; i < kBlock; ++i)
            computed += (i >= 148 && i < 156) ? unsigned(' ') : static_cast<unsigned char>(h[i]);
        if (computed != unsigned(sum))
            return fail(QObject::tr("The archive has a bad header checksum at byte %1.").arg(at));
        const char type = h[156];
        const qint64 body = at + kBlock;
        if (body + size > data.size())
            return fail(QObject::tr("The archive is truncated."));
        const qint64 next = body + (size + kBlock - 1) / kBlock * kBlock;
        QString name = QString::fromUtf8(field(h, 0, 100));
        const QByteArray prefix = field(h, 345, 155);
        if (field(h, 257, 5) == "ustar" && !prefix.isEmpty())
            name = QString::fromUtf8(prefix) + '/' + name;
        if (!pendingName.isEmpty()) {
            name = pendingName;
            pendingName.clear();
        }
        if (type == 'x' || type == 'L') {
            const QByteArray payload = data.mid(body, size);
            pendingName =
                type == 'x' ? paxPath(payload) : QString::fromUtf8(field(payload.constData(), 0, int(size)));
            at = next;
            continue;
        }
        if (type == 'g') { // global PAX header: nothing we use
            at = next;
            continue;
        }
        if (type != '0' && type != '\0' && type != '5' && type != '7')
            return fail(
                QObject::tr("The archive entry '%1' is a link or a device; it was not unpacked.").arg(name));
        if (!safePath(name))
            return fail(
                QObject::tr("The archive entry '%1' would land outside the project; nothing was unpacked.")
                    .arg(name));
        qint64 mode = 0;
        octal(h, 100, 8, mode);
        Entry e;
        e.path = QDir::cleanPath(name);
        e.dir = type == '5';
        e.executable = (mode & 0100) != 0;
        e.offset = body;
        e.size = e.dir ? 0 : size;
        entries.push_back(e);
        at = next;
    }

    // Pass 2: write. A path that is both a file and a folder fails at the OS, with its name.
    QDir root(dir);
    if (!root.mkpath(QStringLiteral(".")))
        return fail(QObject::tr("Cannot create the folder %1.").arg(dir));
    QStringList written;
    for (const Entry &e : entries) {
        const QString target = root.filePath(e.path);
        if (e.dir) {
            if (!root.mkpath(e.path))
                return fail(QObject::tr("Cannot create the folder %1.").arg(target));
            continue;
        }
        root.mkpath(QFileInfo(e.path).path());
        QSaveFile file(target);
        if (!file.open(QIODevice::WriteOnly) || file.write(data.constData() + e.offset, e.size) != e.size ||
            !file.commit())
            return fail(QObject::tr("Cannot write %1: %2").arg(target, file.errorString()));
        if (e.executable)
            QFile::setPermissions(target,
                                  QFile::permissions(target) | QFileDevice::ExeOwner | QFileDevice::ExeUser);
        written << e.path;
    }
    return written;
}

} // namespace bunny::net
