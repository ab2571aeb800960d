#include "http/routes.h"

#include "battles/battlehandlers.h"
#include "http/handlers/handlers.h"
#include "http/router.h"
#include "problems/problemhandlers.h"
#include "runs/runhandlers.h"

namespace bunny::backend::http {

void addRoutes(Router &r)
{
    r.add<HealthHandler>("/healthz");
    r.add<ReadyHandler>("/readyz");
    r.add<MetricsHandler>("/metrics");

    r.add<RegisterHandler>("/api/v1/auth/register");
    r.add<LoginHandler>("/api/v1/auth/login");
    r.add<RefreshHandler>("/api/v1/auth/refresh");
    r.add<LogoutHandler>("/api/v1/auth/logout");
    r.add<MeHandler>("/api/v1/me");
    r.add<PasswordHandler>("/api/v1/me/password");
    r.add<AvatarHandler>("/api/v1/me/avatar");
    r.add<UserHandler>("/api/v1/users/{username}");
    r.add<UserAvatarHandler>("/api/v1/users/{username}/avatar");

    r.add<RecordingsHandler>("/api/v1/recordings");
    r.add<RecordingHandler>("/api/v1/recordings/{id}");
    r.add<RecordingContentHandler>("/api/v1/recordings/{id}/content");
    r.add<StarHandler>("/api/v1/recordings/{id}/star");

    r.add<ProjectsHandler>("/api/v1/projects");
    r.add<ProjectHandler>("/api/v1/projects/{id}");
    r.add<StarHandler>("/api/v1/projects/{id}/star");
    r.add<VersionsHandler>("/api/v1/projects/{id}/versions");
    r.add<VersionHandler>("/api/v1/projects/{id}/versions/{vid}");
    r.add<ArchiveHandler>("/api/v1/projects/{id}/versions/{vid}/archive");

    r.add<LanguagesHandler>("/api/v1/languages");
    r.add<RunsHandler>("/api/v1/runs");

    // battles (backend/battles): the literal paths before /battles/{id}
    r.add<BattlesHandler>("/api/v1/battles");
    r.add<BattleJoinCodeHandler>("/api/v1/battles/join");
    r.add<QuickBattleHandler>("/api/v1/battles/quick");
    r.add<BattleHandler>("/api/v1/battles/{id}");
    r.add<BattleJoinHandler>("/api/v1/battles/{id}/join");
    r.add<BattleRematchHandler>("/api/v1/battles/{id}/rematch");
    r.add<BattleRecordingHandler>("/api/v1/battles/{id}/recording");
    r.add<BattleSocketHandler>("/api/v1/battles/{id}/ws");
    r.add<LeaderboardHandler>("/api/v1/leaderboard");
    // Problems (backend/problems).
    r.add<ProblemsHandler>("/api/v1/problems");
    r.add<ProblemHandler>("/api/v1/problems/{slug}");
}

} // namespace bunny::backend::http
