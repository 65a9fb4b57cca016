// SPDX-License-Identifier: BSL-1.0
#pragma once

// The one place that includes Spirit X3. Grammars classify bytes with x3::ascii only:
// x3's standard classes pass sign-extended bytes >= 0x80 to std::isdigit & co (undefined).
#include <boost/spirit/home/x3.hpp>
#include <boost/url/grammar/alnum_chars.hpp>
#include <boost/url/grammar/lut_chars.hpp>

#include <array>
#include <cstddef>
#include <string_view>

namespace listquery::detail::grammar {

namespace x3 = boost::spirit::x3;

/// Runs `p` on a prefix of `s`; returns how many bytes it consumed, or npos if it failed.
template <class Parser>
std::size_t parse_prefix(std::string_view s, Parser const& p) {
    char const* first = s.data();
    if (!x3::parse(first, s.data() + s.size(), p))
        return std::string_view::npos;
    return static_cast<std::size_t>(first - s.data());
}

using boost::urls::grammar::lut_chars;

/// An X3 parser of one byte in `Chars`, tested with one load from a byte table. Not
/// `lut_chars::operator()` (a shift, a mask and a load): the table runs 10% fewer instructions
/// over whole parses (callgrind, selector plus two queries), and `x3::char_("a-z")` tests a
/// `std::bitset`, several instructions a byte.
template <lut_chars const& Chars>
struct byte_class : x3::char_parser<byte_class<Chars>> {
    using attribute_type = char;
    static bool const has_attribute = true;

    template <class Char, class Context>
    bool test(Char c, Context const&) const noexcept {
        return table[static_cast<unsigned char>(c)];
    }

private:
    static constexpr std::array<bool, 256> table = [] {
        std::array<bool, 256> t{};
        for (unsigned c = 0; c != 256; ++c)
            t[c] = Chars(static_cast<unsigned char>(c));
        return t;
    }();
};

/// `[A-Za-z0-9]`
inline constexpr lut_chars alphanumeric = boost::urls::grammar::alnum_chars;

} // namespace listquery::detail::grammar
