#pragma once

#include "http/apihandler.h"

namespace bunny::backend::http {

/// GET /api/v1/problems: the problem list (public), `?level=` filters, paged as every list.
class ProblemsHandler : public ApiHandler
{
public:
    using ApiHandler::ApiHandler;

protected:
    void handle(Exchange &ex) override;
};

/// GET /api/v1/problems/{slug}: statement, samples, limits, starter code (public). Hidden tests
/// never leave the server.
class ProblemHandler : public ApiHandler
{
public:
    using ApiHandler::ApiHandler;

protected:
    void handle(Exchange &ex) override;
};

} // namespace bunny::backend::http
