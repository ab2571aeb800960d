#pragma once

#include <QString>

namespace bunny::app {

/// What the settings dialog edits; persisted with QSettings under "editor/" and "recorder/".
struct EditorSettings
{
    QString fontFamily;
    int fontSize = 11;
    int tabWidth = 4;
    bool darkTheme = false;
    bool recorderEnabled = true;
    QString serverUrl = QStringLiteral("http://127.0.0.1:8737");

    static EditorSettings load();
    void save() const;
};

} // namespace bunny::app
