#pragma once
// Shared by the sandbox suites: one real sandbox per backend for the whole suite, and the
// rows every scenario runs against (native always; docker when the test script started dockerd).

#include <sandbox/sandbox.h>
#include <sandbox/sandboxfactory.h>

#include <QString>
#include <QStringList>

#include <map>
#include <memory>
#include <string>

namespace bunny::test {

inline QStringList sandboxBackends()
{
    return {"native", "docker"};
}

/// The suite's sandbox for a backend, or null with the reason to skip.
inline sandbox::Sandbox *sandboxFor(const QString &backend, QString &skipReason)
{
    static std::map<QString, std::unique_ptr<sandbox::Sandbox>> sandboxes;
    static std::map<QString, QString> reasons;
    if (auto known = sandboxes.find(backend); known != sandboxes.end())
        return known->second.get();
    if (auto failed = reasons.find(backend); failed != reasons.end()) {
        skipReason = failed->second;
        return nullptr;
    }
    if (backend == "docker" && qEnvironmentVariable("BUNNY_TEST_DOCKER") != "1") {
        reasons[backend] = skipReason = "Docker backend not tested: BUNNY_TEST_DOCKER is not 1 "
                                        "(tests/services.d/docker.sh did not start dockerd)";
        return nullptr;
    }
    sandbox::SandboxOptions options;
    options.backend = backend.toStdString();
    options.prepared = 2;
    auto created = sandbox::createSandbox(options);
    if (!created) {
        reasons[backend] = skipReason = QString::fromStdString(created.message());
        return nullptr;
    }
    return (sandboxes[backend] = std::move(*created)).get();
}

inline sandbox::Job makeJob(const std::string &language, const std::string &file, const std::string &code)
{
    sandbox::Job job;
    job.language = language;
    job.files[file] = code;
    return job;
}

} // namespace bunny::test

/// Fails the test (native must work here) or skips (docker may be missing) when there is no sandbox.
#define BUNNY_REQUIRE_SANDBOX(var, backend)                                                                  \
    QString skipReason_;                                                                                     \
    sandbox::Sandbox *var = bunny::test::sandboxFor(backend, skipReason_);                                   \
    if (!var) {                                                                                              \
        if (backend == "native" || qEnvironmentVariable("CI") == "true")                                     \
            QFAIL(qPrintable(skipReason_));                                                                  \
        QSKIP(qPrintable(skipReason_));                                                                      \
    }
