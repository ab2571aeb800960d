#include "editor/editorsettings.h"

#include <QFontDatabase>
#include <QSettings>

#include <algorithm>

namespace bunny::app {

EditorSettings EditorSettings::load()
{
    const QSettings settings;
    EditorSettings s;
    s.fontFamily = settings
                       .value(QStringLiteral("editor/fontFamily"),
                              QFontDatabase::systemFont(QFontDatabase::FixedFont).family())
                       .toString();
    // Out-of-range values in a hand-edited file fall back to sane bounds instead of an
    // unreadable editor.
    s.fontSize = std::clamp(settings.value(QStringLiteral("editor/fontSize"), s.fontSize).toInt(), 6, 72);
    s.tabWidth = std::clamp(settings.value(QStringLiteral("editor/tabWidth"), s.tabWidth).toInt(), 1, 16);
    s.darkTheme = settings.value(QStringLiteral("editor/darkTheme"), s.darkTheme).toBool();
    s.recorderEnabled = settings.value(QStringLiteral("recorder/enabled"), s.recorderEnabled).toBool();
    s.serverUrl = settings.value(QStringLiteral("net/serverUrl"), s.serverUrl).toString();
    return s;
}

void EditorSettings::save() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("editor/fontFamily"), fontFamily);
    settings.setValue(QStringLiteral("editor/fontSize"), fontSize);
    settings.setValue(QStringLiteral("editor/tabWidth"), tabWidth);
    settings.setValue(QStringLiteral("editor/darkTheme"), darkTheme);
    settings.setValue(QStringLiteral("recorder/enabled"), recorderEnabled);
    settings.setValue(QStringLiteral("net/serverUrl"), serverUrl);
}

} // namespace bunny::app
