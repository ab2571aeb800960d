#pragma once

#include <git2.h>

#include <memory>

namespace bunny::vcs {

/// Frees a libgit2 object with its own free function, for std::unique_ptr.
template<auto FreeFunction> struct Deleter
{
    template<typename T> void operator()(T *object) const { FreeFunction(object); }
};

template<typename T, auto FreeFunction> using Handle = std::unique_ptr<T, Deleter<FreeFunction>>;

using RepositoryHandle = Handle<git_repository, git_repository_free>;
using IndexHandle = Handle<git_index, git_index_free>;
using CommitHandle = Handle<git_commit, git_commit_free>;
using TreeHandle = Handle<git_tree, git_tree_free>;
using ObjectHandle = Handle<git_object, git_object_free>;
using ReferenceHandle = Handle<git_reference, git_reference_free>;
using SignatureHandle = Handle<git_signature, git_signature_free>;
using StatusListHandle = Handle<git_status_list, git_status_list_free>;
using RevwalkHandle = Handle<git_revwalk, git_revwalk_free>;
using DiffHandle = Handle<git_diff, git_diff_free>;
using PatchHandle = Handle<git_patch, git_patch_free>;
using BranchIteratorHandle = Handle<git_branch_iterator, git_branch_iterator_free>;
using BlobHandle = Handle<git_blob, git_blob_free>;
using TagHandle = Handle<git_tag, git_tag_free>;

/// A git_buf that frees itself.
class Buffer
{
public:
    Buffer() = default;
    ~Buffer() { git_buf_dispose(&m_buf); }
    Buffer(const Buffer &) = delete;
    Buffer &operator=(const Buffer &) = delete;

    git_buf *get() { return &m_buf; }
    const char *data() const { return m_buf.ptr ? m_buf.ptr : ""; }

private:
    git_buf m_buf = GIT_BUF_INIT;
};

} // namespace bunny::vcs
