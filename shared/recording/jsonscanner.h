#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace bunny::rec::detail {

/// A small strict JSON scanner over one line, for the hot path of reading events: no DOM, no
/// allocation beyond the strings it decodes, and a nesting limit so no input can exhaust the stack.
/// After a failure, error() says why and truncated() whether the line simply ended too early
/// (what a crash mid-write leaves behind).
class JsonScanner
{
public:
    static constexpr int kMaxDepth = 64;

    explicit JsonScanner(std::string_view text)
        : m_p(text.data())
        , m_end(text.data() + text.size())
    {}

    /// The next significant character without consuming it; '\0' at the end of the line.
    char peek();
    /// Consumes `c` if it is the next significant character.
    bool consume(char c);
    /// True when only whitespace is left.
    bool atEnd();

    /// Reads a string value into `out` (decoded, checked to be valid UTF-8).
    bool readString(std::string &out);
    /// Reads a number; `isInteger` tells whether it was an integer that fits in 64 bits.
    bool readNumber(std::int64_t &out, bool &isInteger);
    /// Reads and discards any value.
    bool skipValue(int depth = 0);

    bool fail(std::string message);
    bool failEnd();
    const std::string &error() const { return m_error; }
    bool truncated() const { return m_truncated; }

private:
    bool readLiteral(std::string_view word);
    bool readHex4(char32_t &out);

    const char *m_p;
    const char *m_end;
    std::string m_error;
    bool m_truncated = false;
};

/// Appends `text` as a JSON string literal (quotes included); non-ASCII UTF-8 is kept as is.
void appendJsonString(std::string &out, std::string_view text);

} // namespace bunny::rec::detail
