#include "net/publishplan.h"

#include "net/recordingfilter.h"
#include "net/tarwriter.h"
#include "vcs/handles.h"
#include "vcs/replaystretch.h"
#include "vcs/repository.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>

namespace bunny::net {

namespace {
struct WalkState
{
    git_repository *repo = nullptr;
    const ExcludeFilter *exclude = nullptr;
    PublishPlan *plan = nullptr;
    TarWriter *tar = nullptr;
    QString error;
};

int visit(const char *root, const git_tree_entry *entry, void *payload)
{
    auto *state = static_cast<WalkState *>(payload);
    const QString path = QString::fromUtf8(root) + QString::fromUtf8(git_tree_entry_name(entry));
    const git_filemode_t mode = git_tree_entry_filemode(entry);
    if (git_tree_entry_type(entry) == GIT_OBJECT_TREE) {
        if (path == QLatin1String(".bunny") || path == QLatin1String(".git"))
            return 1; // skip the folder
        return 0;
    }
    if (mode == GIT_FILEMODE_LINK || mode == GIT_FILEMODE_COMMIT) {
        state->plan->leftOut << path; // links and submodules do not travel in a plain archive
        return 0;
    }
    if ((*state->exclude)(path)) {
        state->plan->leftOut << path;
        return 0;
    }
    git_blob *raw = nullptr;
    if (git_blob_lookup(&raw, state->repo, git_tree_entry_id(entry)) != 0) {
        state->error = QObject::tr("Cannot read %1 from the commit.").arg(path);
        return -1;
    }
    vcs::BlobHandle blob(raw);
    const QByteArray bytes(static_cast<const char *>(git_blob_rawcontent(blob.get())),
                           qsizetype(git_blob_rawsize(blob.get())));
    if (auto r = state->tar->addFile(path, bytes, mode == GIT_FILEMODE_BLOB_EXECUTABLE); !r) {
        state->error = QString::fromStdString(r.message());
        return -1;
    }
    state->plan->files.append({path, bytes.size()});
    return 0;
}

QStringList recordingsBefore(const QString &projectDir, const vcs::CommitInfo &head)
{
    QStringList warnings;
    const auto markers = vcs::loadRecordingMarkers(projectDir, &warnings);
    if (auto stretch = vcs::findReplayStretch(markers, head.id, head.parents))
        return stretch->files;
    // The commit was made outside the app (no marker): every session begun before it.
    QStringList files;
    for (const auto &m : markers)
        if (m.started.isValid() && m.started <= head.time)
            files << m.file;
    return files;
}
} // namespace

Result<PublishPlan> planPublish(const QString &projectDir, const ExcludeFilter &exclude)
{
    auto repo = vcs::Repository::open(projectDir);
    if (!repo)
        return makeError(QObject::tr("%1 is not a git repository; commit your work first.")
                             .arg(QDir::toNativeSeparators(projectDir))
                             .toStdString());
    auto head = repo->head();
    if (!head)
        return makeError(
            QObject::tr("Nothing is committed yet: commit your work, then publish it.").toStdString());

    PublishPlan plan;
    plan.projectDir = QDir(projectDir).absolutePath();
    plan.projectName = QFileInfo(plan.projectDir).fileName();
    plan.commitId = head->id;
    plan.shortId = head->shortId;
    plan.subject = head->subject;

    git_object *rawTree = nullptr;
    const QByteArray spec = head->id.toUtf8() + "^{tree}";
    if (git_revparse_single(&rawTree, repo->raw(), spec.constData()) != 0)
        return makeError(QObject::tr("Cannot read the tree of commit %1.").arg(head->shortId).toStdString());
    vcs::ObjectHandle tree(rawTree);
    TarWriter tar(head->time.toSecsSinceEpoch());
    WalkState state{repo->raw(), &exclude, &plan, &tar, {}};
    if (git_tree_walk(reinterpret_cast<git_tree *>(tree.get()), GIT_TREEWALK_PRE, &visit, &state) < 0)
        return makeError((state.error.isEmpty() ? QObject::tr("Cannot walk the commit's tree.") : state.error)
                             .toStdString());
    auto gz = tar.targz();
    if (!gz)
        return gz.error();
    plan.archive = *gz;
    plan.archiveSha256 =
        QString::fromLatin1(QCryptographicHash::hash(plan.archive, QCryptographicHash::Sha256).toHex());

    for (const QString &file : recordingsBefore(plan.projectDir, *head)) {
        const QFileInfo info(file);
        // The recorder read the ignore rules when the session began; what is ignored now stays
        // home even if the session saw it.
        auto filtered = filterRecording(info.absoluteFilePath(), exclude);
        if (!filtered)
            return filtered.error();
        const qint64 size = filtered->bytes.isEmpty() ? info.size() : filtered->bytes.size();
        plan.recordings.append(
            {info.absoluteFilePath(), info.fileName(), size, filtered->bytes, filtered->removedPaths});
    }
    return plan;
}

} // namespace bunny::net
