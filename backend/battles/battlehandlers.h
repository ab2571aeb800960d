#pragma once

#include "http/apihandler.h"

// The battle routes (backend/battles/README.md); routes.cpp maps paths to them.
namespace bunny::backend::http {

#define BUNNY_BATTLE_HANDLER(Name)                                                                           \
    class Name : public ApiHandler                                                                           \
    {                                                                                                        \
    public:                                                                                                  \
        using ApiHandler::ApiHandler;                                                                        \
                                                                                                             \
    protected:                                                                                               \
        void handle(Exchange &ex) override;                                                                  \
    }

BUNNY_BATTLE_HANDLER(BattlesHandler);         // GET, POST /battles
BUNNY_BATTLE_HANDLER(BattleJoinCodeHandler);  // POST /battles/join {invite_code}
BUNNY_BATTLE_HANDLER(QuickBattleHandler);     // POST /battles/quick
BUNNY_BATTLE_HANDLER(BattleHandler);          // GET /battles/{id}
BUNNY_BATTLE_HANDLER(BattleJoinHandler);      // POST /battles/{id}/join
BUNNY_BATTLE_HANDLER(BattleRematchHandler);   // POST /battles/{id}/rematch
BUNNY_BATTLE_HANDLER(BattleRecordingHandler); // GET /battles/{id}/recording
BUNNY_BATTLE_HANDLER(BattleSocketHandler);    // GET /battles/{id}/ws (WebSocket upgrade)
BUNNY_BATTLE_HANDLER(LeaderboardHandler);     // GET /leaderboard

#undef BUNNY_BATTLE_HANDLER

} // namespace bunny::backend::http
