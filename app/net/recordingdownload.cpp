#include "net/recordingdownload.h"

#include "net/apiclient.h"

#include <QTimer>

namespace bunny::net {

RecordingDownload::RecordingDownload(ApiClient *api, QString recordingId, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_id(std::move(recordingId))
{}

void RecordingDownload::start()
{
    m_received = 0;
    m_total = -1;
    m_failures = 0;
    m_done = false;
    requestNext();
}

void RecordingDownload::cancel()
{
    m_done = true;
    if (m_call)
        m_call->abort();
}

void RecordingDownload::requestNext()
{
    ApiRequest request;
    request.path = QStringLiteral("/recordings/%1/content").arg(m_id);
    request.headers.append({"Range", QByteArray("bytes=") + QByteArray::number(m_received) + '-' +
                                         QByteArray::number(m_received + m_chunk - 1)});
    // The server stores recordings uncompressed; ask for them that way so offsets stay byte offsets.
    request.headers.append(qMakePair(QByteArray("Accept-Encoding"), QByteArray("identity")));
    m_call = m_api->send(request);
    connect(m_call, &ApiCall::finished, this, &RecordingDownload::onAnswer);
}

void RecordingDownload::onAnswer(const ApiResponse &r)
{
    m_call = nullptr;
    if (m_done)
        return;
    if (r.status == 416 && m_total < 0 && m_received == 0) { // an empty recording
        m_done = true;
        m_total = 0;
        Q_EMIT progress(0, 0);
        Q_EMIT finished(true, {});
        return;
    }
    if (!r.ok()) {
        if ((r.unreachable() || r.status >= 500) && ++m_failures <= 5) {
            QTimer::singleShot(250 << m_failures, this, &RecordingDownload::requestNext);
            return;
        }
        m_done = true;
        Q_EMIT finished(false, r.errorMessage);
        return;
    }
    m_failures = 0;
    if (r.status == 206) {
        // Content-Range: bytes a-b/total
        const QByteArray range = r.header("Content-Range");
        const qsizetype slash = range.lastIndexOf('/');
        bool ok = false;
        const qint64 total = slash >= 0 ? range.mid(slash + 1).toLongLong(&ok) : -1;
        if (ok)
            m_total = total;
    } else {
        m_total = r.body.size(); // 200: the whole body (a server ignoring Range)
        m_received = 0;
    }
    m_received += r.body.size();
    Q_EMIT chunkReceived(r.body);
    Q_EMIT progress(m_received, m_total);
    if (r.body.isEmpty() || (m_total >= 0 && m_received >= m_total)) {
        m_done = true;
        Q_EMIT finished(true, {});
        return;
    }
    requestNext();
}

} // namespace bunny::net
