// SPDX-License-Identifier: BSL-1.0
#pragma once

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

} // namespace detail

} // namespace listquery
