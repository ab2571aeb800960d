#pragma once

#include "net/account.h"

#include <QObject>
#include <QString>

#include <functional>

namespace bunny::net {

/// Keeps the token pair in the OS keyring through QtKeychain (Secret Service, KWallet…); when no
/// keyring answers, in a file only the user can read (0600) under the app's data folder. Never
/// in QSettings. Keyring jobs are asynchronous, hence the callbacks (called on this thread).
class TokenStore : public QObject
{
    Q_OBJECT
public:
    enum class Backend { Auto, Keyring, File };

    /// service names the keyring entry; fallbackFile the 0600 file (default:
    /// AppDataLocation/session.json).
    explicit TokenStore(QObject *parent = nullptr, Backend backend = Backend::Auto,
                        QString fallbackFile = {});

    void load(std::function<void(const Tokens &tokens)> done);
    void save(const Tokens &tokens, std::function<void(bool ok)> done = {});
    void clear(std::function<void()> done = {});

    /// Which backend the last operation used (Keyring or File).
    Backend lastBackend() const { return m_last; }
    QString fallbackFile() const { return m_file; }

    static QString defaultFallbackFile();

private:
    bool saveFile(const Tokens &tokens);
    Tokens loadFile() const;
    void removeFile();

    Backend m_backend;
    Backend m_last = Backend::File;
    QString m_file;
};

} // namespace bunny::net
