#include "net/recordingfilter.h"

#include "recording/document.h"
#include "recording/reader.h"
#include "recording/writer.h"

#include <QDir>
#include <QFile>
#include <QObject>
#include <QTemporaryDir>

#include <optional>
#include <set>

namespace bunny::net {

namespace {
/// What to write instead of `e`, given the document before it (nothing, `e` itself, or a
/// replacement that keeps the filtered recording valid).
std::optional<rec::Event> filtered(const rec::Event &e, const rec::Document &before,
                                   const std::function<bool(const QString &)> &exclude,
                                   std::set<std::string> &removed)
{
    using rec::Code;
    const auto hidden = [&](const std::string &p) {
        if (p.empty() || !exclude(QString::fromStdString(p)))
            return false;
        removed.insert(p);
        return true;
    };
    switch (e.code) {
    case Code::Output:
        return e;
    case Code::Rename: {
        const bool from = hidden(e.path), to = hidden(e.arg);
        if (from && to)
            return std::nullopt;
        if (to) // the visible file goes where it can no longer be seen
            return rec::Event::remove(e.t, e.path);
        if (from) { // a hidden file comes into view with the text it has now
            const std::string *text = before.text(e.path);
            return rec::Event::keyframe(e.t, e.arg, text ? *text : std::string());
        }
        return e;
    }
    default:
        if (hidden(e.path))
            return std::nullopt;
        return e;
    }
}
} // namespace

Result<FilteredRecording> filterRecording(const QString &path,
                                          const std::function<bool(const QString &)> &exclude)
{
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly))
        return makeError(
            QObject::tr("Cannot read the recording %1.").arg(QDir::toNativeSeparators(path)).toStdString());

    // First pass only looks: most recordings hold no excluded file and go up unchanged.
    rec::Document doc;
    std::set<std::string> removed;
    std::vector<rec::Event> kept;
    rec::Reader reader([&](const rec::Event &e, std::size_t) -> Result<void> {
        if (auto out = filtered(e, doc, exclude, removed))
            kept.push_back(std::move(*out));
        (void)doc.apply(e); // only followed for the text a rename out of hiding carries
        return {};
    });
    while (!in.atEnd()) {
        const QByteArray chunk = in.read(1 << 16);
        if (auto r = reader.feed(std::string_view(chunk.constData(), size_t(chunk.size()))); !r)
            return makeError(
                QObject::tr("%1: %2").arg(path, QString::fromStdString(r.message())).toStdString());
    }
    if (auto r = reader.finish(); !r)
        return makeError(QObject::tr("%1: %2").arg(path, QString::fromStdString(r.message())).toStdString());

    FilteredRecording result;
    if (removed.empty() || !reader.header())
        return result;
    for (const auto &p : removed)
        result.removedPaths << QString::fromStdString(p);

    QTemporaryDir tmp;
    const std::string out = (tmp.path() + "/filtered.bunnyrec").toStdString();
    auto writer = rec::Writer::create(out, *reader.header(), rec::WriterOptions{false, {}, false});
    if (!writer)
        return writer.error();
    for (const auto &e : kept)
        if (auto r = (*writer)->append(e); !r)
            return r.error();
    if (auto r = (*writer)->close(); !r)
        return r.error();
    QFile written(QString::fromStdString(out));
    if (!written.open(QIODevice::ReadOnly))
        return makeError(QObject::tr("Cannot read back the filtered recording.").toStdString());
    result.bytes = written.readAll();
    return result;
}

} // namespace bunny::net
