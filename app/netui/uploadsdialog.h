#pragma once

#include <QDialog>

class QPushButton;
class QTreeWidget;

namespace bunny::net {
class AccountSession;
class UploadQueue;
} // namespace bunny::net

namespace bunny::netui {

/// The upload queue as a list: each publish with its state (sending, queued, waiting for another
/// account or server, failed, published), its last error and the account and server it belongs
/// to; Retry puts a failed or waiting job back to now, Remove drops it and its spool.
class UploadsDialog : public QDialog
{
    Q_OBJECT
public:
    UploadsDialog(net::UploadQueue *queue, net::AccountSession *session, QWidget *parent = nullptr);

    /// One line per job, columns joined by tabs: project, state, error, account@server.
    QStringList rows() const;
    /// Selects the row of the job with this id (for tests).
    void select(const QString &jobId);
    QPushButton *retryButton() const { return m_retry; }
    QPushButton *removeButton() const { return m_remove; }

private:
    void refresh();
    void updateButtons();
    QString selectedJob() const;

    net::UploadQueue *m_queue;
    net::AccountSession *m_session;
    QTreeWidget *m_list = nullptr;
    QPushButton *m_retry = nullptr;
    QPushButton *m_remove = nullptr;
};

} // namespace bunny::netui
