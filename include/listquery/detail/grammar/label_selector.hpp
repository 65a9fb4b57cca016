// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/detail/grammar/x3.hpp>
#include <listquery/label_selector.hpp>

#include <cstddef>
#include <optional>
#include <string_view>

namespace listquery::detail::grammar {

/// Calls `f(offset, text)` for each requirement of a selector, split as Cloud Controller's
/// `scan(/(?:\(.*?\)|[^,])+/)`: commas inside `(…)` (closed before any newline) do not split;
/// empty segments give nothing. Hand-written rather than X3 because that regex, run naively,
/// is quadratic (`((((…` with no `)`); the next `)` and `\n` are cached, so this is linear.
template <class F>
void split_requirements(std::string_view s, F&& f) {
    constexpr auto npos = std::string_view::npos;
    // The first ')' and '\n' at or after the last look-up. Look-ups only move forward, so each
    // byte is searched at most once for each.
    std::size_t close = 0, newline = 0;
    auto group_closes = [&](std::size_t from) {
        if (close != npos && close < from)
            close = s.find(')', from);
        if (newline != npos && newline < from)
            newline = s.find('\n', from);
        return close != npos && close < newline;
    };
    std::size_t pos = 0;
    while (pos < s.size()) {
        if (s[pos] == ',') {
            ++pos;
            continue;
        }
        std::size_t const start = pos;
        while (pos < s.size() && s[pos] != ',') {
            if (s[pos] == '(' && group_closes(pos + 1))
                pos = close; // the group, lazily up to the first ')', may hold commas
            ++pos;
        }
        f(start, s.substr(start, pos - start));
    }
}

/// One requirement matched against Cloud Controller's six patterns, in their order.
struct requirement_match {
    selector_op op;
    std::string_view key;
    std::string_view values;
};

inline std::optional<requirement_match> match_requirement(std::string_view r) {
    std::string_view key, values;
    auto const to_view = [](auto const& range) {
        return std::string_view(range.begin(), static_cast<std::size_t>(range.end() - range.begin()));
    };
    auto const set_key = [&](auto& ctx) { key = to_view(x3::_attr(ctx)); };
    auto const set_values = [&](auto& ctx) { values = to_view(x3::_attr(ctx)); };
    auto const full = [&](auto const& p) { return parse_prefix(r, p) == r.size(); };

    // Ruby's `.` matches any byte but '\n'; `\w` is ASCII.
    auto const any = x3::char_ - '\n';
    auto const key_chars = x3::raw[+(x3::ascii::alnum | '_' | '.' | '/' | '-')][set_key];
    auto const rest = x3::raw[*any][set_values];
    // /\A(?<key>.*?) in \((?<values>.*)\)\z/: the key ends at the first " in (".
    auto const list = [&](char const* op) {
        return x3::raw[*(any - x3::lit(op))][set_key] >> x3::lit(op) >>
               x3::raw[*(any - (x3::lit(')') >> x3::eoi))][set_values] >> ')' >> x3::eoi;
    };

    if (full(list(" in (")))
        return requirement_match{selector_op::in, key, values};
    if (full(list(" notin (")))
        return requirement_match{selector_op::not_in, key, values};
    if (full(key_chars >> (x3::lit("==") | '=') >> rest >> x3::eoi))
        return requirement_match{selector_op::equal, key, values};
    if (full(key_chars >> "!=" >> rest >> x3::eoi))
        return requirement_match{selector_op::not_equal, key, values};
    if (full(key_chars >> x3::eoi))
        return requirement_match{selector_op::exists, key, {}};
    if (full('!' >> key_chars >> x3::eoi))
        return requirement_match{selector_op::not_exists, key, {}};
    return std::nullopt;
}

/// Cloud Controller's DOMAIN_REGEX (case-insensitive): two or more dot-separated labels of
/// 1 to 63 letters, digits and '-', none starting or ending with '-'.
inline bool is_dns_subdomain(std::string_view s) {
    std::size_t labels = 0;
    bool ok = true;
    auto const check = [&](auto& ctx) {
        auto const& label = x3::_attr(ctx);
        auto const size = label.end() - label.begin();
        ok = ok && size <= 63 && *label.begin() != '-' && *(label.end() - 1) != '-';
        ++labels;
    };
    auto const label = x3::raw[+(x3::ascii::alnum | '-')][check];
    return parse_prefix(s, label % '.') == s.size() && ok && labels >= 2;
}

/// Whether `s` holds only `[A-Za-z0-9_.-]` (Cloud Controller's `/[^\w\-.]/` does not match).
inline bool has_only_label_characters(std::string_view s) {
    return parse_prefix(s, *(x3::ascii::alnum | '_' | '.' | '-')) == s.size();
}

} // namespace listquery::detail::grammar
