#include "netui/uploadsdialog.h"

#include "net/accountsession.h"
#include "net/apiclient.h"
#include "net/uploadqueue.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace bunny::netui {

namespace {
constexpr int kIdRole = Qt::UserRole;

QString stateText(const net::UploadJob &job, bool ours, bool sending)
{
    switch (job.state) {
    case net::UploadJob::State::Done:
        return UploadsDialog::tr("published");
    case net::UploadJob::State::Failed:
        return UploadsDialog::tr("failed");
    case net::UploadJob::State::Pending:
        break;
    }
    if (!ours) // only the account that queued it sends it, to the server it was meant for
        return UploadsDialog::tr("waiting for %1 to sign in on that server").arg(job.username);
    if (sending)
        return UploadsDialog::tr("sending");
    if (job.nextAttemptMs > QDateTime::currentMSecsSinceEpoch())
        return UploadsDialog::tr("queued, next try %1")
            .arg(QDateTime::fromMSecsSinceEpoch(job.nextAttemptMs).toString(QStringLiteral("HH:mm:ss")));
    return UploadsDialog::tr("queued");
}
} // namespace

UploadsDialog::UploadsDialog(net::UploadQueue *queue, net::AccountSession *session, QWidget *parent)
    : QDialog(parent)
    , m_queue(queue)
    , m_session(session)
{
    setWindowTitle(tr("Uploads"));
    setObjectName(QStringLiteral("uploadsDialog"));
    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("uploadsList"));
    m_list->setRootIsDecorated(false);
    m_list->setHeaderLabels({tr("Project"), tr("State"), tr("Last error"), tr("Account and server")});
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    auto *hint = new QLabel(tr("Publishes wait here while the server is away or another account's work "
                               "is queued; each goes to the server and account it was published for."),
                            this);
    hint->setWordWrap(true);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_retry = buttons->addButton(tr("Retry"), QDialogButtonBox::ActionRole);
    m_remove = buttons->addButton(tr("Remove"), QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_retry, &QPushButton::clicked, this, [this] { m_queue->retry(selectedJob()); });
    connect(m_remove, &QPushButton::clicked, this, [this] { m_queue->remove(selectedJob()); });
    connect(m_list, &QTreeWidget::itemSelectionChanged, this, &UploadsDialog::updateButtons);
    connect(m_queue, &net::UploadQueue::jobsChanged, this, &UploadsDialog::refresh);
    connect(m_queue, &net::UploadQueue::idle, this, &UploadsDialog::refresh);
    // Another app instance may queue or send meanwhile: look at queue.json now and then.
    auto *poll = new QTimer(this);
    connect(poll, &QTimer::timeout, m_queue, &net::UploadQueue::reload);
    poll->start(1000);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(hint);
    layout->addWidget(m_list, 1);
    layout->addWidget(buttons);
    resize(760, 360);
    refresh();
}

void UploadsDialog::refresh()
{
    const QString keep = selectedJob();
    const QString server = m_session->api()->baseUrl().toString();
    m_list->clear();
    const auto jobs = m_queue->jobs();
    // Newest first: what was just published is what one looks for.
    for (auto it = jobs.crbegin(); it != jobs.crend(); ++it) {
        const net::UploadJob &job = *it;
        const bool ours = job.accountId == m_session->account().id && job.server == server;
        auto *item = new QTreeWidgetItem(
            m_list,
            {job.projectName + QStringLiteral(" (") + job.commit.left(7) + QLatin1Char(')'),
             stateText(job, ours, m_queue->isBusy() && job.state == net::UploadJob::State::Pending && ours),
             job.lastError, job.username + QStringLiteral(" @ ") + job.server});
        item->setData(0, kIdRole, job.id);
        item->setToolTip(2, job.lastError);
        if (job.id == keep)
            item->setSelected(true);
    }
    updateButtons();
}

void UploadsDialog::updateButtons()
{
    const QString id = selectedJob();
    net::UploadJob job;
    for (const auto &j : m_queue->jobs())
        if (j.id == id)
            job = j;
    m_retry->setEnabled(!id.isEmpty() && job.state != net::UploadJob::State::Done);
    m_remove->setEnabled(!id.isEmpty());
}

QString UploadsDialog::selectedJob() const
{
    const auto items = m_list->selectedItems();
    return items.isEmpty() ? QString() : items.first()->data(0, kIdRole).toString();
}

void UploadsDialog::select(const QString &jobId)
{
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_list->topLevelItem(i);
        item->setSelected(item->data(0, kIdRole).toString() == jobId);
    }
}

QStringList UploadsDialog::rows() const
{
    QStringList out;
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = m_list->topLevelItem(i);
        out << QStringList{item->text(0), item->text(1), item->text(2), item->text(3)}.join(
            QLatin1Char('\t'));
    }
    return out;
}

} // namespace bunny::netui
