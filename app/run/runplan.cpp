#include "run/runplan.h"

#include <QFileInfo>
#include <QObject>
#include <QStandardPaths>

namespace bunny::app {

namespace {

struct Toolchain
{
    const char *program;
    const char *package;
};

QString missing(const Toolchain &tool, const QString &language)
{
    return QObject::tr("Cannot run %1: \"%2\" is not installed. Install the Debian package %3 "
                       "(sudo apt install %3), or run ./packaging/setup-deps run.")
        .arg(language, QString::fromLatin1(tool.program), QString::fromLatin1(tool.package));
}

} // namespace

RunPlan planRun(const QString &language, const QString &filePath, const QString &buildDir)
{
    const QFileInfo file(filePath);
    const QString binary = buildDir + QStringLiteral("/program");
    RunPlan plan;
    auto need = [&](const Toolchain &tool) {
        const QString found = QStandardPaths::findExecutable(QString::fromLatin1(tool.program));
        if (found.isEmpty() && plan.error.isEmpty())
            plan.error = missing(tool, language);
        return found;
    };

    if (language == QLatin1String("python")) {
        plan.steps.append({need({"python3", "python3"}), {QStringLiteral("-u"), filePath}});
    } else if (language == QLatin1String("javascript")) {
        plan.steps.append({need({"node", "nodejs"}), {filePath}});
    } else if (language == QLatin1String("shell")) {
        plan.steps.append({need({"bash", "bash"}), {filePath}});
    } else if (language == QLatin1String("c")) {
        plan.steps.append({need({"gcc", "gcc"}),
                           {QStringLiteral("-std=c17"), QStringLiteral("-O1"), QStringLiteral("-Wall"),
                            QStringLiteral("-o"), binary, filePath, QStringLiteral("-lm")},
                           true});
        plan.steps.append({binary, {}});
    } else if (language == QLatin1String("cpp")) {
        plan.steps.append({need({"g++", "g++"}),
                           {QStringLiteral("-std=c++20"), QStringLiteral("-O1"), QStringLiteral("-Wall"),
                            QStringLiteral("-o"), binary, filePath},
                           true});
        plan.steps.append({binary, {}});
    } else if (language == QLatin1String("java")) {
        plan.steps.append(
            {need({"javac", "default-jdk-headless"}), {QStringLiteral("-d"), buildDir, filePath}, true});
        plan.steps.append({need({"java", "default-jdk-headless"}),
                           {QStringLiteral("-cp"), buildDir, file.completeBaseName()}});
    } else if (language == QLatin1String("go")) {
        plan.steps.append({need({"go", "golang-go"}), {QStringLiteral("run"), filePath}});
    } else if (language == QLatin1String("rust")) {
        plan.steps.append(
            {need({"rustc", "rustc"}),
             {QStringLiteral("--edition"), QStringLiteral("2021"), QStringLiteral("-o"), binary, filePath},
             true});
        plan.steps.append({binary, {}});
    } else {
        plan.error = QObject::tr("Bunny Code cannot run %1 files; run a Python, JavaScript, C, C++, "
                                 "Java, Go, Rust or shell file.")
                         .arg(file.fileName());
    }
    if (!plan.error.isEmpty())
        plan.steps.clear();
    return plan;
}

} // namespace bunny::app
