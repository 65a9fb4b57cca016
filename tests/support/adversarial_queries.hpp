// SPDX-License-Identifier: BSL-1.0
// Query strings built to break linear time: each family repeats one shape (a key, a bracket
// form, an error, a list element, a selector requirement, …) up to a given size. The benchmarks
// time every family from 1 KiB to the 4 MiB cap (docs/benchmarks.md, "Adversarial scaling"); the
// unit tests parse the largest case of each and check its exact outcome.
#pragma once

#include <listquery/cf_endpoints.hpp>
#include <listquery/parse/list_query.hpp>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

namespace listquery_test::adversarial {

/// The largest query the parser accepts by default (parse_options::max_query_length).
inline constexpr std::size_t cap = std::size_t{4} * 1024 * 1024;

/// Options with no list-element limit, so that every element of a long list is parsed.
inline listquery::parse_options const unlimited_lists = [] {
    listquery::parse_options o;
    o.max_list_elements = std::numeric_limits<std::size_t>::max();
    return o;
}();

/// One family: its name, what it repeats, and a generator of a query of at most `size` bytes.
struct family {
    std::string_view name;
    std::string_view what;
    std::string (*make)(std::size_t size);
    /// Parse with `unlimited_lists` rather than the default options.
    bool unlimited = false;
};

/// `head`, then `unit(0)`, `unit(1)`, … while they fit, then `tail`: at most `size` bytes.
template <class Unit>
std::string repeat(std::size_t size, std::string_view head, Unit unit, std::string_view tail = {}) {
    std::string s(head);
    s.reserve(size);
    std::string u;
    for (std::size_t i = 0;; ++i) {
        u.clear();
        unit(u, i);
        if (s.size() + u.size() + tail.size() > size)
            break;
        s += u;
    }
    s += tail;
    return s;
}

/// `text` repeated while it fits (between `head` and `tail`).
inline std::string fill(std::size_t size, std::string_view head, std::string_view text, std::string_view tail = {}) {
    return repeat(size, head, [text](std::string& u, std::size_t) { u = text; }, tail);
}

/// `head`, then `byte` up to `size` bytes in all, then `tail`.
inline std::string pad(std::size_t size, std::string_view head, char byte, std::string_view tail = {}) {
    std::string s(head);
    s.append(size - head.size() - tail.size(), byte);
    s += tail;
    return s;
}

inline void numbered(std::string& u, std::string_view before, std::size_t i, std::string_view after) {
    u += before;
    u += std::to_string(i);
    u += after;
}

inline constexpr std::string_view valid_time = "2024-06-01T12:30:00Z";

// clang-format off
inline family const families[] = {
    // Keys
    {"distinct_unknown_keys", "`k0=1&k1=1&…`: every key unknown and listed once",
     [](std::size_t n) { return repeat(n, "", [](std::string& u, std::size_t i) { numbered(u, "k", i, "=1&"); }); }},
    {"repeated_unknown_key", "`colour=red&colour=red&…`: one unknown key, many times",
     [](std::size_t n) { return fill(n, "", "colour=red&"); }},
    {"repeated_known_key", "`states=STAGED&…`: the last one wins",
     [](std::size_t n) { return fill(n, "", "states=STAGED&"); }},
    {"every_known_key", "`page=1&per_page=1&order_by=…&…`: every parameter, again and again",
     [](std::size_t n) { return fill(n, "", "page=2&per_page=3&order_by=-created_at&guids=g&app_guids=a&states=S&"
                                           "created_ats=2024-06-01T12:30:00Z&label_selector=env%3Dprod&"); }},
    {"bare_keys", "`states&app_guids&page&…`: keys without `=`",
     [](std::size_t n) { return fill(n, "", "states&app_guids&page&per_page&order_by&guids&"); }},
    {"empty_segments", "`&&&&…`, then `per_page=2`",
     [](std::size_t n) { return pad(n, "", '&', "per_page=2"); }},
    {"empty_keys", "`=x&=x&…`: keys that are empty, ignored",
     [](std::size_t n) { return fill(n, "", "=x&"); }},
    {"plus_keys", "`+=x&++=x&…`: keys of spaces (form-decoded `+`), unknown",
     [](std::size_t n) { return repeat(n, "", [](std::string& u, std::size_t i) { u.append(i % 64 + 1, '+'); u += "=x&"; }); }},
    // Bracket forms
    {"timestamp_operators_distinct", "`created_ats[a0]=x&created_ats[a1]=x&…`: two errors each",
     [](std::size_t n) { return repeat(n, "", [](std::string& u, std::size_t i) { numbered(u, "created_ats[a", i, "]=x&"); }); }},
    {"timestamp_operators_repeated", "`created_ats[lt]=T&…`: one operator, the last value wins",
     [](std::size_t n) { return fill(n, "", "created_ats[lt]=2024-06-01T12:30:00Z&"); }},
    {"timestamp_operators_valid", "`created_ats[lt]=T&created_ats[gte]=T&updated_ats[…]…`",
     [](std::size_t n) { return fill(n, "", "created_ats[lt]=2024-06-01T12:30:00Z&created_ats[gte]=2024-06-01T12:30:00Z&"
                                           "updated_ats[lte]=2024-06-01T12:30:00Z&updated_ats[gt]=2024-06-01T12:30:00Z&"); }},
    {"timestamp_operators_mixed", "`created_ats=T&created_ats[a0]=T&…`: equality and operators",
     [](std::size_t n) { return repeat(n, "created_ats=2024-06-01T12:30:00Z&", [](std::string& u, std::size_t i) { numbered(u, "created_ats[a", i, "]=x&"); }); }},
    {"bracket_filters", "`states[a0]=x&app_guids[a1]=x&guids[a2]=x&…`: not arrays",
     [](std::size_t n) { return repeat(n, "", [](std::string& u, std::size_t i) {
         numbered(u, i % 3 == 0 ? "states[a" : i % 3 == 1 ? "app_guids[a" : "guids[a", i, "]=x&"); }); }},
    {"bracket_paging", "`page[a0]=1&per_page[a1]=1&order_by[a2]=x&label_selector[a3]=x&…`",
     [](std::size_t n) { return repeat(n, "", [](std::string& u, std::size_t i) {
         constexpr std::string_view names[] = {"page[a", "per_page[a", "order_by[a", "label_selector[a"};
         numbered(u, names[i % 4], i, "]=1&"); }); }},
    {"bracket_unknown", "`foo[a0]=1&[a1]=1&…`: an unknown base, and keys that start with `[`",
     [](std::size_t n) { return repeat(n, "", [](std::string& u, std::size_t i) { numbered(u, i % 2 ? "[a" : "foo[a", i, "]=1&"); }); }},
    {"nested_brackets", "`states[[[[…` and `created_ats[[[[…`: one long bracketed key each",
     [](std::size_t n) { return pad(n / 2, "states", '[', "=x&") + pad(n - n / 2, "created_ats", '[', "=x"); }},
    // One long value for each parameter
    {"page_digits", "`page=111…`: a number far past 64 bits",
     [](std::size_t n) { return pad(n, "page=", '1'); }},
    {"per_page_garbage", "`per_page=1x1x…`: not digits",
     [](std::size_t n) { return fill(n, "per_page=", "1x"); }},
    {"order_by_long", "`order_by=-created_atcreated_at…`: close to an allowed value",
     [](std::size_t n) { return fill(n, "order_by=-", "created_at"); }},
    {"order_by_blank", "`order_by=%E3%80%80…`: Unicode white space, ignored",
     [](std::size_t n) { return fill(n, "order_by=", "%E3%80%80+"); }},
    {"timestamp_long_value", "`created_ats[lt]=2024-…Z2024-…Z…`: one long bad timestamp",
     [](std::size_t n) { return fill(n, "created_ats[lt]=", "2024-06-01T12:30:00Z"); }},
    {"timestamp_operator_commas", "`created_ats[gt]=,,,,…`: a list for an operator",
     [](std::size_t n) { return pad(n, "created_ats[gt]=", ','); }},
    {"long_unknown_key", "`xxxx…=1`: one unknown key of the whole length",
     [](std::size_t n) { return pad(n, "", 'x', "=1"); }},
    // List elements (no element limit)
    {"list_elements", "`states=a,a,…`", [](std::size_t n) { return fill(n, "states=", "a,", "a"); }, true},
    {"list_empty_elements", "`states=,,,,…`", [](std::size_t n) { return pad(n, "states=", ','); }, true},
    {"list_white_space", "`states=a,++++a,…`: white space after commas",
     [](std::size_t n) { return fill(n, "states=", "a,+++++", "a"); }, true},
    {"list_escaped_elements", "`states=%2541%252C…`: decoded twice",
     [](std::size_t n) { return fill(n, "states=", "%2541%252C%2C", "a"); }, true},
    {"list_malformed_escapes", "`states=%25%25…`: `%` kept where the second decoding finds no hex",
     [](std::size_t n) { return fill(n, "states=", "%25G", "a"); }, true},
    {"timestamp_list_valid", "`created_ats=T,T,…`",
     [](std::size_t n) { return fill(n, "created_ats=", "2024-06-01T12:30:00Z,", "2024-06-01T12:30:00Z"); }, true},
    {"timestamp_list_invalid", "`created_ats=2024-06-01T12:30:00,…`: an error for each element",
     [](std::size_t n) { return fill(n, "created_ats=", "2024-06-01T12:30:00,", "x"); }, true},
    {"too_many_elements", "`states=a,a,…` past the 5,000-element limit",
     [](std::size_t n) { return fill(n, "states=", "a,", "a"); }},
    // label_selector
    {"selector_requirements", "`label_selector=a=b,a=b,…`: past the 50-requirement limit",
     [](std::size_t n) { return fill(n, "label_selector=", "a=b,", "a=b"); }},
    {"selector_invalid_requirements", "`label_selector=-,-,…`: an invalid requirement each",
     [](std::size_t n) { return fill(n, "label_selector=", "-,", "-"); }},
    {"selector_values", "`label_selector=k in (v,v,…)`: one requirement, many values",
     [](std::size_t n) { return fill(n, "label_selector=k+in+(", "v,", "v)"); }},
    {"selector_open_parens", "`label_selector=((((…`",
     [](std::size_t n) { return pad(n, "label_selector=", '('); }},
    {"selector_parens_commas", "`label_selector=(,(,(,…`: groups that never close",
     [](std::size_t n) { return fill(n, "label_selector=", "(,"); }},
    {"selector_closed_groups", "`label_selector=(a,b),(a,b),…`",
     [](std::size_t n) { return fill(n, "label_selector=", "(a,b),"); }},
    {"selector_newlines", "`label_selector=(%0A(%0A…)`: groups broken by newlines",
     [](std::size_t n) { return fill(n, "label_selector=", "(%0A,", ")"); }},
    {"selector_in_words", "`label_selector=a in (a in (…`: the list patterns' key search",
     [](std::size_t n) { return fill(n, "label_selector=a", "+in+(a", ")"); }},
    {"selector_spaces", "`label_selector=a     …in (x)`",
     [](std::size_t n) { return pad(n, "label_selector=a", '+', "in+(x)"); }},
    {"selector_long_key", "`label_selector=aaaa…`: one key far past 63 characters",
     [](std::size_t n) { return pad(n, "label_selector=", 'a'); }},
    {"selector_long_prefix", "`label_selector=a.a.a.…/x`: a prefix far past 253 characters",
     [](std::size_t n) { return fill(n, "label_selector=a", ".a", "/x"); }},
    {"selector_long_value", "`label_selector=k=vvvv…`: one value far past 63 characters",
     [](std::size_t n) { return pad(n, "label_selector=k=", 'v'); }},
    // Percent-encoding
    {"percent_values", "`states=%41%41…`", [](std::size_t n) { return fill(n, "states=", "%41"); }},
    {"percent_keys", "`%73tates=x&%73tates=x&…`: encoded keys",
     [](std::size_t n) { return fill(n, "", "%73tates=x&"); }},
    {"percent_malformed_last", "`states=%41%41…%G`: the one bad escape at the end",
     [](std::size_t n) { return fill(n, "states=", "%41", "%G"); }},
    {"percent_malformed_many", "`a%G=1&a%G=1&…`: every segment malformed, the first decides",
     [](std::size_t n) { return fill(n, "", "a%G=1&"); }},
    {"plus_values", "`states=++++…`: a value of spaces", [](std::size_t n) { return pad(n, "states=", '+'); }},
    // Mixtures
    {"mixture", "a cycle of 16 shapes from the families above, with distinct keys and operators",
     [](std::size_t n) { return repeat(n, "", [](std::string& u, std::size_t i) {
         constexpr std::string_view shapes[] = {
             "k", "created_ats[a", "states[a", "[a", "+", "updated_ats[a", "=", "per_page[a",
             "x", "order_by[a", "&", "foo[a", "%6b", "label_selector[a", "guids[a", "page[a"};
         numbered(u, shapes[i % 16], i, i % 4 == 0 ? "=x,%2C,,(&" : "]=1&"); }); }},
    {"mixture_valid", "realistic parameters, each repeated (the last of each wins)",
     [](std::size_t n) { return fill(n, "", "states=STAGED,FAILED&app_guids=a1,a2&per_page=2&page=3&order_by=-created_at&"
                                           "label_selector=env%3Dprod,tier+in+(web,api)&created_ats[lt]=2024-06-01T12:30:00Z&"); }},
};
// clang-format on

/// The family called `name`.
inline family const& by_name(std::string_view name) {
    for (auto const& f : families)
        if (f.name == name)
            return f;
    throw std::invalid_argument(std::string("no adversarial family ") + std::string(name));
}

/// Parses `query` as the benchmarks and tests do: droplets, all errors.
inline listquery::result<listquery::list_query> parse(family const& f, std::string_view query) {
    return listquery::parse_list_query<listquery::cf::droplets>(query, f.unlimited ? unlimited_lists
                                                                                   : listquery::parse_options{});
}

} // namespace listquery_test::adversarial
