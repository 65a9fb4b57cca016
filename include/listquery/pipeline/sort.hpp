// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/pipeline/filter.hpp>
#include <listquery/pipeline/order.hpp>

#include <ranges>
#include <utility>

namespace listquery {

//------------------------------------------------
/** A range with the query's ordering attached, waiting for `paginate`, which orders only the
    page it shows. Made by the sort stage.
*/
template <endpoint const& E, class View>
struct sorted_range {
    View range;
    list_query const* query;
};

/** The sort stage: `listquery::sort<E>(range, q)` or `range | listquery::sort<E>(q)`.

    It orders nothing by itself: `paginate` then selects the page in O(n) and sorts only the
    page, by `q.order` (field, then guid, then container order; descending is the exact reverse).
    Without `order_by` the container's order stays.
*/
template <endpoint const& E>
struct sort_fn {
    template <std::ranges::viewable_range R>
        requires detail::stable_range<R>
    auto operator()(R&& range, list_query const& q) const {
        static_assert(detail::check_resource<E, detail::resource_t<R>>());
        return sorted_range<E, std::views::all_t<R>>{std::views::all(std::forward<R>(range)), &q};
    }

    /// The stage, for `range | listquery::sort<E>(q)`.
    auto operator()(list_query const& q) const {
        auto apply = [&q](auto&& range) -> decltype(sort_fn{}(std::forward<decltype(range)>(range), q)) {
            return sort_fn{}(std::forward<decltype(range)>(range), q);
        };
        return detail::stage_closure<decltype(apply)>{apply};
    }
};

/// The sort stage for endpoint `E`.
template <endpoint const& E>
inline constexpr sort_fn<E> sort{};

} // namespace listquery
