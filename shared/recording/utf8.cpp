#include "recording/utf8.h"

namespace bunny::rec::utf8 {

bool isValid(std::string_view text)
{
    const auto *p = reinterpret_cast<const unsigned char *>(text.data());
    const auto *end = p + text.size();
    while (p < end) {
        const unsigned char c = *p;
        if (c < 0x80) {
            ++p;
            continue;
        }
        std::size_t len;
        unsigned char lo = 0x80, hi = 0xBF; // allowed range of the second byte
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            if (c == 0xE0)
                lo = 0xA0; // overlong
            else if (c == 0xED)
                hi = 0x9F; // surrogates
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            if (c == 0xF0)
                lo = 0x90; // overlong
            else if (c == 0xF4)
                hi = 0x8F; // past U+10FFFF
        } else {
            return false;
        }
        if (static_cast<std::size_t>(end - p) < len || p[1] < lo || p[1] > hi)
            return false;
        for (std::size_t i = 2; i < len; ++i) {
            if ((p[i] & 0xC0) != 0x80)
                return false;
        }
        p += len;
    }
    return true;
}

} // namespace bunny::rec::utf8
