#include "battles/battlehub.h"
#include "http/apierror.h"
#include "http/exchange.h"
#include "http/handlers/handlers.h"
#include "http/services.h"
#include "runs/runqueue.h"

#include <core/version.h>

#include <Poco/Net/HTTPServerResponse.h>

namespace bunny::backend::http {

void HealthHandler::handle(Exchange &ex)
{
    if (ex.method() != "GET" && ex.method() != "HEAD")
        throw methodNotAllowed("GET");
    ex.sendJson(200, {{"status", "ok"}, {"version", version()}});
}

void ReadyHandler::handle(Exchange &ex)
{
    if (ex.method() != "GET" && ex.method() != "HEAD")
        throw methodNotAllowed("GET");
    if (!m_services.db.ping()) {
        m_services.metrics.databaseError();
        ex.sendError(503, "not_ready", "The database is not reachable.");
        return;
    }
    if (!m_services.store.ping()) {
        m_services.metrics.storeError();
        ex.sendError(503, "not_ready", "The object store is not reachable.");
        return;
    }
    ex.sendJson(200, {{"status", "ready"}});
}

void MetricsHandler::handle(Exchange &ex)
{
    if (ex.method() != "GET")
        throw methodNotAllowed("GET");
    std::string text = m_services.metrics.render();
    if (m_services.runs)
        text += m_services.runs->metricsText();
    if (m_services.battles)
        text += m_services.battles->metricsText();
    auto &response = ex.response();
    response.setContentType("text/plain; version=0.0.4; charset=utf-8");
    response.setContentLength64(Poco::Int64(text.size()));
    response.send() << text;
}

} // namespace bunny::backend::http
