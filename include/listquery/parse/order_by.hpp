// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/detail/blank.hpp>
#include <listquery/result.hpp>

#include <algorithm>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace listquery {

/// The direction of an ordering.
enum class direction {
    asc,  ///< ascending: `order_by=created_at` or `order_by=%2Bcreated_at`
    desc, ///< descending: `order_by=-created_at`
};

//------------------------------------------------
/// A requested ordering: a field name and a direction.
struct order_by {
    /// The field's wire name, e.g. `created_at`; refers to the caller's list of allowed values.
    std::string_view field;
    /// Ascending unless the value started with `-`.
    direction dir = direction::asc;

    friend bool operator==(order_by const&, order_by const&) = default;
};

namespace detail {
// Cloud Controller's message, listing every allowed value quoted and in the caller's order.
inline std::string order_by_message(std::span<std::string_view const> allowed) {
    std::string m = "Order by can only be: ";
    for (std::size_t i = 0; i < allowed.size(); ++i)
        (m += i == 0 ? "'" : ", '").append(allowed[i]) += '\'';
    return m;
}
} // namespace detail

//------------------------------------------------
/** Parse the value of the `order_by` query parameter.

    Cloud Controller's rule is `/\A(\+|-)?(v1|v2|…)\z/`, case-sensitive. A blank value (empty or
    only white space, as ActiveSupport's `blank?`) is ignored: the result is an empty optional.
    A `+` written literally in a URL decodes to a space, so clients must send `%2B`.

    @par BNF
    @code
    order-by = [ "+" / "-" ] allowed-value
    @endcode

    @par Example
    @code
    std::string_view const allowed[] = {"created_at", "updated_at"};
    auto r = listquery::parse_order_by("-created_at", allowed);
    assert(r && *r == listquery::order_by{"created_at", listquery::direction::desc});
    @endcode
    @param value The decoded value.
    @param allowed The field names the endpoint can order by; the result refers to them.
    @return The ordering, nothing for a blank value, or `error::invalid_order_by` at the first byte
    where no allowed value can continue.
*/
inline result<std::optional<order_by>> parse_order_by(std::string_view value,
                                                     std::span<std::string_view const> allowed) {
    if (detail::is_blank(value))
        return std::optional<order_by>{};
    order_by out;
    std::string_view name = value;
    if (name.front() == '+' || name.front() == '-') {
        out.dir = name.front() == '-' ? direction::desc : direction::asc;
        name.remove_prefix(1);
    }
    std::size_t longest_match = 0; // the offset of the error: how far some allowed value agrees
    for (std::string_view candidate : allowed) {
        if (candidate == name) {
            out.field = candidate;
            return std::optional<order_by>{out};
        }
        auto const mismatch = std::ranges::mismatch(candidate, name);
        longest_match =
            std::max(longest_match, static_cast<std::size_t>(mismatch.in2 - name.begin()));
    }
    return query_error{error::invalid_order_by, "order_by",
                       value.size() - name.size() + longest_match,
                       detail::order_by_message(allowed)};
}

} // namespace listquery
