#pragma once

#include <QJsonObject>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <functional>

namespace bunny::net {

class ApiCall;
class ApiClient;
struct ApiResponse;

/// What POST /runs answered, or why it could not run.
struct SandboxResult
{
    bool ok = false; ///< the call worked (the program may still have failed)
    QString error;   ///< readable, when !ok
    QString status;  ///< ok, compile_error, runtime_error, time_limit, …
    int exitCode = 0;
    QString signal;
    QString stdoutText, stderrText, compileOutput;
    bool stdoutTruncated = false, stderrTruncated = false;
    qint64 timeMs = 0, cpuMs = 0, memoryKb = 0;

    /// "ok · exit 0 · 41 ms · 9.8 MiB" for the console's last line.
    QString summary() const;
    static SandboxResult fromJson(const QJsonObject &o);
};

/// Runs a project in the server's sandbox: POST /runs with the project's text files and the
/// entry file. One run at a time; a new one cancels the last.
class SandboxRun : public QObject
{
    Q_OBJECT
public:
    explicit SandboxRun(ApiClient *api, QObject *parent = nullptr);

    /// files: project-relative path -> text. entry: the file to run.
    void start(const QString &language, const QMap<QString, QString> &files, const QString &entry,
               const QString &stdinText = {});
    void cancel();
    bool isRunning() const { return m_call != nullptr; }

    /// Reads the project's text files worth sending (≤ 1 MiB each, ≤ 200 files), without
    /// .git/, .bunny/ and paths `exclude` rejects. leftOut (optional) gets "path (why)" for each
    /// file not sent for its size, for being binary or past the 200th, so the user is told.
    static QMap<QString, QString> collectFiles(const QString &projectDir,
                                               const std::function<bool(const QString &)> &exclude,
                                               QStringList *leftOut = nullptr);

Q_SIGNALS:
    void finished(const bunny::net::SandboxResult &result);

private:
    ApiClient *m_api;
    QPointer<ApiCall> m_call;
};

} // namespace bunny::net

Q_DECLARE_METATYPE(bunny::net::SandboxResult)
