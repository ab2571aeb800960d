#pragma once

#include <core/result.h>
#include <recording/document.h>

#include <QFuture>
#include <QString>

namespace bunny::app {

/// Whether a path from a recording may be written under a folder: relative, no "..", no .git.
bool isSafeRelativePath(const std::string &path);

/// Writes every file of `document` into `dir` (missing or empty), then makes `dir` a git
/// repository with one commit of everything, with `message`, by vcs::AuthorSettings::author()
/// (as the commit dialog proposes: settings, else the signed-in account, else the login name).
[[nodiscard]] Result<void> writeFork(const rec::Document &document, const QString &dir,
                                     const QString &message);
/// writeFork() on a pool thread, with its own copy of `document`: file writes and libgit2 stay
/// off the UI thread.
[[nodiscard]] QFuture<Result<void>> writeForkInBackground(rec::Document document, const QString &dir,
                                                          const QString &message);

} // namespace bunny::app
