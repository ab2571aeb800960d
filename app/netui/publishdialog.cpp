#include "netui/publishdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace bunny::netui {

PublishDialog::PublishDialog(const net::PublishPlan &plan, const QString &server, const QString &username,
                             QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Publish %1").arg(plan.projectName));
    setObjectName(QStringLiteral("publishDialog"));
    const QLocale locale;

    qint64 fileBytes = 0, recBytes = 0;
    for (const auto &f : plan.files)
        fileBytes += f.size;
    for (const auto &r : plan.recordings)
        recBytes += r.size;

    auto *head =
        new QLabel(tr("<b>%1</b> at commit <tt>%2</tt> “%3”<br>to <b>%4</b> as <b>%5</b>")
                       .arg(plan.projectName.toHtmlEscaped(), plan.shortId, plan.subject.toHtmlEscaped(),
                            server.toHtmlEscaped(), username.toHtmlEscaped()),
                   this);
    head->setWordWrap(true);

    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("publishPreview"));
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("What leaves this machine"), tr("Size")});
    // Paths and section titles get the room; sizes only what they need.
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_tree->setRootIsDecorated(true);
    auto *files = new QTreeWidgetItem(
        m_tree, {tr("Files of the commit (%1)").arg(plan.files.size()), locale.formattedDataSize(fileBytes)});
    for (const auto &f : plan.files)
        new QTreeWidgetItem(files, {f.path, locale.formattedDataSize(f.size)});
    QStringList stripped; // files ignored now that sessions saw: their edits stay home
    for (const auto &r : plan.recordings)
        for (const auto &p : r.removedPaths)
            if (!stripped.contains(p))
                stripped << p;
    QString recTitle = tr("Recordings that led to it (%1)").arg(plan.recordings.size());
    if (!stripped.isEmpty())
        recTitle += tr(": %1's edits removed").arg(stripped.join(QStringLiteral(", ")));
    auto *recs = new QTreeWidgetItem(m_tree, {recTitle, locale.formattedDataSize(recBytes)});
    for (const auto &r : plan.recordings) {
        auto *item = new QTreeWidgetItem(recs, {r.fileName, locale.formattedDataSize(r.size)});
        for (const auto &p : r.removedPaths) {
            auto *gone =
                new QTreeWidgetItem(item, {tr("%1's edits removed (ignored)").arg(p), tr("not sent")});
            gone->setForeground(0, palette().brush(QPalette::Disabled, QPalette::Text));
            item->setExpanded(true);
        }
    }
    auto *left = new QTreeWidgetItem(
        m_tree,
        {tr("Left out: ignored, .bunnyignore, secrets, links (%1)").arg(plan.leftOut.size()), QString()});
    for (const auto &p : plan.leftOut) {
        auto *item = new QTreeWidgetItem(left, {p, tr("not sent")});
        item->setForeground(0, palette().brush(QPalette::Disabled, QPalette::Text));
    }
    files->setExpanded(true);
    recs->setExpanded(true);
    left->setExpanded(true);

    m_visibility = new QComboBox(this);
    m_visibility->setObjectName(QStringLiteral("publishVisibility"));
    m_visibility->addItem(tr("Private — only you can see it"), QStringLiteral("private"));
    m_visibility->addItem(tr("Public — anyone can find, replay and fork it"), QStringLiteral("public"));

    m_summary = new QLabel(tr("%1 in %2 files and %3 recordings. Sent in the background; if the server "
                              "is unreachable it waits in the upload queue and goes when it is back.")
                               .arg(locale.formattedDataSize(plan.archive.size() + recBytes))
                               .arg(plan.files.size())
                               .arg(plan.recordings.size()),
                           this);
    m_summary->setWordWrap(true);

    // Versions have no visibility of their own on the server: they follow their project.
    auto *scope = new QLabel(tr("Applies to the whole project <b>%1</b> on the server: every version "
                                "published so far and this one, and the recordings sent with it.")
                                 .arg(plan.projectName.toHtmlEscaped()),
                             this);
    scope->setObjectName(QStringLiteral("publishVisibilityScope"));
    scope->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("Visibility:"), m_visibility);
    form->addRow(QString(), scope);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    auto *publish = buttons->addButton(tr("Publish"), QDialogButtonBox::AcceptRole);
    publish->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(head);
    layout->addWidget(m_tree, 1);
    layout->addLayout(form);
    layout->addWidget(m_summary);
    layout->addWidget(buttons);
    resize(620, 520);
}

QString PublishDialog::visibility() const
{
    return m_visibility->currentData().toString();
}

void PublishDialog::setVisibility(const QString &visibility)
{
    m_visibility->setCurrentIndex(visibility == QLatin1String("public") ? 1 : 0);
}

QStringList PublishDialog::previewRows() const
{
    static const char *sections[] = {"file", "recording", "left-out"};
    QStringList rows;
    for (int s = 0; s < m_tree->topLevelItemCount() && s < 3; ++s) {
        const QTreeWidgetItem *top = m_tree->topLevelItem(s);
        for (int i = 0; i < top->childCount(); ++i)
            rows << QString::fromLatin1(sections[s]) + '\t' + top->child(i)->text(0);
    }
    return rows;
}

} // namespace bunny::netui
