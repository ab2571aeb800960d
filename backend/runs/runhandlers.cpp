#include "runs/runhandlers.h"

#include "http/apierror.h"
#include "http/exchange.h"
#include "http/services.h"
#include "runs/runqueue.h"

#include <sandbox/runjson.h>

namespace bunny::backend::http {

namespace {

ApiError sandboxUnavailable(const std::string &why)
{
    return ApiError(503, "sandbox_unavailable", "Code execution is not available on this server: " + why);
}

} // namespace

void RunsHandler::handle(Exchange &ex)
{
    if (ex.method() != "POST")
        throw methodNotAllowed("POST");
    const auto &user = ex.requireUser();
    const auto job = sandbox::jobFromJson(ex.jsonBody());
    if (!job)
        throw badRequest(job.message());
    if (!m_services.runs || !m_services.sandbox)
        throw sandboxUnavailable("not configured");
    if (const auto why = m_services.sandbox->unavailableReason(); !why.empty())
        throw sandboxUnavailable(why);
    if (const auto entry = sandbox::validateJob(*job); !entry)
        throw badRequest(entry.message());
    const auto outcome = m_services.runs->submit(*job, user.id);
    if (outcome.refusal != RunQueue::Refusal::None) {
        const bool full = outcome.refusal == RunQueue::Refusal::QueueFull;
        ApiError error(429, full ? "queue_full" : "rate_limited",
                       full ? "Too many runs are waiting: try again in a moment."
                            : "You are running code too often: try again in a moment.");
        error.retryAfter = std::max(1, outcome.retryAfterSeconds);
        throw error;
    }
    ex.sendJson(200, sandbox::toJson(outcome.result));
}

void LanguagesHandler::handle(Exchange &ex)
{
    if (ex.method() != "GET" && ex.method() != "HEAD")
        throw methodNotAllowed("GET");
    if (!m_services.sandbox)
        throw sandboxUnavailable("not configured");
    ex.sendJson(200, sandbox::toJson(m_services.sandbox->languages()));
}

} // namespace bunny::backend::http
