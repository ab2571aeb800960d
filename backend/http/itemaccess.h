#pragma once

#include "http/requestbodies.h" // checkVisibility

#include "http/apierror.h"
#include "http/exchange.h"
#include "storage/engagement.h"
#include "storage/recordingstore.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>

namespace bunny::backend::http {

/// The rules recordings and projects share: who may see or change an item, list queries,
/// visibility values, views and stars on a GET. Row is RecordingRow or ProjectRow.

/// The item when the caller may see it; private ones of others look absent (404).
template<class Row>
Row visibleItem(Exchange &ex, std::optional<Row> row, const char *noun, const std::string &id)
{
    const storage::User *me = ex.optionalUser();
    if (!row || (row->visibility != "public" && (!me || me->id != row->ownerId)))
        throw notFound(std::string("No ") + noun + " '" + id + "'.");
    return std::move(*row);
}

/// The item when the caller owns it: 404 if they cannot see it, 403 if they only can.
template<class Row>
Row ownedItem(Exchange &ex, std::optional<Row> row, const char *noun, const std::string &id)
{
    const storage::User &me = ex.requireUser();
    Row item = visibleItem(ex, std::move(row), noun, id);
    if (item.ownerId != me.id)
        throw forbidden(std::string("Only the owner may change this ") + noun + ".");
    return item;
}

/// q, owner, page and per_page of a list request, for the caller.
storage::ListQuery listQuery(Exchange &ex);

/// The JSON of an item on GET: counts the caller's view (not the owner's) into views and adds
/// "starred" for a signed-in caller.
nlohmann::json engagedItemJson(Exchange &ex, storage::ItemKind kind, const std::string &id,
                               const std::string &ownerId, std::int64_t &views,
                               const std::function<nlohmann::json()> &toJson);

} // namespace bunny::backend::http
