#include "problems/problemhandlers.h"

#include "http/apierror.h"
#include "http/exchange.h"
#include "http/services.h"
#include "http/views.h"
#include "problems/problemcatalog.h"

namespace bunny::backend::http {

namespace {

/// The set in force for this request (a reload meanwhile swaps the catalog's, not this one).
std::shared_ptr<const problems::ProblemSet> problemSet(const Services &services)
{
    return services.problems ? services.problems->current() : std::make_shared<const problems::ProblemSet>();
}

nlohmann::json summaryJson(const problems::Problem &problem)
{
    return {{"slug", problem.slug},
            {"title", problem.title},
            {"level", problem.level},
            {"tags", problem.tags},
            {"time_limit_ms", problem.timeLimitMs},
            {"memory_limit_kb", problem.memoryLimitKb}};
}

} // namespace

void ProblemsHandler::handle(Exchange &ex)
{
    if (ex.method() != "GET" && ex.method() != "HEAD")
        throw methodNotAllowed("GET");
    const std::string level = ex.query("level");
    if (!level.empty() && level != "easy" && level != "medium" && level != "hard")
        throw badRequest("level must be easy, medium or hard");
    const int pageNumber = ex.queryInt("page", 1, 1'000'000);
    const int perPage = ex.queryInt("per_page", 20, 100);
    const auto set = problemSet(m_services);
    const auto chosen = level.empty() ? set->all() : set->byLevel(level);
    nlohmann::json items = nlohmann::json::array();
    const size_t first = static_cast<size_t>(pageNumber - 1) * static_cast<size_t>(perPage);
    for (size_t i = first; i < chosen.size() && i < first + static_cast<size_t>(perPage); ++i)
        items.push_back(summaryJson(*chosen[i]));
    ex.sendJson(200, page(std::move(items), pageNumber, perPage, static_cast<std::int64_t>(chosen.size())));
}

void ProblemHandler::handle(Exchange &ex)
{
    if (ex.method() != "GET" && ex.method() != "HEAD")
        throw methodNotAllowed("GET");
    const auto problem = problemSet(m_services)->shared(ex.param(0));
    if (!problem)
        throw notFound("No problem '" + ex.param(0) + "'.");
    nlohmann::json json = summaryJson(*problem);
    json["statement"] = problem->statement;
    json["tolerance"] = problem->tolerance ? nlohmann::json(*problem->tolerance) : nlohmann::json(nullptr);
    nlohmann::json samples = nlohmann::json::array();
    for (const auto &test : problem->tests) {
        if (test.sample)
            samples.push_back({{"name", test.name}, {"input", test.input}, {"output", test.expected}});
    }
    json["samples"] = std::move(samples);
    json["starter"] = problem->starter;
    json["tests"] = problem->tests.size();
    ex.sendJson(200, json);
}

} // namespace bunny::backend::http
