#pragma once

#include <QString>
#include <QStringList>

namespace bunny::app {

/// One program to start: compile steps first, then the program itself.
struct RunStep
{
    QString program;
    QStringList arguments;
    bool compile = false;
};

/// How to run one file locally. Either steps, or an error a user can read (an unsupported
/// language, or a missing toolchain with the package that provides it).
struct RunPlan
{
    QList<RunStep> steps;
    QString error;
};

/// Plans a run of `filePath` in `language` (see languageForFile), building into `buildDir`.
/// Looks up every program on PATH now, so a missing toolchain is reported before anything runs.
RunPlan planRun(const QString &language, const QString &filePath, const QString &buildDir);

} // namespace bunny::app
