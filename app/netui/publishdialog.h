#pragma once

#include "net/publishplan.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QTreeWidget;

namespace bunny::netui {

/// The preview before publishing: every file and recording that will leave the machine, with
/// sizes, what is left out and why, where it goes and as whom; public or private.
class PublishDialog : public QDialog
{
    Q_OBJECT
public:
    PublishDialog(const net::PublishPlan &plan, const QString &server, const QString &username,
                  QWidget *parent = nullptr);

    QString visibility() const;
    void setVisibility(const QString &visibility);
    /// The preview's rows as "<section>\t<path>" (for tests and screenshots).
    QStringList previewRows() const;

private:
    QTreeWidget *m_tree = nullptr;
    QComboBox *m_visibility = nullptr;
    QLabel *m_summary = nullptr;
};

} // namespace bunny::netui
