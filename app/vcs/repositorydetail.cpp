#include "vcs/repositorydetail.h"

#include "vcs/giterror.h"

#include <QTimeZone>

namespace bunny::vcs::detail {

QString toString(const git_oid *oid)
{
    char text[GIT_OID_HEXSZ + 1] = {};
    git_oid_tostr(text, sizeof text, oid);
    return QString::fromLatin1(text);
}

QString shortId(git_commit *commit)
{
    Buffer buffer;
    if (git_object_short_id(buffer.get(), reinterpret_cast<const git_object *>(commit)) != 0) {
        git_error_clear();
        return toString(git_commit_id(commit)).left(7);
    }
    return QString::fromLatin1(buffer.data());
}

QByteArray toPath(const QString &path)
{
    return path.toUtf8();
}

StringArray::StringArray(const QStringList &strings)
{
    for (const QString &string : strings)
        m_bytes.append(string.toUtf8());
    for (QByteArray &bytes : m_bytes)
        m_pointers.push_back(bytes.data());
    m_array.strings = m_pointers.data();
    m_array.count = m_pointers.size();
}

Result<CommitHandle> lookupCommit(git_repository *repo, const QString &revision)
{
    const QByteArray spec = (revision.isEmpty() ? QStringLiteral("HEAD") : revision).toUtf8();
    git_object *object = nullptr;
    if (int code = git_revparse_single(&object, repo, spec.constData()); code != 0) {
        if (code == GIT_ENOTFOUND && revision.isEmpty()) {
            git_error_clear();
            return vcsError(QStringLiteral("There is no version yet: make a first commit."));
        }
        return gitError(QStringLiteral("Cannot find version %1").arg(QString::fromUtf8(spec)), code);
    }
    ObjectHandle owned(object);
    git_object *peeled = nullptr;
    if (int code = git_object_peel(&peeled, object, GIT_OBJECT_COMMIT); code != 0)
        return gitError(QStringLiteral("%1 is not a version").arg(QString::fromUtf8(spec)), code);
    return CommitHandle(reinterpret_cast<git_commit *>(peeled));
}

Result<SignatureHandle> makeSignature(const Person &person)
{
    if (person.name.trimmed().isEmpty())
        return vcsError(QStringLiteral("Set your name for commits first (Version control settings)."));
    const QDateTime now = QDateTime::currentDateTime();
    git_signature *signature = nullptr;
    const QByteArray name = person.name.trimmed().toUtf8();
    const QByteArray email = person.email.trimmed().toUtf8();
    if (int code = git_signature_new(&signature, name.constData(), email.constData(), now.toSecsSinceEpoch(),
                                     now.offsetFromUtc() / 60);
        code != 0)
        return gitError(QStringLiteral("Invalid author \"%1 <%2>\"").arg(person.name, person.email), code);
    return SignatureHandle(signature);
}

namespace {
int collectTag(const char *name, git_oid *oid, void *payload)
{
    auto *labels = static_cast<Labels *>(payload);
    const QString tagName = QString::fromUtf8(name).mid(int(qstrlen("refs/tags/")));
    labels->tags[toString(oid)].append(tagName); // peeled by the caller
    return 0;
}
} // namespace

Labels collectLabels(git_repository *repo)
{
    Labels labels;
    git_branch_iterator *rawIterator = nullptr;
    if (git_branch_iterator_new(&rawIterator, repo, GIT_BRANCH_LOCAL) == 0) {
        BranchIteratorHandle iterator(rawIterator);
        git_reference *ref = nullptr;
        git_branch_t type{};
        while (git_branch_next(&ref, &type, iterator.get()) == 0) {
            ReferenceHandle owned(ref);
            const char *name = nullptr;
            const git_oid *target = git_reference_target(ref);
            if (target && git_branch_name(&name, ref) == 0)
                labels.branches[toString(target)].append(QString::fromUtf8(name));
        }
    }
    Labels raw;
    git_tag_foreach(repo, collectTag, &raw);
    // Annotated tags point at a tag object: peel each to the commit it names.
    for (auto it = raw.tags.cbegin(); it != raw.tags.cend(); ++it) {
        git_oid oid;
        git_object *object = nullptr;
        if (git_oid_fromstr(&oid, it.key().toLatin1().constData()) != 0 ||
            git_object_lookup(&object, repo, &oid, GIT_OBJECT_ANY) != 0)
            continue;
        ObjectHandle owned(object);
        git_object *peeled = nullptr;
        if (git_object_peel(&peeled, object, GIT_OBJECT_COMMIT) != 0)
            continue;
        ObjectHandle ownedPeeled(peeled);
        labels.tags[toString(git_object_id(peeled))].append(it.value());
    }
    git_error_clear();
    return labels;
}

CommitInfo toCommitInfo(git_commit *commit, const Labels &labels, const QString &headId)
{
    CommitInfo info;
    info.id = toString(git_commit_id(commit));
    info.shortId = shortId(commit);
    info.message = QString::fromUtf8(git_commit_message(commit));
    info.subject = info.message.section(QLatin1Char('\n'), 0, 0).trimmed();
    const git_signature *author = git_commit_author(commit);
    info.author = {QString::fromUtf8(author->name), QString::fromUtf8(author->email)};
    info.time = QDateTime::fromSecsSinceEpoch(author->when.time, QTimeZone(author->when.offset * 60));
    for (unsigned i = 0; i < git_commit_parentcount(commit); ++i)
        info.parents.append(toString(git_commit_parent_id(commit, i)));
    info.branches = labels.branches.value(info.id);
    info.tags = labels.tags.value(info.id);
    info.isHead = info.id == headId;
    return info;
}

QString headId(git_repository *repo)
{
    git_oid oid;
    if (git_reference_name_to_id(&oid, repo, "HEAD") != 0) {
        git_error_clear();
        return QString();
    }
    return toString(&oid);
}

} // namespace bunny::vcs::detail
