#pragma once

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QString>

namespace bunny::net {

class ApiCall;
class ApiClient;
struct ApiResponse;

/// Downloads a recording's content in HTTP Range pieces (GET /recordings/{id}/content with
/// `Range: bytes=a-b`), handing each piece on as it arrives, so a player can start before the
/// whole file is here. A lost connection resumes from the last byte received (up to 5 tries
/// with backoff).
class RecordingDownload : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 kDefaultChunk = 64 * 1024;

    RecordingDownload(ApiClient *api, QString recordingId, QObject *parent = nullptr);

    void setChunkSize(qint64 bytes) { m_chunk = bytes; }
    void start();
    void cancel();
    qint64 received() const { return m_received; }
    qint64 total() const { return m_total; }
    bool isFinished() const { return m_done; }

Q_SIGNALS:
    void chunkReceived(const QByteArray &bytes);
    void progress(qint64 received, qint64 total);
    void finished(bool ok, const QString &message);

private:
    void requestNext();
    void onAnswer(const ApiResponse &r);

    ApiClient *m_api;
    QString m_id;
    QPointer<ApiCall> m_call;
    qint64 m_chunk = kDefaultChunk;
    qint64 m_received = 0;
    qint64 m_total = -1;
    int m_failures = 0;
    bool m_done = false;
};

} // namespace bunny::net
