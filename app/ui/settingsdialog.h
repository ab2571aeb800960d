#pragma once

#include "editor/editorsettings.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QFontComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace bunny::app {

/// Edits EditorSettings; the caller saves and applies them when the dialog is accepted.
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SettingsDialog(const EditorSettings &settings, QWidget *parent = nullptr);
    EditorSettings settings() const;
    /// Checks the server address first; a bad one keeps the dialog open with the reason.
    void accept() override;
    QString serverError() const;

private:
    QFontComboBox *m_font = nullptr;
    QSpinBox *m_size = nullptr;
    QSpinBox *m_tabWidth = nullptr;
    QComboBox *m_theme = nullptr;
    QCheckBox *m_recorder = nullptr;
    QLineEdit *m_server = nullptr;
    QLabel *m_serverError = nullptr;
};

} // namespace bunny::app
