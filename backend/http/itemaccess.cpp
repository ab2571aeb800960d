#include "http/itemaccess.h"

#include "http/services.h"

namespace bunny::backend::http {

storage::ListQuery listQuery(Exchange &ex)
{
    const storage::User *me = ex.optionalUser();
    storage::ListQuery q;
    q.text = ex.query("q");
    q.ownerName = ex.query("owner");
    q.viewerId = me ? me->id : std::string();
    q.page = ex.queryInt("page", 1, 1'000'000);
    q.perPage = ex.queryInt("per_page", 20, 100);
    return q;
}

nlohmann::json engagedItemJson(Exchange &ex, storage::ItemKind kind, const std::string &id,
                               const std::string &ownerId, std::int64_t &views,
                               const std::function<nlohmann::json()> &toJson)
{
    const storage::User *me = ex.optionalUser();
    storage::Engagement engagement(ex.services().db);
    // The count read with the row plus this view; no second read of the row.
    if ((!me || me->id != ownerId) &&
        engagement.view(kind, id, me ? "user:" + me->id : "addr:" + ex.clientAddress()))
        ++views;
    nlohmann::json j = toJson();
    if (me)
        j["starred"] = engagement.starred(kind, id, me->id);
    return j;
}

} // namespace bunny::backend::http
