// SPDX-License-Identifier: BSL-1.0
#pragma once

// The one place that includes Spirit X3. Grammars classify bytes with x3::ascii only:
// x3's standard classes pass sign-extended bytes >= 0x80 to std::isdigit & co (undefined).
#include <boost/spirit/home/x3.hpp>

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

/// `Class::contains` for every byte, as a table.
template <class Class>
constexpr std::array<bool, 256> byte_table() {
    std::array<bool, 256> table{};
    for (unsigned c = 0; c != 256; ++c)
        table[c] = Class::contains(static_cast<unsigned char>(c));
    return table;
}

/// An X3 parser of one byte in a class, tested with one table load (`x3::char_("a-z")` tests a
/// `std::bitset`, several instructions a byte). `Class::contains(unsigned char)` is constexpr.
template <class Class>
struct byte_class : x3::char_parser<byte_class<Class>> {
    using attribute_type = char;
    static bool const has_attribute = true;

    template <class Char, class Context>
    bool test(Char c, Context const&) const noexcept {
        return table[static_cast<unsigned char>(c)];
    }

private:
    static constexpr std::array<bool, 256> table = byte_table<Class>();
};

/// `[A-Za-z0-9]`
struct alphanumeric {
    static constexpr bool contains(unsigned char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
};

} // namespace listquery::detail::grammar
