// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/parse/order_by.hpp>

#include <listquery/detail/blank.hpp>
#include <listquery/detail/quoted_list.hpp>

#include <algorithm>
#include <string>

namespace listquery {

namespace detail {
// Cloud Controller's message, listing every allowed value quoted and in the caller's order.
inline std::string order_by_message(std::span<std::string_view const> allowed) {
    std::string m = "Order by can only be: ";
    append_quoted_list(m, allowed);
    return m;
}
} // namespace detail

result<std::optional<order_by>> parse_order_by(std::string_view value,
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
