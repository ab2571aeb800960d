#pragma once

#include <core/result.h>
#include <recording/document.h>

#include <QString>

namespace bunny::app {

/// Whether a path from a recording may be written under a folder: relative, no "..", no .git.
bool isSafeRelativePath(const std::string &path);

/// Writes every file of `document` into `dir` (missing or empty), then makes `dir` a git
/// repository with one commit of everything, with `message`.
[[nodiscard]] Result<void> writeFork(const rec::Document &document, const QString &dir,
                                     const QString &message);

} // namespace bunny::app
