#include "net/tokenstore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QSaveFile>
#include <QStandardPaths>

#include <qt6keychain/keychain.h>

namespace bunny::net {

namespace {
const QString kService = QStringLiteral("Bunny Code");
const QString kKey = QStringLiteral("session");

QByteArray encode(const Tokens &t)
{
    return QJsonDocument(QJsonObject{{"access_token", t.access},
                                     {"refresh_token", t.refresh},
                                     {"server", t.serverUrl},
                                     {"user", t.user}})
        .toJson(QJsonDocument::Compact);
}

Tokens decode(const QByteArray &bytes)
{
    const auto o = QJsonDocument::fromJson(bytes).object();
    return Tokens{o.value("access_token").toString(), o.value("refresh_token").toString(),
                  o.value("server").toString(), o.value("user").toObject()};
}

bool keyringUnavailable(QKeychain::Error e)
{
    return e == QKeychain::NoBackendAvailable || e == QKeychain::NotImplemented ||
           e == QKeychain::OtherError || e == QKeychain::AccessDenied;
}
} // namespace

TokenStore::TokenStore(QObject *parent, Backend backend, QString fallbackFile)
    : QObject(parent)
    , m_backend(backend)
    , m_file(fallbackFile.isEmpty() ? defaultFallbackFile() : std::move(fallbackFile))
{
    if (m_backend == Backend::Auto && qEnvironmentVariable("BUNNY_TOKEN_STORE") == QLatin1String("file"))
        m_backend = Backend::File;
}

QString TokenStore::defaultFallbackFile()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + "/session.json";
}

void TokenStore::load(std::function<void(const Tokens &)> done)
{
    if (m_backend == Backend::File) {
        m_last = Backend::File;
        done(loadFile());
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(kService, this);
    job->setAutoDelete(true);
    job->setKey(kKey);
    connect(job, &QKeychain::Job::finished, this, [this, done](QKeychain::Job *j) {
        auto *read = static_cast<QKeychain::ReadPasswordJob *>(j);
        if (read->error() == QKeychain::NoError) {
            m_last = Backend::Keyring;
            done(decode(read->binaryData()));
        } else if (read->error() == QKeychain::EntryNotFound) {
            // The keyring works but holds nothing; an older fallback file may still.
            m_last = Backend::Keyring;
            done(loadFile());
        } else {
            m_last = Backend::File;
            done(loadFile());
        }
    });
    job->start();
}

void TokenStore::save(const Tokens &tokens, std::function<void(bool)> done)
{
    if (m_backend == Backend::File) {
        m_last = Backend::File;
        const bool ok = saveFile(tokens);
        if (done)
            done(ok);
        return;
    }
    auto *job = new QKeychain::WritePasswordJob(kService, this);
    job->setAutoDelete(true);
    job->setKey(kKey);
    job->setBinaryData(encode(tokens));
    connect(job, &QKeychain::Job::finished, this, [this, tokens, done](QKeychain::Job *j) {
        bool ok = false;
        if (j->error() == QKeychain::NoError) {
            m_last = Backend::Keyring;
            removeFile(); // never leave a second, stale copy on disk
            ok = true;
        } else if (keyringUnavailable(j->error()) || m_backend == Backend::Auto) {
            m_last = Backend::File;
            ok = saveFile(tokens);
        }
        if (done)
            done(ok);
    });
    job->start();
}

void TokenStore::clear(std::function<void()> done)
{
    removeFile();
    if (m_backend == Backend::File) {
        if (done)
            done();
        return;
    }
    auto *job = new QKeychain::DeletePasswordJob(kService, this);
    job->setAutoDelete(true);
    job->setKey(kKey);
    connect(job, &QKeychain::Job::finished, this, [done](QKeychain::Job *) {
        if (done)
            done();
    });
    job->start();
}

bool TokenStore::saveFile(const Tokens &tokens)
{
    QDir().mkpath(QFileInfo(m_file).absolutePath());
    QSaveFile file(m_file);
    // QSaveFile writes a temp file beside the target: make it 0600 before any byte lands.
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (file.write(encode(tokens)) < 0)
        return false;
    if (!file.commit())
        return false;
    return QFile::setPermissions(m_file, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}

Tokens TokenStore::loadFile() const
{
    QFile file(m_file);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return decode(file.readAll());
}

void TokenStore::removeFile()
{
    QFile::remove(m_file);
}

} // namespace bunny::net
