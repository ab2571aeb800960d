#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

namespace bunny::net {

/// One publish waiting in (or done by) the UploadQueue. Every remote id is written down as soon
/// as the server answers, so a restart resumes at the next step; each step is idempotent on the
/// server (project found by name, version by commit, recording by sha256), so a step whose
/// answer was lost is simply sent again.
struct UploadJob
{
    enum class State { Pending, Done, Failed };

    struct Recording
    {
        QString file; ///< spooled copy under the queue folder
        QString title;
        QString sha256;
        qint64 size = 0;
        QString remoteId; ///< set once uploaded
        /// The server has it with the job's visibility (an earlier upload of the same bytes
        /// may have been made with the other one: then a PATCH follows).
        bool visibilitySet = false;
    };

    QString id;
    QString server;    ///< base URL it goes to
    QString accountId; ///< the account that asked; others never send it
    QString username;
    QString projectDir;
    QString projectName;
    QString visibility = QStringLiteral("private");
    QString commit;
    QString message;
    QString archiveFile; ///< spooled tar.gz
    QString archiveSha256;
    qint64 archiveSize = 0;
    QList<Recording> recordings;

    QString projectId;                 ///< set once the project is found or made
    bool projectVisibilitySet = false; ///< the project (and so its versions) has `visibility`
    QString versionId;                 ///< set once the version is stored
    State state = State::Pending;
    int attempts = 0;
    qint64 nextAttemptMs = 0; ///< epoch ms; 0 = now
    QString lastError;
    qint64 createdMs = 0;

    qint64 totalBytes() const;
    QJsonObject toJson() const;
    static UploadJob fromJson(const QJsonObject &o);
};

} // namespace bunny::net
