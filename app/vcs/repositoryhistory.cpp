#include "vcs/giterror.h"
#include "vcs/repository.h"
#include "vcs/repositorydetail.h"

namespace bunny::vcs {

using namespace detail;

Result<QList<CommitInfo>> Repository::log(int maxCount) const
{
    QList<CommitInfo> commits;
    if (isEmpty())
        return commits;
    git_revwalk *rawWalk = nullptr;
    if (int code = git_revwalk_new(&rawWalk, m_repo.get()); code != 0)
        return gitError(QStringLiteral("Cannot read the history"), code);
    RevwalkHandle walk(rawWalk);
    git_revwalk_sorting(walk.get(), GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
    if (int code = git_revwalk_push_head(walk.get()); code != 0)
        return gitError(QStringLiteral("Cannot read the history"), code);

    const Labels labels = collectLabels(m_repo.get());
    const QString head = headId(m_repo.get());
    git_oid oid;
    int code = 0;
    while (commits.size() < maxCount && (code = git_revwalk_next(&oid, walk.get())) == 0) {
        git_commit *raw = nullptr;
        if (int lookup = git_commit_lookup(&raw, m_repo.get(), &oid); lookup != 0)
            return gitError(QStringLiteral("Cannot read version %1").arg(toString(&oid)), lookup);
        CommitHandle commit(raw);
        commits.append(toCommitInfo(commit.get(), labels, head));
    }
    if (code != 0 && code != GIT_ITEROVER)
        return gitError(QStringLiteral("Cannot read the history"), code);
    git_error_clear();
    return commits;
}

Result<QList<BranchInfo>> Repository::branches() const
{
    git_branch_iterator *rawIterator = nullptr;
    if (int code = git_branch_iterator_new(&rawIterator, m_repo.get(), GIT_BRANCH_LOCAL); code != 0)
        return gitError(QStringLiteral("Cannot list the branches"), code);
    BranchIteratorHandle iterator(rawIterator);
    QList<BranchInfo> branches;
    git_reference *ref = nullptr;
    git_branch_t type{};
    while (git_branch_next(&ref, &type, iterator.get()) == 0) {
        ReferenceHandle owned(ref);
        const char *name = nullptr;
        if (git_branch_name(&name, ref) != 0)
            continue;
        BranchInfo branch;
        branch.name = QString::fromUtf8(name);
        if (const git_oid *target = git_reference_target(ref))
            branch.targetId = toString(target);
        branch.isCurrent = git_branch_is_head(ref) == 1;
        branches.append(branch);
    }
    git_error_clear();
    // Before the first commit the current branch exists only as HEAD's name.
    if (branches.isEmpty() && isEmpty() && !currentBranch().isEmpty())
        branches.append(BranchInfo{currentBranch(), QString(), true});
    std::sort(branches.begin(), branches.end(),
              [](const BranchInfo &a, const BranchInfo &b) { return a.name < b.name; });
    return branches;
}

Result<void> Repository::createBranch(const QString &name, const QString &revision)
{
    const QByteArray bytes = name.trimmed().toUtf8();
    int valid = 0;
    if (bytes.isEmpty() || git_branch_name_is_valid(&valid, bytes.constData()) != 0 || !valid) {
        git_error_clear();
        return vcsError(QStringLiteral("\"%1\" is not a valid branch name.").arg(name));
    }
    auto commit = lookupCommit(m_repo.get(), revision);
    if (!commit)
        return commit.error();
    git_reference *ref = nullptr;
    if (int code = git_branch_create(&ref, m_repo.get(), bytes.constData(), commit->get(), 0); code != 0) {
        if (code == GIT_EEXISTS) {
            git_error_clear();
            return vcsError(QStringLiteral("A branch named \"%1\" already exists.").arg(name));
        }
        return gitError(QStringLiteral("Cannot create branch %1").arg(name), code);
    }
    git_reference_free(ref);
    return {};
}

namespace {
struct ConflictCollector
{
    QStringList paths;
};

int collectConflict(git_checkout_notify_t, const char *path, const git_diff_file *, const git_diff_file *,
                    const git_diff_file *, void *payload)
{
    static_cast<ConflictCollector *>(payload)->paths.append(QString::fromUtf8(path));
    return 0;
}
} // namespace

namespace detail {
Result<void> checkout(git_repository *repo, git_object *treeish, const QStringList &paths, bool force,
                      const QString &what)
{
    git_checkout_options options = GIT_CHECKOUT_OPTIONS_INIT;
    options.checkout_strategy = force ? GIT_CHECKOUT_FORCE : GIT_CHECKOUT_SAFE;
    ConflictCollector conflicts;
    options.notify_flags = GIT_CHECKOUT_NOTIFY_CONFLICT;
    options.notify_cb = collectConflict;
    options.notify_payload = &conflicts;
    StringArray specs(paths);
    if (!paths.isEmpty()) {
        options.paths = *specs.get();
        options.checkout_strategy |= GIT_CHECKOUT_DISABLE_PATHSPEC_MATCH;
    }
    if (int code = git_checkout_tree(repo, treeish, &options); code != 0) {
        if (code == GIT_ECONFLICT) {
            git_error_clear();
            return vcsError(QStringLiteral("%1 would overwrite uncommitted changes in %2. Commit them first, "
                                           "or discard them.")
                                .arg(what, conflicts.paths.join(QStringLiteral(", "))));
        }
        return gitError(QStringLiteral("Cannot %1").arg(what.toLower()), code);
    }
    return {};
}
} // namespace detail

Result<void> Repository::switchBranch(const QString &name, Overwrite overwrite)
{
    const QByteArray refName = QStringLiteral("refs/heads/%1").arg(name).toUtf8();
    git_reference *rawRef = nullptr;
    if (int code = git_reference_lookup(&rawRef, m_repo.get(), refName.constData()); code != 0) {
        if (code == GIT_ENOTFOUND) {
            git_error_clear();
            return vcsError(QStringLiteral("There is no branch named \"%1\".").arg(name));
        }
        return gitError(QStringLiteral("Cannot find branch %1").arg(name), code);
    }
    ReferenceHandle ref(rawRef);
    auto commit = lookupCommit(m_repo.get(), QString::fromUtf8(refName));
    if (!commit)
        return commit.error();
    if (!isEmpty()) {
        auto checkedOut =
            checkout(m_repo.get(), reinterpret_cast<git_object *>(commit->get()), {},
                     overwrite == Overwrite::Force, QStringLiteral("Switching to %1").arg(name));
        if (!checkedOut)
            return checkedOut;
    }
    if (int code = git_repository_set_head(m_repo.get(), refName.constData()); code != 0)
        return gitError(QStringLiteral("Cannot switch to branch %1").arg(name), code);
    return {};
}

Result<QList<TagInfo>> Repository::tags() const
{
    git_strarray names{};
    if (int code = git_tag_list(&names, m_repo.get()); code != 0)
        return gitError(QStringLiteral("Cannot list the tags"), code);
    QList<TagInfo> tags;
    for (size_t i = 0; i < names.count; ++i) {
        TagInfo tag;
        tag.name = QString::fromUtf8(names.strings[i]);
        git_object *object = nullptr;
        const QByteArray refName = "refs/tags/" + QByteArray(names.strings[i]);
        if (git_revparse_single(&object, m_repo.get(), refName.constData()) != 0)
            continue;
        ObjectHandle owned(object);
        if (git_object_type(object) == GIT_OBJECT_TAG)
            tag.message = QString::fromUtf8(git_tag_message(reinterpret_cast<git_tag *>(object))).trimmed();
        git_object *peeled = nullptr;
        if (git_object_peel(&peeled, object, GIT_OBJECT_COMMIT) == 0) {
            tag.targetId = toString(git_object_id(peeled));
            git_object_free(peeled);
        }
        tags.append(tag);
    }
    git_strarray_dispose(&names);
    git_error_clear();
    return tags;
}

Result<void> Repository::createTag(const QString &name, const QString &revision, const QString &message,
                                   const Person &tagger)
{
    const QByteArray bytes = name.trimmed().toUtf8();
    const QByteArray refName = "refs/tags/" + bytes;
    int valid = 0;
    if (bytes.isEmpty() || git_reference_name_is_valid(&valid, refName.constData()) != 0 || !valid) {
        git_error_clear();
        return vcsError(QStringLiteral("\"%1\" is not a valid tag name.").arg(name));
    }
    auto commit = lookupCommit(m_repo.get(), revision);
    if (!commit)
        return commit.error();
    auto *target = reinterpret_cast<const git_object *>(commit->get());
    git_oid oid;
    int code = 0;
    if (message.trimmed().isEmpty()) {
        code = git_tag_create_lightweight(&oid, m_repo.get(), bytes.constData(), target, 0);
    } else {
        auto signature = makeSignature(tagger);
        if (!signature)
            return signature.error();
        const QByteArray text = message.trimmed().toUtf8() + '\n';
        code = git_tag_create(&oid, m_repo.get(), bytes.constData(), target, signature->get(),
                              text.constData(), 0);
    }
    if (code == GIT_EEXISTS) {
        git_error_clear();
        return vcsError(QStringLiteral("A tag named \"%1\" already exists.").arg(name));
    }
    if (code != 0)
        return gitError(QStringLiteral("Cannot create tag %1").arg(name), code);
    return {};
}

} // namespace bunny::vcs
