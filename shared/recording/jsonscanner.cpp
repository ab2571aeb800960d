#include "recording/jsonscanner.h"

#include "recording/utf8.h"

#include <charconv>

namespace bunny::rec::detail {

namespace {

bool isWs(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

} // namespace

char JsonScanner::peek()
{
    while (m_p < m_end && isWs(*m_p))
        ++m_p;
    return m_p < m_end ? *m_p : '\0';
}

bool JsonScanner::consume(char c)
{
    if (peek() == c && m_p < m_end) {
        ++m_p;
        return true;
    }
    return false;
}

bool JsonScanner::atEnd()
{
    peek();
    return m_p == m_end;
}

bool JsonScanner::fail(std::string message)
{
    if (m_error.empty())
        m_error = std::move(message);
    return false;
}

bool JsonScanner::failEnd()
{
    m_truncated = true;
    return fail("the line ends in the middle of a JSON value");
}

bool JsonScanner::readHex4(char32_t &out)
{
    if (m_end - m_p < 4)
        return failEnd();
    out = 0;
    for (int i = 0; i < 4; ++i) {
        const char c = *m_p++;
        out <<= 4;
        if (c >= '0' && c <= '9')
            out |= static_cast<char32_t>(c - '0');
        else if (c >= 'a' && c <= 'f')
            out |= static_cast<char32_t>(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            out |= static_cast<char32_t>(c - 'A' + 10);
        else
            return fail("bad \\u escape in a string");
    }
    return true;
}

bool JsonScanner::readString(std::string &out)
{
    out.clear();
    if (peek() != '"')
        return m_p == m_end ? failEnd() : fail("expected a string");
    ++m_p;
    for (;;) {
        // Copy the plain run up to the next quote, backslash or control character in one go.
        const char *run = m_p;
        bool ascii = true;
        while (m_p < m_end) {
            const auto c = static_cast<unsigned char>(*m_p);
            if (c == '"' || c == '\\' || c < 0x20)
                break;
            ascii = ascii && c < 0x80;
            ++m_p;
        }
        const std::string_view chunk(run, static_cast<std::size_t>(m_p - run));
        if (!ascii && !utf8::isValid(chunk)) {
            // A multi-byte character cut by the end of the line is a truncation, not bad data.
            if (m_p == m_end)
                return failEnd();
            return fail("a string is not valid UTF-8");
        }
        out.append(chunk);
        if (m_p == m_end)
            return failEnd();
        const char c = *m_p++;
        if (c == '"')
            return true;
        if (c != '\\')
            return fail("a control character inside a string must be escaped");
        if (m_p == m_end)
            return failEnd();
        const char e = *m_p++;
        switch (e) {
        case '"':
            out.push_back('"');
            break;
        case '\\':
            out.push_back('\\');
            break;
        case '/':
            out.push_back('/');
            break;
        case 'b':
            out.push_back('\b');
            break;
        case 'f':
            out.push_back('\f');
            break;
        case 'n':
            out.push_back('\n');
            break;
        case 'r':
            out.push_back('\r');
            break;
        case 't':
            out.push_back('\t');
            break;
        case 'u': {
            char32_t cp;
            if (!readHex4(cp))
                return false;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                if (m_end - m_p < 6)
                    return m_end - m_p < 2 || (m_p[0] == '\\' && m_p[1] == 'u')
                               ? failEnd()
                               : fail("a lone surrogate in a \\u escape is not text");
                if (m_p[0] != '\\' || m_p[1] != 'u')
                    return fail("a lone surrogate in a \\u escape is not text");
                m_p += 2;
                char32_t low;
                if (!readHex4(low))
                    return false;
                if (low < 0xDC00 || low > 0xDFFF)
                    return fail("a lone surrogate in a \\u escape is not text");
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                return fail("a lone surrogate in a \\u escape is not text");
            }
            utf8::append(out, cp);
            break;
        }
        default:
            return fail("unknown escape in a string");
        }
    }
}

bool JsonScanner::readNumber(std::int64_t &out, bool &isInteger)
{
    peek();
    const char *start = m_p;
    if (m_p < m_end && *m_p == '-')
        ++m_p;
    if (m_p == m_end)
        return failEnd();
    if (*m_p == '0') {
        ++m_p;
    } else if (*m_p >= '1' && *m_p <= '9') {
        while (m_p < m_end && *m_p >= '0' && *m_p <= '9')
            ++m_p;
    } else {
        return fail("expected a number");
    }
    const char *intEnd = m_p;
    isInteger = true;
    if (m_p < m_end && *m_p == '.') {
        isInteger = false;
        ++m_p;
        const char *digits = m_p;
        while (m_p < m_end && *m_p >= '0' && *m_p <= '9')
            ++m_p;
        if (m_p == digits)
            return m_p == m_end ? failEnd() : fail("bad number");
    }
    if (m_p < m_end && (*m_p == 'e' || *m_p == 'E')) {
        isInteger = false;
        ++m_p;
        if (m_p < m_end && (*m_p == '+' || *m_p == '-'))
            ++m_p;
        const char *digits = m_p;
        while (m_p < m_end && *m_p >= '0' && *m_p <= '9')
            ++m_p;
        if (m_p == digits)
            return m_p == m_end ? failEnd() : fail("bad number");
    }
    if (isInteger) {
        const auto [ptr, ec] = std::from_chars(start, intEnd, out);
        isInteger = ec == std::errc() && ptr == intEnd;
    }
    return true;
}

bool JsonScanner::readLiteral(std::string_view word)
{
    for (char c : word) {
        if (m_p == m_end)
            return failEnd();
        if (*m_p++ != c)
            return fail("not JSON");
    }
    return true;
}

bool JsonScanner::skipValue(int depth)
{
    if (depth >= kMaxDepth)
        return fail("JSON nested too deeply");
    std::string scratch;
    switch (peek()) {
    case '\0':
        return m_p == m_end ? failEnd() : fail("not JSON");
    case '"':
        return readString(scratch);
    case 't':
        return readLiteral("true");
    case 'f':
        return readLiteral("false");
    case 'n':
        return readLiteral("null");
    case '[':
        ++m_p;
        if (consume(']'))
            return true;
        for (;;) {
            if (!skipValue(depth + 1))
                return false;
            if (consume(']'))
                return true;
            if (!consume(','))
                return atEnd() ? failEnd() : fail("expected ',' or ']' in an array");
        }
    case '{':
        ++m_p;
        if (consume('}'))
            return true;
        for (;;) {
            if (!readString(scratch))
                return false;
            if (!consume(':'))
                return atEnd() ? failEnd() : fail("expected ':' in an object");
            if (!skipValue(depth + 1))
                return false;
            if (consume('}'))
                return true;
            if (!consume(','))
                return atEnd() ? failEnd() : fail("expected ',' or '}' in an object");
        }
    default: {
        std::int64_t n;
        bool isInteger;
        return readNumber(n, isInteger);
    }
    }
}

void appendJsonString(std::string &out, std::string_view text)
{
    static constexpr char kHex[] = "0123456789abcdef";
    out.push_back('"');
    const char *run = text.data();
    const char *end = text.data() + text.size();
    for (const char *p = run; p < end; ++p) {
        const auto c = static_cast<unsigned char>(*p);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        out.append(run, p);
        run = p + 1;
        switch (c) {
        case '"':
            out.append("\\\"");
            break;
        case '\\':
            out.append("\\\\");
            break;
        case '\n':
            out.append("\\n");
            break;
        case '\t':
            out.append("\\t");
            break;
        case '\r':
            out.append("\\r");
            break;
        case '\b':
            out.append("\\b");
            break;
        case '\f':
            out.append("\\f");
            break;
        default:
            out.append("\\u00");
            out.push_back(kHex[c >> 4]);
            out.push_back(kHex[c & 0xF]);
        }
    }
    out.append(run, end);
    out.push_back('"');
}

} // namespace bunny::rec::detail
