// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/query.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace listquery {

//------------------------------------------------
/** One page of results: the resources (pointers to the caller's elements, in order) and the
    counts the pagination links need.
*/
template <class T>
struct page_result {
    /// The page's resources, in order; they point into the caller's container.
    std::vector<T const*> resources;
    /// How many resources match, over all pages.
    std::uint64_t total_results = 0;
    /// `max(1, ceil(total_results / per_page))`.
    std::uint64_t total_pages = 1;
    /// The page shown, as requested (it may lie past the last page: then `resources` is empty).
    std::uint64_t page = 1;
    /// The page size.
    std::uint64_t per_page = 50;

    friend bool operator==(page_result const&, page_result const&) = default;
};

namespace detail {
/// A matching resource and its position in the container (ties keep container order).
template <class T>
struct ranked {
    T const* item = nullptr;
    std::size_t index = 0;
};
} // namespace detail

/// The one buffer an ordered query fills; pass your own to reuse its memory across queries.
template <class T>
using sort_buffer = std::vector<detail::ranked<T>>;

namespace detail {

/// The positions `[begin, end)` of a page among `total` results, without overflow.
struct page_window {
    std::uint64_t begin = 0, end = 0;
};

inline page_window window_of(std::uint64_t total, std::uint64_t page, std::uint64_t per_page) {
    if (page == 0 || per_page == 0 || page - 1 >= (total + per_page - 1) / per_page)
        return {total, total}; // past the end (also guards (page - 1) * per_page)
    std::uint64_t const begin = (page - 1) * per_page;
    return {begin, begin + std::min(per_page, total - begin)};
}

inline std::uint64_t total_pages(std::uint64_t total, std::uint64_t per_page) {
    return per_page == 0 || total == 0 ? 1 : (total - 1) / per_page + 1;
}

/// The page every strategy that counts first builds: the counts of `total` matches filled in,
/// room for the page's resources, and the window whose resources the strategy then appends.
template <class T>
struct page_frame {
    page_result<T> result;
    page_window window;
};

template <class T>
page_frame<T> frame_page(std::uint64_t total, list_query const& q) {
    page_frame<T> f{{{}, total, total_pages(total, q.per_page), q.page, q.per_page}, window_of(total, q.page, q.per_page)};
    f.result.resources.reserve(static_cast<std::size_t>(f.window.end - f.window.begin));
    return f;
}

} // namespace detail

} // namespace listquery
