// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/detail/grammar/x3.hpp>

#include <string_view>

namespace listquery::detail::grammar {

/// One `&`-separated segment of a query string, still percent-encoded.
struct raw_param {
    std::string_view key, value;
    bool has_value = false;
    /// Whether the key, or the value, holds a `%` (may need decoding, may be malformed) or a
    /// `+` (a space): the others are their own text.
    bool key_escaped = false, value_escaped = false;
};

namespace query_string_rules {

inline constexpr lut_chars key_byte = ~lut_chars("&=%+"); // ends at '&' or '='; '%' and '+' are noted
inline constexpr lut_chars value_byte = ~lut_chars("&%+");
inline constexpr lut_chars escape_byte = "%+";
inline auto const view_of = [](auto const& range) {
    return std::string_view(range.begin(), static_cast<std::size_t>(range.end() - range.begin()));
};
inline auto const set_key = [](auto& ctx) { x3::_val(ctx).key = view_of(x3::_attr(ctx)); };
inline auto const set_value = [](auto& ctx) {
    x3::_val(ctx).value = view_of(x3::_attr(ctx));
    x3::_val(ctx).has_value = true;
};
inline auto const key_escaped = [](auto& ctx) { x3::_val(ctx).key_escaped = true; };
inline auto const value_escaped = [](auto& ctx) { x3::_val(ctx).value_escaped = true; };
// A segment never fails: the key runs to the first '=' or '&', the value to the next '&'.
inline auto const segment =
    x3::rule<struct segment_id, raw_param>{"query segment"} =
        x3::raw[*(+byte_class<key_byte>{} | byte_class<escape_byte>{}[key_escaped])][set_key] >>
        -('=' >> x3::raw[*(+byte_class<value_byte>{} | byte_class<escape_byte>{}[value_escaped])][set_value]);
} // namespace query_string_rules

/// Calls `f(raw_param)` for each non-empty segment, split on `&` only (docs/semantics.md#query-split), the key
/// ending at the first `=`; one pass over the bytes.
template <class F>
void for_each_raw_param(std::string_view query, F&& f) {
    char const* it = query.data();
    char const* const end = it + query.size();
    while (it != end) {
        if (*it == '&') {
            ++it;
            continue;
        }
        raw_param p;
        x3::parse(it, end, query_string_rules::segment, p); // stops at '&' or the end
        f(p);
    }
}

} // namespace listquery::detail::grammar
