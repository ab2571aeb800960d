#include "http/byterange.h"

#include <Poco/NumberParser.h>
#include <Poco/String.h>

namespace bunny::backend::http {

namespace {

bool parseNumber(const std::string &s, std::uint64_t &out)
{
    if (s.empty() || s.size() > 19 || s.find_first_not_of("0123456789") != std::string::npos)
        return false;
    out = Poco::NumberParser::parseUnsigned64(s);
    return true;
}

} // namespace

RangeAnswer parseRange(const std::string &header, std::uint64_t size, ByteRange &range)
{
    const std::string value = Poco::trim(header);
    if (value.rfind("bytes=", 0) != 0)
        return RangeAnswer::Full;
    const std::string spec = Poco::trim(value.substr(6));
    if (spec.find(',') != std::string::npos)
        return RangeAnswer::Full;
    const auto dash = spec.find('-');
    if (dash == std::string::npos)
        return RangeAnswer::Full;
    const std::string a = Poco::trim(spec.substr(0, dash)), b = Poco::trim(spec.substr(dash + 1));
    std::uint64_t first = 0, last = 0;
    if (a.empty()) { // suffix: the last b bytes
        if (!parseNumber(b, last))
            return RangeAnswer::Full;
        if (last == 0 || size == 0)
            return RangeAnswer::Unsatisfiable;
        range = {size - std::min(last, size), size - 1};
        return RangeAnswer::Partial;
    }
    if (!parseNumber(a, first))
        return RangeAnswer::Full;
    if (b.empty()) {
        last = size == 0 ? 0 : size - 1;
    } else if (!parseNumber(b, last) || last < first) {
        return RangeAnswer::Full;
    }
    if (first >= size)
        return RangeAnswer::Unsatisfiable;
    range = {first, std::min(last, size - 1)};
    return RangeAnswer::Partial;
}

} // namespace bunny::backend::http
