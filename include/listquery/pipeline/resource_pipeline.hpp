// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/keyset/token.hpp>
#include <listquery/pipeline/page.hpp>
#include <listquery/query.hpp>
#include <listquery/scope.hpp>

#include <optional>
#include <ranges>
#include <span>
#include <type_traits>

namespace listquery {

template <class T>
struct apply_options;
template <class T>
struct keyset_page;

//------------------------------------------------
/** The pipeline's work for resource type `T` over a contiguous range (of `T`, or of `T const*`):
    what `apply`, `apply_keyset` and `memory_store` run for a vector, an array or a span, whatever
    the endpoint (docs/building.md#explicit-instantiation).

    Its members are defined out of the class, so a program can compile them once per resource
    type: declare `extern template struct listquery::resource_pipeline<my::droplet>;` next to the
    type's declaration, and instantiate it in one source file,
    `template struct listquery::resource_pipeline<my::droplet>;` (that file includes
    `<listquery/listquery.hpp>`). Every other translation unit then compiles none of the filter,
    order and page code for it.
*/
template <class T>
struct resource_pipeline {
    /// `apply`'s page (defined in `<listquery/pipeline/apply.hpp>`).
    static page_result<T> page(std::span<T const> range, list_query const& q, apply_options<T> const& o);
    static page_result<T> page(std::span<T const* const> range, list_query const& q, apply_options<T> const& o);
    /// `apply_keyset`'s page (defined in `<listquery/keyset/paginate.hpp>`).
    static keyset_page<T> keyset(std::span<T const> range, list_query const& q, std::optional<keyset_cursor> const& cursor,
                                 apply_options<T> const& o);
    static keyset_page<T> keyset(std::span<T const* const> range, list_query const& q,
                                 std::optional<keyset_cursor> const& cursor, apply_options<T> const& o);
};

namespace detail {

/// Calls `f(span)` with `range` as a span of `T` or of `T const*` when it is contiguous (so that
/// `resource_pipeline<T>` answers), else `g(range)`.
template <class T, class R, class F, class G>
decltype(auto) with_contiguous(R const& range, F&& f, G&& g) {
    using V = std::remove_cv_t<std::ranges::range_value_t<R const>>;
    if constexpr (std::ranges::contiguous_range<R const> && std::is_same_v<V, T>)
        return f(std::span<T const>(std::ranges::data(range), std::ranges::size(range)));
    else if constexpr (std::ranges::contiguous_range<R const> && (std::is_same_v<V, T const*> || std::is_same_v<V, T*>))
        return f(std::span<T const* const>(std::ranges::data(range), std::ranges::size(range)));
    else
        return g(range);
}

} // namespace detail

} // namespace listquery
