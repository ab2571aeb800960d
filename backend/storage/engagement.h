#pragma once

#include <string>

namespace bunny::backend::storage {

class Database;
class ObjectStore;

enum class ItemKind { Recording, Project };

/// Stars (one per user and item) and views (one per viewer, item and UTC day), kept as
/// counters on the item rows so lists need no aggregation.
class Engagement
{
public:
    explicit Engagement(Database &db)
        : m_db(db)
    {}

    /// True when this added a star (false: it was already there).
    bool star(ItemKind kind, const std::string &itemId, const std::string &userId);
    bool unstar(ItemKind kind, const std::string &itemId, const std::string &userId);
    bool starred(ItemKind kind, const std::string &itemId, const std::string &userId);
    /// Counts a view unless this viewer (user id or address) was counted today; true when it
    /// counted one now. Views this process has seen counted today are settled in memory, so
    /// the usual repeat (a reload, a player seeking) costs no query.
    bool view(ItemKind kind, const std::string &itemId, const std::string &viewer);

private:
    Database &m_db;
};

/// Deletes an object once no recording, version or avatar refers to it any more.
void releaseObject(Database &db, ObjectStore &store, const std::string &sha256);

} // namespace bunny::backend::storage
