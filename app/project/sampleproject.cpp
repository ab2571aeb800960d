#include "project/sampleproject.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>

namespace bunny::app {

namespace {

const char kHello[] = R"(# Welcome to Bunny Code.
# Everything you type here is recorded, so you can replay how this file was written.

def greet(name: str) -> str:
    return f"Hello, {name}!"


if __name__ == "__main__":
    print(greet("bunny"))
)";

const char kReadme[] = R"(# Sample project

A small project to try Bunny Code with. Edit `hello.py`, run it, and replay your session.
)";

void writeIfMissing(const QDir &dir, const QString &name, const char *text)
{
    QFile file(dir.filePath(name));
    if (file.exists())
        return;
    if (file.open(QIODevice::WriteOnly))
        file.write(text);
}

} // namespace

QString ensureSampleProject()
{
    const QString root =
        QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/sample");
    QDir dir;
    dir.mkpath(root);
    dir.setPath(root);
    writeIfMissing(dir, QStringLiteral("hello.py"), kHello);
    writeIfMissing(dir, QStringLiteral("README.md"), kReadme);
    return root;
}

} // namespace bunny::app
