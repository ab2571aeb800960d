#include "recording/chunkedtext.h"

#include <algorithm>

namespace bunny::rec {

namespace {

// A chunk is split past kMaxChunk into kChunk pieces and merged with a neighbour below kMinChunk:
// small enough that copying one for an edit is cheap, big enough that the list stays short
// (a 2 MB file: ~500 chunks, an 8 KB list).
constexpr std::size_t kChunk = 4096;
constexpr std::size_t kMaxChunk = 2 * kChunk;
constexpr std::size_t kMinChunk = kChunk / 4;

} // namespace

ChunkedText::ChunkedText(const std::shared_ptr<const Chunks> &chunks)
    : m_shared(chunks)
{
    m_pieces.reserve(chunks->size());
    for (const Chunk &chunk : *chunks) {
        // Marked shared, so never written through this pointer: writable() copies first.
        m_pieces.push_back({std::const_pointer_cast<std::string>(chunk), true});
    }
    recount(0);
}

std::size_t ChunkedText::pieceAt(std::size_t pos) const
{
    const auto it = std::upper_bound(m_ends.begin(), m_ends.end(), pos);
    return it == m_ends.end() ? m_ends.size() - 1 : static_cast<std::size_t>(it - m_ends.begin());
}

bool ChunkedText::isBoundary(std::size_t pos) const
{
    if (pos >= size())
        return true;
    const std::size_t k = pieceAt(pos);
    const std::size_t start = k == 0 ? 0 : m_ends[k - 1];
    return (static_cast<unsigned char>((*m_pieces[k].data)[pos - start]) & 0xC0) != 0x80;
}

bool ChunkedText::matches(std::size_t pos, std::string_view text) const
{
    if (pos > size() || text.size() > size() - pos)
        return false;
    if (text.empty())
        return true;
    for (std::size_t k = pieceAt(pos); !text.empty(); ++k) {
        const std::size_t start = k == 0 ? 0 : m_ends[k - 1];
        const std::string_view piece = std::string_view(*m_pieces[k].data).substr(pos - start);
        const std::size_t n = std::min(piece.size(), text.size());
        if (piece.substr(0, n) != text.substr(0, n))
            return false;
        text.remove_prefix(n);
        pos += n;
    }
    return true;
}

void ChunkedText::assign(std::string_view text)
{
    m_shared.reset();
    m_pieces.clear();
    const std::size_t count = (text.size() + kChunk - 1) / kChunk;
    m_pieces.reserve(count);
    for (std::size_t i = 0; i < count; ++i)
        m_pieces.push_back({std::make_shared<std::string>(text.substr(i * kChunk, kChunk)), false});
    recount(0);
}

std::string &ChunkedText::writable(std::size_t index)
{
    m_shared.reset();
    Piece &piece = m_pieces[index];
    if (piece.shared) {
        piece.data = std::make_shared<std::string>(*piece.data);
        piece.shared = false;
    }
    return *piece.data;
}

void ChunkedText::splitIfBig(std::size_t index)
{
    if (m_pieces[index].data->size() <= kMaxChunk)
        return;
    const std::string whole = std::move(*m_pieces[index].data);
    const std::size_t count = (whole.size() + kChunk - 1) / kChunk;
    std::vector<Piece> parts;
    parts.reserve(count);
    for (std::size_t i = 0; i < count; ++i)
        parts.push_back({std::make_shared<std::string>(whole.substr(i * kChunk, kChunk)), false});
    m_pieces.erase(m_pieces.begin() + static_cast<std::ptrdiff_t>(index));
    m_pieces.insert(m_pieces.begin() + static_cast<std::ptrdiff_t>(index), parts.begin(), parts.end());
}

void ChunkedText::recount(std::size_t from)
{
    m_ends.resize(m_pieces.size());
    std::size_t end = from == 0 ? 0 : m_ends[from - 1];
    for (std::size_t i = from; i < m_pieces.size(); ++i) {
        end += m_pieces[i].data->size();
        m_ends[i] = end;
    }
}

void ChunkedText::insert(std::size_t pos, std::string_view text)
{
    if (text.empty())
        return;
    if (m_pieces.empty()) {
        assign(text);
        return;
    }
    const std::size_t k = pieceAt(pos);
    const std::size_t start = k == 0 ? 0 : m_ends[k - 1];
    writable(k).insert(pos - start, text);
    splitIfBig(k);
    recount(k);
}

void ChunkedText::erase(std::size_t pos, std::size_t length)
{
    if (length == 0)
        return;
    m_shared.reset();
    const std::size_t first = pieceAt(pos);
    while (length > 0) {
        const std::size_t k = pieceAt(pos);
        const std::size_t start = k == 0 ? 0 : m_ends[k - 1];
        const std::size_t pieceSize = m_pieces[k].data->size();
        const std::size_t take = std::min(length, pieceSize - (pos - start));
        if (take == pieceSize) {
            m_pieces.erase(m_pieces.begin() + static_cast<std::ptrdiff_t>(k));
            m_ends.erase(m_ends.begin() + static_cast<std::ptrdiff_t>(k));
        } else {
            writable(k).erase(pos - start, take);
        }
        recount(k);
        length -= take;
    }
    // A piece left small joins its successor, so long deletions do not leave crumbs.
    for (std::size_t k = first == 0 ? 0 : first - 1; k <= first && k + 1 < m_pieces.size(); ++k) {
        const std::size_t a = m_pieces[k].data->size(), b = m_pieces[k + 1].data->size();
        if ((a < kMinChunk || b < kMinChunk) && a + b <= kMaxChunk) {
            const std::string next = *m_pieces[k + 1].data;
            writable(k).append(next);
            m_pieces.erase(m_pieces.begin() + static_cast<std::ptrdiff_t>(k + 1));
            recount(k);
            break;
        }
    }
}

void ChunkedText::flattenInto(std::string &out) const
{
    out.clear();
    out.reserve(size());
    for (const Piece &piece : m_pieces)
        out += *piece.data;
}

std::string ChunkedText::flatten() const
{
    std::string out;
    flattenInto(out);
    return out;
}

std::shared_ptr<const ChunkedText::Chunks> ChunkedText::share()
{
    if (!m_shared) {
        auto chunks = std::make_shared<Chunks>();
        chunks->reserve(m_pieces.size());
        for (Piece &piece : m_pieces) {
            chunks->push_back(piece.data);
            piece.shared = true;
        }
        m_shared = std::move(chunks);
    }
    return m_shared;
}

std::size_t ChunkedText::unsharedBytes() const
{
    if (m_shared)
        return 0;
    std::size_t bytes = m_pieces.size() * sizeof(Chunk);
    for (const Piece &piece : m_pieces) {
        if (!piece.shared)
            bytes += piece.data->size();
    }
    return bytes;
}

} // namespace bunny::rec
