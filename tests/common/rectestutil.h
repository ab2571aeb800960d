#pragma once

// Helpers for tests of recordings: building headers and files, reading files back.

#include <recording/header.h>

#include <QFile>
#include <QString>

#include <string>

namespace bunny::test {

inline rec::Header sampleHeader(const std::string &title = "sample")
{
    rec::Header h;
    h.id = "0b6f4c1e-5a57-4f65-8f39-3c1d6bd0f1a2";
    h.started = "2026-11-29T05:00:00Z";
    h.title = title;
    h.author = "ada";
    h.language = "python";
    return h;
}

inline std::string readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray bytes = f.readAll();
    return std::string(bytes.constData(), static_cast<std::size_t>(bytes.size()));
}

inline bool writeAll(const QString &path, const std::string &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) &&
           f.write(bytes.data(), static_cast<qint64>(bytes.size())) == static_cast<qint64>(bytes.size());
}

} // namespace bunny::test
