#pragma once

#include "recording/event.h"

#include <core/result.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace bunny::rec {

/// The state of every file of a recording at one moment: texts, the focused file and each file's
/// last selection. Positions are byte offsets into UTF-8; an op that does not fit (a position past
/// the end or inside a multi-byte character, deleted text that differs, an unknown path) is an
/// error and leaves the document unchanged.
///
/// Focus is the path of the last `f` event. `r` and `x` do not move it (a writer follows them with
/// an `f`), so it may name a file that no longer exists; text(focus()) is then null.
class Document
{
public:
    Result<void> apply(const Event &event);

    /// The op that undoes `event` when applied right after it. Computed against this document
    /// as it is *before* `event` (a `k` or `x` must know the text it replaces or removes).
    /// The inverse of `x` is a `k` that also carries the removed file's selection in `ranges`
    /// (a `k` that creates a file takes its selection from `ranges` when given, else 0, 0).
    /// `m` and `o` do not change the document: their inverse is themselves.
    /// The inverse of an `s` restores the previous selection, which later edits may have made
    /// stale (edits do not move selections); it carries pos = kRestoredSelection so that apply()
    /// does not check its positions against the text.
    Result<Event> inverse(const Event &event) const;

    /// Event::pos of an `s` that restores a selection unchecked (only inverse() makes these).
    static constexpr std::int64_t kRestoredSelection = -1;

    const std::map<std::string, std::string> &files() const { return m_files; }
    /// The text of `path`, or null if there is no such file.
    const std::string *text(const std::string &path) const;
    /// The visible file; empty before the first `f`.
    const std::string &focus() const { return m_focus; }
    /// anchor, caret pairs of the last `s` of `path` (0, 0 for a file that had none), or null.
    const std::vector<std::int64_t> *selection(const std::string &path) const;
    const std::map<std::string, std::vector<std::int64_t>> &selections() const { return m_selections; }

    /// Total bytes of text held.
    std::size_t textBytes() const;

    bool operator==(const Document &) const = default;

private:
    friend class Recording;
    friend class Cursor;

    std::map<std::string, std::string> m_files;
    std::map<std::string, std::vector<std::int64_t>> m_selections;
    std::string m_focus;
};

} // namespace bunny::rec
