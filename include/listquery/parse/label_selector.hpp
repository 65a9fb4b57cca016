// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/detail/blank.hpp>
#include <listquery/detail/concat.hpp>
#include <listquery/detail/error_sink.hpp>
#include <listquery/detail/grammar/label_selector.hpp>
#include <listquery/label_selector.hpp>
#include <listquery/result.hpp>

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace listquery {

/// Cloud Controller's limit on the requirements of one selector.
inline constexpr std::size_t max_label_requirements = 50;

namespace detail {

inline query_error selector_error(error code, std::size_t offset, std::string message) {
    return {code, "label_selector", offset, std::move(message)};
}

// Ruby's s[0...8]; the strings it shortens are ASCII by then, so bytes are characters.
inline std::string_view first_8(std::string_view s) { return s.substr(0, 8); }

inline bool starts_and_ends_alphanumeric(std::string_view s) {
    auto alnum = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    };
    return !s.empty() && alnum(s.front()) && alnum(s.back());
}

// The checks a key's name and a value share: characters, alphanumeric ends, at most 63.
inline std::optional<query_error> label_text_error(std::string_view s, std::size_t offset, error invalid_characters,
                                                   error invalid_ends, error too_long) {
    if (!grammar::has_only_label_characters(s))
        return selector_error(invalid_characters, offset, concat({"'", s, "' contains invalid characters"}));
    if (!starts_and_ends_alphanumeric(s))
        return selector_error(invalid_ends, offset, concat({"'", s, "' starts or ends with invalid characters"}));
    if (s.size() > 63)
        return selector_error(too_long, offset, concat({"'", first_8(s), "...' is greater than 63 characters"}));
    return std::nullopt;
}

// MetadataValidatorHelper#key_error: the first failing check, in Cloud Controller's order.
inline std::optional<query_error> label_key_error(std::string_view key, std::size_t offset) {
    if (is_blank(key))
        return selector_error(error::label_key_empty, offset, "key cannot be empty string");
    auto const slash = key.find('/');
    if (slash != std::string_view::npos && key.find('/', slash + 1) != std::string_view::npos)
        return selector_error(error::label_key_too_many_slashes, offset, "key has more than one '/'");
    // Ruby's key.split('/'): "/" alone gives no prefix at all; "x/" gives prefix "x", name "".
    bool const has_prefix = slash != std::string_view::npos && key != "/";
    std::string_view const prefix = has_prefix ? key.substr(0, slash) : std::string_view{};
    std::string_view const name = slash == std::string_view::npos ? key : key.substr(slash + 1);
    if (has_prefix) {
        if (!grammar::is_dns_subdomain(prefix))
            return selector_error(error::label_prefix_invalid, offset,
                                  concat({"prefix '", prefix, "' must be in valid dns format"}));
        if (prefix.size() > 253)
            return selector_error(error::label_prefix_too_long, offset,
                                  concat({"prefix '", first_8(prefix), "...' is greater than 253 characters"}));
        std::string lower(prefix);
        std::ranges::transform(lower, lower.begin(), [](char c) {
            return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
        });
        if (lower == "cloudfoundry.org")
            return selector_error(error::label_prefix_reserved, offset,
                                  "prefix 'cloudfoundry.org' is reserved");
    }
    std::size_t const name_offset = offset + (key.size() - name.size());
    if (is_blank(name))
        return selector_error(error::label_key_empty, name_offset, "key cannot be empty string");
    return label_text_error(name, name_offset, error::label_name_invalid_characters,
                            error::label_name_invalid_ends, error::label_name_too_long);
}

// MetadataValidatorHelper#value_error; the empty value is valid.
inline std::optional<query_error> label_value_error(std::string_view value, std::size_t offset) {
    if (value.empty())
        return std::nullopt;
    return label_text_error(value, offset, error::label_value_invalid_characters,
                            error::label_value_invalid_ends, error::label_value_too_long);
}

// Offset of `part` inside `whole`, which holds it.
inline std::size_t offset_in(std::string_view whole, std::string_view part) {
    return static_cast<std::size_t>(part.data() - whole.data());
}

/** Parses and validates a selector the way LabelSelectorRequirementValidator does: missing,
    then too many (counting unparseable requirements), then one error at most per requirement.
    Returns whether `out` is valid; errors go to `sink`. */
inline bool parse_label_selector(std::string_view text, label_selector& out, error_sink& sink) {
    std::size_t count = 0;
    grammar::split_requirements(text, [&count](std::size_t, std::string_view) { ++count; });
    if (count == 0) {
        sink.add(selector_error(error::missing_label_selector, 0, "Missing label_selector value"));
        return false;
    }
    if (count > max_label_requirements) {
        sink.add(selector_error(error::too_many_label_requirements, 0,
                                "Too many label_selector requirements (maximum is 50)"));
        return false;
    }
    out.requirements.clear();
    out.requirements.reserve(count); // the one allocation of a parse
    bool valid = true;
    grammar::split_requirements(text, [&](std::size_t offset, std::string_view r) {
        if (sink.done())
            return;
        auto const match = grammar::match_requirement(r);
        if (!match) {
            valid = false;
            sink.add(selector_error(error::invalid_label_selector, offset, "Invalid label_selector value"));
            return;
        }
        label_requirement req{match->op, match->key, {}, {}, label_values(match->values)};
        if (auto e = label_key_error(req.key, offset_in(text, req.key))) {
            valid = false;
            sink.add(std::move(*e));
            return;
        }
        for (std::string_view v : req.values)
            if (auto e = label_value_error(v, offset_in(text, v))) {
                valid = false;
                sink.add(std::move(*e));
                return;
            }
        auto const slash = req.key.find('/');
        req.prefix = slash == std::string_view::npos ? std::string_view{} : req.key.substr(0, slash);
        req.name = slash == std::string_view::npos ? req.key : req.key.substr(slash + 1);
        out.requirements.push_back(req);
    });
    return valid;
}

} // namespace detail

//------------------------------------------------
/** Parse and validate the value of the `label_selector` query parameter.

    Cloud Controller's rules exactly (cf-v3-list-semantics.md §1): the selector splits at commas
    outside `(…)`; empty segments vanish; each requirement matches the first of six patterns;
    keys and values are then validated in Cloud Controller's order and wording.

    @par BNF (informal; the exact rules are the spec's regexes)
    @code
    selector    = requirement *( "," requirement )                 ; at most 50
    requirement = key " in (" values ")" / key " notin (" values ")"
                / key ( "=" / "==" / "!=" ) value / key / "!" key
    key         = [ prefix "/" ] name        ; prefix: DNS subdomain <= 253, not cloudfoundry.org
    name, value = [A-Za-z0-9] *61[A-Za-z0-9_.-] [A-Za-z0-9]   ; value may also be empty
    @endcode

    @par Example
    @code
    auto s = listquery::parse_label_selector("env=prod,tier in (web,api),!deprecated");
    assert(s && s->requirements.size() == 3);
    @endcode
    @param text The decoded value. The result's views refer to it.
    @return The requirements, or the first problem: its code, Cloud Foundry's message and the
    offset in `text` of the requirement, key, name or value at fault.
    @par Complexity
    Linear in `text.size()`; no recursion. One allocation, for the requirements.
*/
inline result<label_selector> parse_label_selector(std::string_view text) {
    std::vector<query_error> errors;
    detail::error_sink sink{errors, true};
    label_selector out;
    if (!detail::parse_label_selector(text, out, sink))
        return std::move(errors.front());
    return out;
}

} // namespace listquery
