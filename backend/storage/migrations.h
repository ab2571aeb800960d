#pragma once

namespace bunny::backend::storage {

class Database;

/// Brings the schema to the newest version, one transaction per step, recording each applied
/// version in schema_migrations; safe to run at every start and from several processes.
/// Returns the schema version now in place.
int migrate(Database &db);

/// The newest schema version this build knows.
int latestSchemaVersion();

} // namespace bunny::backend::storage
