#pragma once

#include "http/apihandler.h"

// One handler class per resource; routes.cpp maps paths to them.
namespace bunny::backend::http {

#define BUNNY_HANDLER(Name)                                                                                  \
    class Name : public ApiHandler                                                                           \
    {                                                                                                        \
    public:                                                                                                  \
        using ApiHandler::ApiHandler;                                                                        \
                                                                                                             \
    protected:                                                                                               \
        void handle(Exchange &ex) override;                                                                  \
    }

// health.cpp
BUNNY_HANDLER(HealthHandler);  // GET /healthz
BUNNY_HANDLER(ReadyHandler);   // GET /readyz
BUNNY_HANDLER(MetricsHandler); // GET /metrics
// accounts.cpp
BUNNY_HANDLER(RegisterHandler); // POST /auth/register
BUNNY_HANDLER(LoginHandler);    // POST /auth/login
BUNNY_HANDLER(RefreshHandler);  // POST /auth/refresh
BUNNY_HANDLER(LogoutHandler);   // POST /auth/logout
// me.cpp
BUNNY_HANDLER(MeHandler);         // GET, DELETE /me
BUNNY_HANDLER(PasswordHandler);   // POST /me/password
BUNNY_HANDLER(AvatarHandler);     // PUT, DELETE /me/avatar
BUNNY_HANDLER(UserHandler);       // GET /users/{username}
BUNNY_HANDLER(UserAvatarHandler); // GET /users/{username}/avatar
// recordings.cpp
BUNNY_HANDLER(RecordingsHandler);       // GET, POST /recordings
BUNNY_HANDLER(RecordingHandler);        // GET, PATCH, DELETE /recordings/{id}
BUNNY_HANDLER(RecordingContentHandler); // GET /recordings/{id}/content
BUNNY_HANDLER(StarHandler);             // PUT, DELETE /recordings/{id}/star and /projects/{id}/star
// projects.cpp
BUNNY_HANDLER(ProjectsHandler); // GET, POST /projects
BUNNY_HANDLER(ProjectHandler);  // GET, PATCH, DELETE /projects/{id}
BUNNY_HANDLER(VersionsHandler); // GET, POST /projects/{id}/versions
BUNNY_HANDLER(VersionHandler);  // GET, DELETE /projects/{id}/versions/{vid}
BUNNY_HANDLER(ArchiveHandler);  // GET /projects/{id}/versions/{vid}/archive

#undef BUNNY_HANDLER

} // namespace bunny::backend::http
