// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/detail/grammar/x3.hpp>
#include <listquery/label_selector.hpp>
#include <listquery/limits.hpp>

#include <algorithm>
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

// The grammars are built once, as constants: building X3 expressions on every call costs more
// than running them. Actions are stateless; they write the rule's
// attribute.
namespace selector_rules {

inline constexpr lut_chars key_byte = alphanumeric + "_./-"; // /[\w\.\/\-]/
inline constexpr lut_chars label_byte = key_byte - "/";        // not /[^\w\-.]/
inline constexpr byte_class<key_byte> key_char{};
inline constexpr byte_class<label_byte> label_char{};
inline constexpr lut_chars not_newline = ~lut_chars('\n'); // Ruby's `.`
// Neither '\n', ' ' nor ')': bytes after which no pattern can end or turn.
inline constexpr lut_chars plain_byte = ~lut_chars("\n )");
inline constexpr byte_class<not_newline> any{};
inline constexpr byte_class<plain_byte> plain{};

template <class Range>
std::string_view to_view(Range const& r) {
    return {r.begin(), static_cast<std::size_t>(r.end() - r.begin())};
}
inline auto const set_key = [](auto& ctx) { x3::_val(ctx).key = to_view(x3::_attr(ctx)); };
inline auto const set_values = [](auto& ctx) { x3::_val(ctx).values = to_view(x3::_attr(ctx)); };
// Sets the operator; a failed earlier attempt may have left values behind.
template <selector_op Op>
inline auto const set_op = [](auto& ctx) {
    x3::_val(ctx).op = Op;
    x3::_val(ctx).values = {};
};

// /\A(?<key>.*?) in \((?<values>.*)\)\z/: the key ends at the first " in (". The word is looked
// for only at spaces, and the end only at ')', so most bytes cost one table load.
template <selector_op Op>
auto list_requirement(char const* word) {
    auto const key_byte = plain | ')' | (x3::lit(' ') - x3::lit(word));
    auto const value_byte = plain | ' ' | (x3::lit(')') >> !x3::eoi);
    return x3::rule<struct list_id, requirement_match>{"list requirement"} =
               x3::eps[set_op<Op>] >> x3::raw[*key_byte][set_key] >> x3::lit(word) >>
               x3::raw[*value_byte][set_values] >> ')' >> x3::eoi;
}
inline auto const in_requirement = list_requirement<selector_op::in>(" in (");
inline auto const not_in_requirement = list_requirement<selector_op::not_in>(" notin (");

// The other four patterns all start with the key's characters, or with '!' and then them, so
// one pass decides: `k==v` / `k=v`, `k!=v`, `k`, `!k`.
inline auto const key = x3::raw[+key_char][set_key];
inline auto const rest = x3::raw[*any][set_values];
inline auto const simple_requirement =
    x3::rule<struct simple_id, requirement_match>{"requirement"} =
        (key >> ((x3::lit("==") | '=')[set_op<selector_op::equal>] >> rest |
                 x3::lit("!=")[set_op<selector_op::not_equal>] >> rest | x3::eps[set_op<selector_op::exists>]) |
         x3::lit('!')[set_op<selector_op::not_exists>] >> key) >>
        x3::eoi;

// A DNS label: letters, digits and '-', not at either end; at most 63 bytes.
inline constexpr lut_chars dns_byte = alphanumeric + "-";
inline auto const dns_label_ok = [](auto& ctx) {
    auto const& label = x3::_attr(ctx);
    x3::_pass(ctx) = label.size() <= max_label_name_length && *label.begin() != '-' && *(label.end() - 1) != '-';
};
inline auto const dns_label = x3::raw[+byte_class<dns_byte>{}][dns_label_ok];
inline auto const dns_labels = dns_label >> +('.' >> dns_label);
inline auto const dns_subdomain = dns_labels >> x3::eoi;

/// Whether a key prefix is Cloud Controller's reserved `cloudfoundry.org`, in any case.
inline bool is_reserved_prefix(std::string_view prefix) {
    return prefix.size() == 16 && std::equal(prefix.begin(), prefix.end(), "cloudfoundry.org", [](char c, char reserved) {
        return (c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) == reserved;
    });
}

// The fast path: one requirement that matches a pattern AND passes every check, in one pass.
// What it accepts, Cloud Controller accepts with the same key, operator and values; anything
// else goes the long way (match_requirement, then the checks in order), which finds the error.
inline auto const label_text_ok = [](auto& ctx) { // not too long, alphanumeric at both ends
    auto const& r = x3::_attr(ctx);
    x3::_pass(ctx) = r.size() <= max_label_name_length && alphanumeric(static_cast<unsigned char>(*(r.end() - 1)));
};
inline auto const label_text = x3::raw[byte_class<alphanumeric>{} >> *label_char][label_text_ok];
inline auto const prefix_ok = [](auto& ctx) {
    auto const prefix = to_view(x3::_attr(ctx));
    x3::_pass(ctx) = prefix.size() <= max_label_prefix_length && !is_reserved_prefix(prefix);
};
inline auto const valid_key = x3::raw[-(x3::raw[dns_labels][prefix_ok] >> '/') >> label_text][set_key];
inline auto const valid_value = x3::raw[-label_text][set_values];
inline auto const valid_values = x3::raw[-label_text % ','][set_values];
inline auto const valid_requirement =
    x3::rule<struct valid_id, requirement_match>{"valid requirement"} =
        valid_key >> (x3::lit(" in (")[set_op<selector_op::in>] >> valid_values >> ')' |
                      x3::lit(" notin (")[set_op<selector_op::not_in>] >> valid_values >> ')' |
                      (x3::lit("==") | '=')[set_op<selector_op::equal>] >> valid_value |
                      x3::lit("!=")[set_op<selector_op::not_equal>] >> valid_value |
                      x3::eps[set_op<selector_op::exists>]) |
        x3::lit('!')[set_op<selector_op::not_exists>] >> valid_key;

} // namespace selector_rules

/// The fast path for a selector whose every requirement is valid: calls `f(offset, match)` for
/// each and returns true, or returns false as soon as something is not plainly valid (after
/// which the caller must start over on the long way). Commas split as split_requirements does:
/// in a valid requirement '(' only opens its value list, which the next ')' closes.
template <class F>
bool for_each_valid_requirement(std::string_view s, F&& f) {
    char const* it = s.data();
    char const* const end = it + s.size();
    while (it != end) {
        if (*it == ',') {
            ++it;
            continue;
        }
        requirement_match m{};
        char const* const start = it;
        if (!x3::parse(it, end, selector_rules::valid_requirement, m) || (it != end && *it != ','))
            return false;
        if (!f(static_cast<std::size_t>(start - s.data()), m))
            return false;
    }
    return true;
}

inline std::optional<requirement_match> match_requirement(std::string_view r) {
    requirement_match m{};
    auto const full = [&](auto const& rule) {
        char const* first = r.data();
        return x3::parse(first, r.data() + r.size(), rule, m);
    };
    // Both list patterns end with ')', so anything else skips them at once.
    if (r.ends_with(')') &&
        (full(selector_rules::in_requirement) || full(selector_rules::not_in_requirement)))
        return m;
    if (full(selector_rules::simple_requirement))
        return m;
    return std::nullopt;
}

/// Cloud Controller's DOMAIN_REGEX (case-insensitive): two or more dot-separated labels of
/// 1 to 63 letters, digits and '-', none starting or ending with '-'.
inline bool is_dns_subdomain(std::string_view s) {
    return parse_prefix(s, selector_rules::dns_subdomain) == s.size();
}

/// Whether `s` holds only `[A-Za-z0-9_.-]` (Cloud Controller's `/[^\w\-.]/` does not match).
inline bool has_only_label_characters(std::string_view s) {
    return parse_prefix(s, *selector_rules::label_char) == s.size();
}

} // namespace listquery::detail::grammar
