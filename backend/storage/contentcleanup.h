#pragma once

#include <string>

namespace bunny::backend::storage {

class Database;
class ObjectStore;

/// Deletions that span the database and the object store: rows first, then every object no
/// row refers to any more (a crash in between leaves an orphan object, never a dangling row).
void deleteRecording(Database &db, ObjectStore &store, const std::string &recordingId);
void deleteProject(Database &db, ObjectStore &store, const std::string &projectId);
/// The account with everything it owns: recordings, projects, versions, avatar, sessions, stars.
void deleteAccount(Database &db, ObjectStore &store, const std::string &userId);

} // namespace bunny::backend::storage
