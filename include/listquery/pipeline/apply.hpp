// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/pipeline/filter.hpp>
#include <listquery/pipeline/paginate.hpp>
#include <listquery/pipeline/resource_index.hpp>
#include <listquery/pipeline/resource_pipeline.hpp>
#include <listquery/pipeline/sort_index.hpp>
#include <listquery/scope.hpp>

#include <optional>
#include <type_traits>

namespace listquery {

/** What `apply` and `apply_keyset` may use besides the range and the query; every member is
    optional: `apply<E>(droplets, q, {.scope = cf::app_droplets.within(guid), .index = &index})`.
*/
template <class T>
struct apply_options {
    /// A nested route's scope (`endpoint::within`), applied before the query's own filters.
    std::optional<listquery::scope> scope{};
    /// A `resource_index` of the range: the count from its columns, the page from its kept
    /// order of the query's field (stopping once the page is full); the resources are read only
    /// for what the index does not keep.
    resource_index<T> const* index = nullptr;
    /// A `sort_index` of the range: a query ordered by its field walks it (and stops once the
    /// page is full) instead of ordering every match; any other query ignores it.
    sort_index<T> const* sort = nullptr;
    /// The buffer an ordered page fills without an index: lend one to reuse its memory.
    sort_buffer<T>* buffer = nullptr;
};

namespace detail {

/// `apply` without the endpoint's compile-time checks, which its callers make: one body for every
/// endpoint of a resource type.
template <class T, class R>
page_result<T> apply_page(R const& range, list_query const& q, apply_options<T> const& o) {
    if (o.index)
        return page_with_index<T>(range, q, o.scope, *o.index);
    keep_matching<T> const keep{matcher<T>(q, o.scope)};
    if (o.sort && q.order && q.order->field == o.sort->field())
        return page_indexed<T>(range, keep, q, *o.sort, has_filters(q) || o.scope);
    if (!q.order)
        return page_in_order<T>(range, keep, q);
    sort_buffer<T> own;
    return page_sorted<T>(range, keep, q, o.buffer ? *o.buffer : own);
}

} // namespace detail

template <class T>
page_result<T> resource_pipeline<T>::page(std::span<T const> range, list_query const& q, apply_options<T> const& o) {
    return detail::apply_page<T>(range, q, o);
}

template <class T>
page_result<T> resource_pipeline<T>::page(std::span<T const* const> range, list_query const& q, apply_options<T> const& o) {
    return detail::apply_page<T>(range, q, o);
}

//------------------------------------------------
/** Filter, sort and page in one call: `listquery::apply<E>(range, q)`, with options
    `apply<E>(range, q, {.scope = …, .index = …})`.

    The same as `range | filter<E>(q, scope) | paginate<E>(q)`. Cost: one pass over `range`
    to filter; with `order_by`, O(n) to select the page and O(k log k) to sort its k resources,
    and a buffer of at most 2 × page × per_page entries, never more than the matches; without,
    no buffer. With an index, far less (docs/pipeline.md#indexes).
    Nothing is copied or changed; the page points at the caller's elements. Reentrant: any number
    of threads may query one container at once.

    @par Example
    @code
    auto q = listquery::parse_list_query<listquery::cf::droplets>("order_by=-created_at&per_page=2");
    listquery::page_result<my::droplet> page = listquery::apply<listquery::cf::droplets>(droplets, *q);
    @endcode
*/
template <endpoint const& E>
struct apply_fn {
    template <class R, class T = detail::resource_t<R>>
        requires detail::stable_range<R>
    page_result<T> operator()(R&& range, list_query const& q,
                              std::type_identity_t<apply_options<T>> const& o = {}) const {
        static_assert(detail::check_lasting_range<R>());
        static_assert(detail::check_resource<E, T>());
        return detail::with_contiguous<T>(
            range, [&](auto span) { return resource_pipeline<T>::page(span, q, o); },
            [&](auto const& other) { return detail::apply_page<T>(other, q, o); });
    }
};

/// The whole pipeline for endpoint `E`.
template <endpoint const& E>
inline constexpr apply_fn<E> apply{};

} // namespace listquery
