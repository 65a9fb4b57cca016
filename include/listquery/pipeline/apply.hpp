// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/pipeline/filter.hpp>
#include <listquery/pipeline/paginate.hpp>
#include <listquery/pipeline/resource_index.hpp>
#include <listquery/pipeline/sort_index.hpp>

namespace listquery {

//------------------------------------------------
/** Filter, sort and page in one call: `listquery::apply<E>(q, range)`.

    The same as `range | filter<E>(q) | paginate<E>(q)`. Cost: one pass over `range`
    to filter; with `order_by`, O(n) to select the page and O(k log k) to sort its k resources,
    and a buffer of at most 2 × page × per_page entries, never more than the matches (pass a
    `sort_buffer<T>` to reuse yours); without, no buffer.
    Nothing is copied or changed; the page points at the caller's elements. Reentrant: any number
    of threads may query one container at once.

    @par Example
    @code
    auto q = listquery::parse_list_query<listquery::cf::droplets>("order_by=-created_at&per_page=2");
    listquery::page_result<my::droplet> page = listquery::apply<listquery::cf::droplets>(*q, droplets);
    @endcode
*/
template <endpoint const& E>
struct apply_fn {
    template <class R, class T = detail::resource_t<R>>
        requires detail::stable_range<R>
    page_result<T> operator()(list_query const& q, R&& range, sort_buffer<T>& buffer) const {
        return paginate<E>(filter<E>(std::forward<R>(range), q), q, buffer);
    }

    /// With an index of `range`: a query ordered by the index's field walks it (and stops once
    /// the page is full) instead of ordering every match; any other query ignores it.
    template <class R, class T = detail::resource_t<R>>
        requires detail::stable_range<R>
    page_result<T> operator()(list_query const& q, R&& range, sort_index<T> const& index) const {
        if (!q.order || q.order->field != index.field())
            return (*this)(q, std::forward<R>(range));
        static_assert(detail::check_lasting_range<R>());
        return detail::page_indexed<T>(range, detail::keep_matching<E, T>{detail::matcher<E, T>(q)}, q, index);
    }

    /// With a `resource_index` of `range`: the count from its columns, the page from its kept
    /// order of the query's field (stopping once the page is full); the resources are read only
    /// for what the index does not keep.
    template <class R, class T = detail::resource_t<R>>
        requires detail::stable_range<R>
    page_result<T> operator()(list_query const& q, R&& range, resource_index<T> const& index) const {
        static_assert(detail::check_lasting_range<R>());
        return detail::page_with_index<E, T>(range, q, index);
    }

    template <class R, class T = detail::resource_t<R>>
        requires detail::stable_range<R>
    page_result<T> operator()(list_query const& q, R&& range) const {
        sort_buffer<T> buffer;
        return (*this)(q, std::forward<R>(range), buffer);
    }
};

/// The whole pipeline for endpoint `E`.
template <endpoint const& E>
inline constexpr apply_fn<E> apply{};

} // namespace listquery
