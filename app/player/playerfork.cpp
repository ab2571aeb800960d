#include "player/playerfork.h"

#include <vcs/authorsettings.h>
#include <vcs/repository.h>

#include <QDir>
#include <QFileInfo>
#include <QPromise>
#include <QSaveFile>
#include <QThreadPool>

#include <memory>

namespace bunny::app {

bool isSafeRelativePath(const std::string &path)
{
    if (path.empty() || path.front() == '/' || path.find('\\') != std::string::npos ||
        path.find('\0') != std::string::npos)
        return false;
    std::size_t start = 0;
    while (start <= path.size()) {
        const std::size_t end = std::min(path.find('/', start), path.size());
        const std::string_view part(path.data() + start, end - start);
        if (part.empty() || part == "." || part == ".." || part == ".git")
            return false;
        start = end + 1;
    }
    return true;
}

Result<void> writeFork(const rec::Document &document, const QString &dir, const QString &message)
{
    const QDir root(dir);
    if (root.exists() && !root.isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden))
        return makeError("The folder " + dir.toStdString() + " is not empty; choose a new or empty folder.");
    if (!QDir().mkpath(dir))
        return makeError("Cannot create the folder " + dir.toStdString() + ".");
    for (const auto &[path, text] : document.files()) {
        if (!isSafeRelativePath(path))
            return makeError("The recording names a file outside the project (\"" + path +
                             "\"); nothing was forked.");
    }
    for (const auto &[path, text] : document.files()) {
        const QString target = root.filePath(QString::fromStdString(path));
        if (!QDir().mkpath(QFileInfo(target).absolutePath()))
            return makeError("Cannot create the folder for " + path + ".");
        QSaveFile file(target);
        if (!file.open(QIODevice::WriteOnly) ||
            file.write(text.data(), qint64(text.size())) != qint64(text.size()) || !file.commit())
            return makeError("Cannot write " + path + ": " + file.errorString().toStdString());
    }
    auto repository = vcs::Repository::init(dir);
    if (!repository)
        return makeError(repository.message());
    const vcs::Person author = vcs::AuthorSettings::author();
    auto commit = repository->commitAll(message, author.name, author.email);
    if (!commit)
        return makeError(commit.message());
    return {};
}

QFuture<Result<void>> writeForkInBackground(rec::Document document, const QString &dir,
                                            const QString &message)
{
    auto promise = std::make_shared<QPromise<Result<void>>>();
    QFuture<Result<void>> future = promise->future();
    promise->start();
    QThreadPool::globalInstance()->start([promise, document = std::move(document), dir, message] {
        promise->addResult(writeFork(document, dir, message));
        promise->finish();
    });
    return future;
}

} // namespace bunny::app
