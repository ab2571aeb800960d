#include "project/recentprojects.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace bunny::app::recentprojects {

namespace {
const QString kKey = QStringLiteral("projects/recent");
}

QStringList list()
{
    return QSettings().value(kKey).toStringList();
}

void add(const QString &projectPath)
{
    const QString clean = QDir::cleanPath(projectPath);
    QStringList projects = list();
    projects.removeAll(clean);
    projects.prepend(clean);
    while (projects.size() > kMaxRecent)
        projects.removeLast();
    QSettings().setValue(kKey, projects);
}

QString last()
{
    const QStringList projects = list();
    for (const QString &project : projects) {
        if (QFileInfo(project).isDir())
            return project;
    }
    return {};
}

void clear()
{
    QSettings().remove(kKey);
}

} // namespace bunny::app::recentprojects
