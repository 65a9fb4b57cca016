// SPDX-License-Identifier: BSL-1.0
#pragma once

// The one place that includes Spirit X3. Grammars classify bytes with x3::ascii only:
// x3's standard classes pass sign-extended bytes >= 0x80 to std::isdigit & co (undefined).
#include <boost/spirit/home/x3.hpp>

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

} // namespace listquery::detail::grammar
