#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace bunny::rec {

/// A file's text as a list of chunks of a few KiB, for the keyframes of a Recording (internal).
/// Chunks are shared, copy-on-write: share() hands out the chunks as immutable pointers, and
/// after it an edit copies only the chunk it touches. So a keyframe of a large file costs its
/// chunk list plus the chunks edited since the previous keyframe, not the whole text, and an edit
/// costs a chunk, not a move of the whole text (a seek replays edits on chunks).
class ChunkedText
{
public:
    using Chunk = std::shared_ptr<const std::string>;
    using Chunks = std::vector<Chunk>;

    ChunkedText() = default;
    explicit ChunkedText(std::string_view text) { assign(text); }
    /// Starts from a keyframe's chunks, shared (the first edit of each copies it).
    explicit ChunkedText(const std::shared_ptr<const Chunks> &chunks);

    std::size_t size() const { return m_ends.empty() ? 0 : m_ends.back(); }
    /// Whether `pos` (<= size()) does not fall inside a multi-byte UTF-8 character.
    bool isBoundary(std::size_t pos) const;
    /// Whether the bytes at `pos` are `text` (pos + text.size() <= size()).
    bool matches(std::size_t pos, std::string_view text) const;

    void assign(std::string_view text);
    void insert(std::size_t pos, std::string_view text);
    void erase(std::size_t pos, std::size_t length);

    std::string flatten() const;
    void flattenInto(std::string &out) const;

    /// The chunks as they are, shared: later edits copy the chunks they touch.
    std::shared_ptr<const Chunks> share();
    /// What share() would newly allocate: 0 when nothing changed since the last share(), else the
    /// chunk list plus the chunks edited since.
    std::size_t unsharedBytes() const;

private:
    struct Piece
    {
        std::shared_ptr<std::string> data;
        bool shared = false; ///< held by a keyframe: never written, copied before an edit
    };
    /// Index of the piece holding byte `pos` (for pos == size(): the last piece).
    std::size_t pieceAt(std::size_t pos) const;
    std::string &writable(std::size_t index);
    void splitIfBig(std::size_t index);
    void recount(std::size_t from);

    std::vector<Piece> m_pieces;
    std::vector<std::size_t> m_ends;        ///< m_ends[i]: offset just past piece i
    std::shared_ptr<const Chunks> m_shared; ///< the last share(), while nothing changed since
};

} // namespace bunny::rec
