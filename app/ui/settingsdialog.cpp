#include "ui/settingsdialog.h"

#include "net/apiclient.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>

namespace bunny::app {

SettingsDialog::SettingsDialog(const EditorSettings &settings, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Settings"));
    m_font = new QFontComboBox(this);
    m_font->setFontFilters(QFontComboBox::MonospacedFonts);
    m_font->setCurrentFont(QFont(settings.fontFamily));
    m_size = new QSpinBox(this);
    m_size->setRange(6, 72);
    m_size->setValue(settings.fontSize);
    m_tabWidth = new QSpinBox(this);
    m_tabWidth->setRange(1, 16);
    m_tabWidth->setValue(settings.tabWidth);
    m_theme = new QComboBox(this);
    m_theme->addItem(tr("Light"));
    m_theme->addItem(tr("Dark"));
    m_theme->setCurrentIndex(settings.darkTheme ? 1 : 0);
    m_recorder = new QCheckBox(tr("Record new projects by default"), this);
    m_recorder->setChecked(settings.recorderEnabled);
    m_server = new QLineEdit(settings.serverUrl, this);
    m_server->setObjectName(QStringLiteral("serverUrl"));

    auto *form = new QFormLayout(this);
    form->addRow(tr("Font:"), m_font);
    form->addRow(tr("Font size:"), m_size);
    form->addRow(tr("Tab width:"), m_tabWidth);
    form->addRow(tr("Theme:"), m_theme);
    form->addRow(tr("Recorder:"), m_recorder);
    form->addRow(tr("Server URL:"), m_server);
    m_serverError = new QLabel(this);
    m_serverError->setObjectName(QStringLiteral("serverUrlError"));
    m_serverError->setStyleSheet(QStringLiteral("color: #c0392b;"));
    m_serverError->setWordWrap(true);
    m_serverError->hide();
    form->addRow(QString(), m_serverError);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void SettingsDialog::accept()
{
    auto url = net::ApiClient::parseServerUrl(m_server->text());
    if (!url) {
        m_serverError->setText(QString::fromStdString(url.message()));
        m_serverError->show();
        m_server->setFocus();
        return;
    }
    m_server->setText(url->toString()); // what the app will use is what the settings show
    m_serverError->hide();
    QDialog::accept();
}

QString SettingsDialog::serverError() const
{
    return m_serverError->isHidden() ? QString() : m_serverError->text();
}

EditorSettings SettingsDialog::settings() const
{
    EditorSettings s;
    s.fontFamily = m_font->currentFont().family();
    s.fontSize = m_size->value();
    s.tabWidth = m_tabWidth->value();
    s.darkTheme = m_theme->currentIndex() == 1;
    s.recorderEnabled = m_recorder->isChecked();
    s.serverUrl = m_server->text().trimmed();
    return s;
}

} // namespace bunny::app
