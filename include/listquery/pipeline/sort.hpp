// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/pipeline/filter.hpp>
#include <listquery/pipeline/order.hpp>

#include <utility>

namespace listquery {

//------------------------------------------------
/** A range with the query's ordering attached, waiting for `paginate`, which orders only the
    page it shows. Made by the sort stage.
*/
template <endpoint const& E, class Holder>
struct sorted_range {
    Holder range;
    list_query const* query;
};

/** The sort stage: `listquery::sort<E>(range, q)` or `range | listquery::sort<E>(q)`.

    It orders nothing by itself: `paginate` then selects the page in O(n) and sorts only the
    page, by `q.order` (field, then guid, then container order; descending is the exact reverse).
    Without `order_by` the container's order stays.
*/
template <endpoint const& E>
struct sort_fn {
    template <class R>
        requires detail::stable_range<R>
    auto operator()(R&& range, list_query const& q) const {
        static_assert(detail::check_lasting_range<R>());
        static_assert(detail::check_resource<E, detail::resource_t<R>>());
        return sorted_range<E, detail::range_holder<R>>{detail::range_holder<R>(std::forward<R>(range)), &q};
    }

    /// The stage, for `range | listquery::sort<E>(q)`.
    auto operator()(list_query const& q) const { return detail::make_closure<sort_fn>(q); }
};

/// The sort stage for endpoint `E`.
template <endpoint const& E>
inline constexpr sort_fn<E> sort{};

} // namespace listquery
