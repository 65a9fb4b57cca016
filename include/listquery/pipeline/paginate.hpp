// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/pipeline/filter.hpp>
#include <listquery/pipeline/order.hpp>
#include <listquery/pipeline/page.hpp>

#include <cstdint>
#include <ranges>
#include <type_traits>
#include <utility>

namespace listquery {

namespace detail {

template <class R>
inline constexpr bool is_filtered_view_v = false;
template <class H, class K>
inline constexpr bool is_filtered_view_v<filtered_view<H, K>> = true;

struct keep_all {
    template <class Element>
    bool operator()(Element const&) const {
        return true;
    }
};

/// Calls `f(base, keep)`: a filtered view is taken apart, so that its base's size can size the
/// buffer and its predicate runs once per element.
template <class R, class F>
decltype(auto) with_base(R const& range, F&& f) {
    if constexpr (is_filtered_view_v<R>)
        return f(range.base(), range.pred());
    else
        return f(range, keep_all{});
}

template <class Base>
std::size_t size_hint(Base const& base) {
    if constexpr (std::ranges::sized_range<Base const>)
        return static_cast<std::size_t>(std::ranges::size(base));
    else
        return 0;
}

/// Container order: one pass that counts every match and keeps only the page's.
template <class T, class Base, class Keep>
page_result<T> page_in_order(Base const& base, Keep const& keep, list_query const& q) {
    page_in_passing<T> page(q, size_hint(base));
    for (auto const& e : base)
        if (auto const* r = element_traits<decltype(e)>::address(e); r && keep(e))
            page.offer(r);
    return std::move(page).finish();
}

/// By `q.order`: counts every match, keeps in `buffer` the first of them in order up to the
/// page's end (least_entries), then orders only the page's window.
template <class T, class Base, class Keep>
page_result<T> page_sorted(Base const& base, Keep const& keep, list_query const& q, sort_buffer<T>& buffer) {
    page_frame<T> page;
    with_order_less<T>(*q.order, [&](auto const& less) {
        least_entries<T, std::remove_cvref_t<decltype(less)>> first(buffer, results_through(q.page, q.per_page), less,
                                                                    size_hint(base));
        std::uint64_t total = 0;
        std::size_t index = 0;
        for (auto const& e : base) {
            if (auto const* r = element_traits<decltype(e)>::address(e); r && keep(e)) {
                ++total;
                first.offer({r, index});
            }
            ++index;
        }
        page = frame_page<T>(total, q);
        order_window(buffer, page.window, less);
    });
    for (auto i = page.window.begin; i < page.window.end; ++i)
        page.result.resources.push_back(buffer[static_cast<std::size_t>(i)].item);
    return std::move(page.result);
}

} // namespace detail

//------------------------------------------------
/** The paginate stage for endpoint `E`: the query's page of a range, ordered by `q.order` (the
    container's order without one), with the counts for the links.

    `listquery::paginate<E>(range, q)` or `range | listquery::paginate<E>(q)`, usually after
    `filter<E>`. Only the page is ordered: O(n) to select it, O(k log k) to sort its k resources.
    An ordered page N keeps at most 2 × N × per_page entries (and never more than the matches);
    a third argument, a `sort_buffer<T>&`, lends that buffer.
*/
template <endpoint const& E>
struct paginate_fn {
    template <class R, class T = detail::resource_t<R>>
        requires detail::stable_range<R>
    page_result<T> operator()(R const& range, list_query const& q, sort_buffer<T>& buffer) const {
        static_assert(detail::check_resource<E, T>());
        return detail::with_base(range, [&](auto const& base, auto const& keep) {
            return q.order ? detail::page_sorted<T>(base, keep, q, buffer) : detail::page_in_order<T>(base, keep, q);
        });
    }

    template <class R, class T = detail::resource_t<R>>
        requires detail::stable_range<R>
    page_result<T> operator()(R const& range, list_query const& q) const {
        sort_buffer<T> buffer;
        return (*this)(range, q, buffer);
    }

    /// The stage, for `range | listquery::paginate<E>(q)`.
    auto operator()(list_query const& q) const { return detail::make_closure<paginate_fn>(q); }
};

/// The paginate stage for endpoint `E`.
template <endpoint const& E>
inline constexpr paginate_fn<E> paginate{};

} // namespace listquery
