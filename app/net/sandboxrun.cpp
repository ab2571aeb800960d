#include "net/sandboxrun.h"

#include "net/apiclient.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>

namespace bunny::net {

QString SandboxResult::summary() const
{
    if (!ok)
        return error;
    QString s = status;
    if (status == QLatin1String("ok") || status == QLatin1String("runtime_error"))
        s += QObject::tr(" · exit %1").arg(exitCode);
    if (!signal.isEmpty())
        s += QStringLiteral(" · ") + signal;
    s += QObject::tr(" · %1 ms · %2 MiB").arg(timeMs).arg(double(memoryKb) / 1024.0, 0, 'f', 1);
    return s;
}

SandboxResult SandboxResult::fromJson(const QJsonObject &o)
{
    SandboxResult r;
    r.ok = true;
    r.status = o.value("status").toString();
    r.exitCode = o.value("exit_code").toInt();
    r.signal = o.value("signal").toString();
    r.stdoutText = o.value("stdout").toString();
    r.stderrText = o.value("stderr").toString();
    r.stdoutTruncated = o.value("stdout_truncated").toBool();
    r.stderrTruncated = o.value("stderr_truncated").toBool();
    r.timeMs = o.value("time_ms").toInteger();
    r.cpuMs = o.value("cpu_ms").toInteger();
    r.memoryKb = o.value("memory_kb").toInteger();
    const auto compile = o.value("compile");
    if (compile.isObject()) {
        const auto c = compile.toObject();
        r.compileOutput = c.value("output").toString();
    }
    return r;
}

SandboxRun::SandboxRun(ApiClient *api, QObject *parent)
    : QObject(parent)
    , m_api(api)
{}

void SandboxRun::start(const QString &language, const QMap<QString, QString> &files, const QString &entry,
                       const QString &stdinText)
{
    cancel();
    QJsonObject jsonFiles;
    for (auto it = files.begin(); it != files.end(); ++it)
        jsonFiles.insert(it.key(), it.value());
    ApiRequest request;
    request.method = "POST";
    request.path = QStringLiteral("/runs");
    request.contentType = "application/json";
    request.timeoutMs = 60000;
    request.body =
        QJsonDocument(
            QJsonObject{{"language", language}, {"files", jsonFiles}, {"entry", entry}, {"stdin", stdinText}})
            .toJson(QJsonDocument::Compact);
    m_call = m_api->send(request);
    connect(m_call, &ApiCall::finished, this, [this](const ApiResponse &r) {
        m_call = nullptr;
        SandboxResult result;
        if (r.ok()) {
            result = SandboxResult::fromJson(r.object());
        } else {
            result.error = r.errorMessage;
        }
        Q_EMIT finished(result);
    });
}

void SandboxRun::cancel()
{
    if (m_call) {
        ApiCall *call = m_call;
        m_call = nullptr;
        disconnect(call, nullptr, this, nullptr);
        call->abort();
    }
}

QMap<QString, QString> SandboxRun::collectFiles(const QString &projectDir,
                                                const std::function<bool(const QString &)> &exclude,
                                                QStringList *leftOut)
{
    QMap<QString, QString> files;
    QStringList skipped;
    QDirIterator it(projectDir, QDir::Files | QDir::NoSymLinks, QDirIterator::Subdirectories);
    const QString prefix = QDir(projectDir).absolutePath() + '/';
    while (it.hasNext()) {
        const QString path = it.next();
        const QString rel = path.mid(prefix.size());
        if (rel.startsWith(QLatin1String(".git/")) || rel.startsWith(QLatin1String(".bunny/")) ||
            exclude(rel))
            continue; // ignored on purpose: not worth a word
        QFile f(path);
        if (f.size() > (1 << 20)) {
            skipped << QObject::tr("%1 (over 1 MiB)").arg(rel);
            continue;
        }
        if (!f.open(QIODevice::ReadOnly)) {
            skipped << QObject::tr("%1 (cannot be read)").arg(rel);
            continue;
        }
        const QByteArray bytes = f.readAll();
        if (bytes.contains('\0')) {
            skipped << QObject::tr("%1 (binary)").arg(rel); // binaries do not travel as JSON text
            continue;
        }
        if (files.size() >= 200) {
            skipped << QObject::tr("%1 (past 200 files)").arg(rel);
            continue;
        }
        files.insert(rel, QString::fromUtf8(bytes));
    }
    if (leftOut)
        *leftOut = skipped;
    return files;
}

} // namespace bunny::net
