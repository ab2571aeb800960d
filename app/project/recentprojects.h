#pragma once

#include <QStringList>

namespace bunny::app {

/// The projects opened lately, newest first, persisted with QSettings.
namespace recentprojects {

constexpr int kMaxRecent = 10;

QStringList list();
/// Moves (or adds) a project to the front.
void add(const QString &projectPath);
/// The newest project that still exists, or empty.
QString last();
void clear();

} // namespace recentprojects
} // namespace bunny::app
