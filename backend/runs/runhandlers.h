#pragma once

#include "http/apihandler.h"

namespace bunny::backend::http {

/// POST /api/v1/runs: runs a job in the sandbox through the run queue (signed-in users).
class RunsHandler : public ApiHandler
{
public:
    using ApiHandler::ApiHandler;

protected:
    void handle(Exchange &ex) override;
};

/// GET /api/v1/languages: what the sandbox can run on this host, with versions.
class LanguagesHandler : public ApiHandler
{
public:
    using ApiHandler::ApiHandler;

protected:
    void handle(Exchange &ex) override;
};

} // namespace bunny::backend::http
