#include "problems/outputmatch.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <string_view>
#include <vector>

namespace bunny::problems {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

/// The lines of `text` with trailing blank lines dropped (a line of spaces is blank).
std::vector<std::string_view> significantLines(std::string_view text)
{
    std::vector<std::string_view> lines;
    size_t start = 0;
    while (start <= text.size()) {
        const size_t end = std::min(text.find('\n', start), text.size());
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    const auto blank = [](std::string_view line) { return std::all_of(line.begin(), line.end(), isSpace); };
    while (!lines.empty() && blank(lines.back()))
        lines.pop_back();
    return lines;
}

std::vector<std::string_view> tokens(std::string_view line)
{
    std::vector<std::string_view> out;
    size_t at = 0;
    while (at < line.size()) {
        while (at < line.size() && isSpace(line[at]))
            ++at;
        const size_t start = at;
        while (at < line.size() && !isSpace(line[at]))
            ++at;
        if (at > start)
            out.push_back(line.substr(start, at - start));
    }
    return out;
}

/// A finite number written in decimal (no "nan", "inf" or hex: those are compared as text).
std::optional<double> number(std::string_view token)
{
    if (token.empty() || token.size() > 64)
        return std::nullopt;
    for (char c : token) {
        if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '+' || c == '.' || c == 'e' ||
              c == 'E'))
            return std::nullopt;
    }
    const std::string copy(token);
    char *end = nullptr;
    errno = 0;
    const double value = std::strtod(copy.c_str(), &end);
    if (end != copy.c_str() + copy.size() || errno == ERANGE || !std::isfinite(value))
        return std::nullopt;
    return value;
}

bool tokensMatch(std::string_view expected, std::string_view actual, std::optional<double> tolerance)
{
    if (expected == actual)
        return true;
    if (!tolerance)
        return false;
    const auto e = number(expected), a = number(actual);
    if (!e || !a)
        return false;
    return std::fabs(*e - *a) <= *tolerance * std::max(1.0, std::fabs(*e));
}

} // namespace

bool outputsMatch(const std::string &expected, const std::string &actual, std::optional<double> tolerance)
{
    const auto want = significantLines(expected), got = significantLines(actual);
    if (want.size() != got.size())
        return false;
    for (size_t i = 0; i < want.size(); ++i) {
        const auto wantTokens = tokens(want[i]), gotTokens = tokens(got[i]);
        if (wantTokens.size() != gotTokens.size())
            return false;
        for (size_t j = 0; j < wantTokens.size(); ++j) {
            if (!tokensMatch(wantTokens[j], gotTokens[j], tolerance))
                return false;
        }
    }
    return true;
}

} // namespace bunny::problems
