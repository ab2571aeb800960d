#include "storage/contentcleanup.h"

#include "storage/engagement.h"
#include "storage/projectstore.h"
#include "storage/recordingstore.h"
#include "storage/userstore.h"

namespace bunny::backend::storage {

void deleteRecording(Database &db, ObjectStore &store, const std::string &recordingId)
{
    RecordingStore recordings(db);
    auto r = recordings.byId(recordingId);
    if (!r)
        return;
    recordings.remove(recordingId);
    releaseObject(db, store, r->sha256);
}

void deleteProject(Database &db, ObjectStore &store, const std::string &projectId)
{
    for (const auto &sha : ProjectStore(db).remove(projectId))
        releaseObject(db, store, sha);
}

void deleteAccount(Database &db, ObjectStore &store, const std::string &userId)
{
    for (const auto &r : RecordingStore(db).ofOwner(userId))
        deleteRecording(db, store, r.id);
    for (const auto &id : ProjectStore(db).idsOfOwner(userId))
        deleteProject(db, store, id);
    UserStore users(db);
    const auto user = users.byId(userId);
    users.remove(userId);
    if (user)
        releaseObject(db, store, user->avatarSha);
}

} // namespace bunny::backend::storage
