// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/parse/label_selector.hpp>

#include <listquery/detail/blank.hpp>
#include <listquery/detail/concat.hpp>
#include <listquery/detail/error_sink.hpp>
#include <listquery/detail/grammar/label_selector.hpp>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace listquery {

namespace detail {

// A failed check: its code, the offset in the selector, and the text its message quotes. The
// message itself is built only when a check fails (selector_error).
struct label_fault {
    error code;
    std::size_t offset;
    std::string_view subject;
};
using label_check = std::optional<label_fault>;

inline query_error selector_error(error code, std::size_t offset, std::string message) {
    return {code, "label_selector", offset, std::move(message)};
}

// Cloud Controller's message for a failed check. Ruby's s[0...8]: by the length checks the text
// is ASCII, so bytes are characters.
[[gnu::cold]] inline query_error selector_error(label_fault const& f) {
    std::string_view const s = f.subject, first_8 = f.subject.substr(0, 8);
    auto message = [&]() -> std::string {
        switch (f.code) {
        case error::label_key_empty: return "key cannot be empty string";
        case error::label_key_too_many_slashes: return "key has more than one '/'";
        case error::label_prefix_invalid: return concat({"prefix '", s, "' must be in valid dns format"});
        case error::label_prefix_too_long: return concat({"prefix '", first_8, "...' is greater than 253 characters"});
        case error::label_prefix_reserved: return "prefix 'cloudfoundry.org' is reserved";
        case error::label_name_invalid_characters:
        case error::label_value_invalid_characters: return concat({"'", s, "' contains invalid characters"});
        case error::label_name_invalid_ends:
        case error::label_value_invalid_ends: return concat({"'", s, "' starts or ends with invalid characters"});
        default: return concat({"'", first_8, "...' is greater than 63 characters"}); // name or value too long
        }
    };
    static_assert(max_label_prefix_length == 253 && max_label_name_length == 63, "the messages above name them");
    return selector_error(f.code, f.offset, message());
}

inline bool starts_and_ends_alphanumeric(std::string_view s) {
    using grammar::alphanumeric;
    return !s.empty() && alphanumeric(static_cast<unsigned char>(s.front())) &&
           alphanumeric(static_cast<unsigned char>(s.back()));
}

// The checks a key's name and a value share: characters, alphanumeric ends, at most 63.
// `first` is the name's or value's first code; the other two follow it.
inline label_check label_text_check(std::string_view s, std::size_t offset, error first) {
    static_assert(int(error::label_name_invalid_ends) == int(error::label_name_invalid_characters) + 1 &&
                  int(error::label_name_too_long) == int(error::label_name_invalid_characters) + 2 &&
                  int(error::label_value_invalid_ends) == int(error::label_value_invalid_characters) + 1 &&
                  int(error::label_value_too_long) == int(error::label_value_invalid_characters) + 2);
    auto const nth = [first](int n) { return static_cast<error>(static_cast<int>(first) + n); };
    if (!grammar::has_only_label_characters(s))
        return label_fault{nth(0), offset, s};
    if (!starts_and_ends_alphanumeric(s))
        return label_fault{nth(1), offset, s};
    if (s.size() > max_label_name_length)
        return label_fault{nth(2), offset, s};
    return std::nullopt;
}

// MetadataValidatorHelper#key_error: the first failing check, in Cloud Controller's order.
inline label_check label_key_check(std::string_view key, std::size_t offset) {
    if (is_blank(key))
        return label_fault{error::label_key_empty, offset, key};
    if (std::ranges::count(key, '/') > 1)
        return label_fault{error::label_key_too_many_slashes, offset, key};
    auto const [has_prefix, prefix, name] = split_label_key(key); // at most one '/' here
    if (has_prefix) {
        if (!grammar::is_dns_subdomain(prefix))
            return label_fault{error::label_prefix_invalid, offset, prefix};
        if (prefix.size() > max_label_prefix_length)
            return label_fault{error::label_prefix_too_long, offset, prefix};
        if (grammar::selector_rules::is_reserved_prefix(prefix))
            return label_fault{error::label_prefix_reserved, offset, prefix};
    }
    std::size_t const name_offset = offset + (key.size() - name.size());
    if (is_blank(name))
        return label_fault{error::label_key_empty, name_offset, name};
    return label_text_check(name, name_offset, error::label_name_invalid_characters);
}

// MetadataValidatorHelper#value_error on each of `values` (at `offset`), split as label_values
// does; the empty value is valid.
inline label_check label_values_check(label_values const& values, std::size_t offset) {
    std::string_view rest = values.text();
    while (!rest.empty()) {
        std::size_t const size = std::min(rest.find(','), rest.size());
        if (size > 0)
            if (auto f = label_text_check(rest.substr(0, size), offset, error::label_value_invalid_characters))
                return f;
        std::size_t const next = std::min(size + 1, rest.size());
        rest.remove_prefix(next);
        offset += next;
    }
    return std::nullopt;
}

// Offset of `part` inside `whole`, which holds it.
inline std::size_t offset_in(std::string_view whole, std::string_view part) {
    return static_cast<std::size_t>(part.data() - whole.data());
}

/** Parses and validates a selector the way LabelSelectorRequirementValidator does: missing,
    then too many (counting unparseable requirements), then one error at most per requirement.
    Returns whether `out` is valid; errors go to `sink`.

    Requirements go straight to `out`: in place up to label_selector::inline_requirements, else
    into room for every requirement the text can hold, made once. Errors of a selector that
    turns out to have too many requirements are taken back, as Cloud Controller checks the count
    first. */
inline bool parse_label_selector(std::string_view text, label_selector& out, error_sink& sink) {
    auto& found = out.requirements;
    found.clear();
    auto const store = [&](grammar::requirement_match const& m) {
        if (found.size() == found.capacity()) // no more than one comma-separated part each
            found.reserve(std::min<std::size_t>(max_label_requirements, 1 + std::ranges::count(text, ',')));
        auto const parts = split_label_key(m.key); // a valid key: at most one '/', never "/" alone
        found.push_back({m.op, m.key, parts.prefix, parts.name, label_values(m.values)});
    };
    // Most selectors are valid: one pass, and done.
    if (grammar::for_each_valid_requirement(text, [&](std::size_t, grammar::requirement_match const& m) {
            return found.size() < max_label_requirements && (store(m), true);
        }) && !found.empty())
        return true;
    // The long way, which finds the error: split, match, check in Cloud Controller's order.
    found.clear();
    std::size_t const errors_before = sink.errors.size();
    std::size_t count = 0;
    bool valid = true;
    auto const fail = [&](query_error e) {
        valid = false;
        sink.add(std::move(e));
    };
    grammar::split_requirements(text, [&](std::size_t offset, std::string_view r) {
        if (++count > max_label_requirements || sink.done())
            return; // only counting from here on
        auto const match = grammar::match_requirement(r);
        if (!match)
            return fail(selector_error(error::invalid_label_selector, offset, "Invalid label_selector value"));
        if (auto f = label_key_check(match->key, offset_in(text, match->key)))
            return fail(selector_error(*f));
        label_values const values(match->values);
        if (auto f = label_values_check(values, offset_in(text, values.text())))
            return fail(selector_error(*f));
        store(*match);
    });
    if (count == 0) {
        sink.add(selector_error(error::missing_label_selector, 0, "Missing label_selector value"));
        return false;
    }
    if (count > max_label_requirements) { // nothing of it counts
        found.clear();
        sink.errors.resize(errors_before);
        static_assert(max_label_requirements == 50, "the message names it");
        sink.add(selector_error(error::too_many_label_requirements, 0,
                                "Too many label_selector requirements (maximum is 50)"));
        return false;
    }
    return valid;
}

} // namespace detail

result<label_selector> parse_label_selector(std::string_view text) {
    result<label_selector> r(boost::system::in_place_value); // filled in place, not moved
    std::vector<query_error> errors;
    detail::error_sink sink{errors, true};
    if (!detail::parse_label_selector(text, *r, sink))
        r = std::move(errors.front());
    return r;
}

result<void> parse_label_selector(std::string_view text, label_selector& out) {
    std::vector<query_error> errors;
    detail::error_sink sink{errors, true};
    if (!detail::parse_label_selector(text, out, sink))
        return std::move(errors.front());
    return {};
}

} // namespace listquery
