// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/query.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

namespace listquery {

// Every page strategy builds its page_result here: page_frame for those that count first,
// page_in_passing for the one pass in container order.

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
    std::uint64_t per_page = default_per_page;

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

// Where a page lies, written once for every strategy, in memory and in SQL: the products
// saturate, so no page number or size overflows.

/// `a × b`, or the largest value when it does not fit.
inline std::uint64_t saturated_product(std::uint64_t a, std::uint64_t b) {
    constexpr auto most = std::numeric_limits<std::uint64_t>::max();
    return b != 0 && a > most / b ? most : a * b;
}

/// How many of the first results page `page` of `per_page` ends after: page × per_page.
inline std::uint64_t results_through(std::uint64_t page, std::uint64_t per_page) {
    return saturated_product(page, per_page);
}

/// The position of page `page`'s first result: (page - 1) × per_page; page 0 lies past every
/// result.
inline std::uint64_t first_of_page(std::uint64_t page, std::uint64_t per_page) {
    return page == 0 ? std::numeric_limits<std::uint64_t>::max() : saturated_product(page - 1, per_page);
}

/// The positions `[begin, end)` of a page among `total` results.
struct page_window {
    std::uint64_t begin = 0, end = 0;
};

inline page_window window_of(std::uint64_t total, std::uint64_t page, std::uint64_t per_page) {
    std::uint64_t const begin = first_of_page(page, per_page);
    if (per_page == 0 || begin >= total)
        return {total, total}; // past the end
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

/// The page a one-pass strategy builds as it goes (container order): each match is offered in
/// order, counted, and kept if it falls in the page's window; no second pass, no count first.
template <class T>
class page_in_passing {
public:
    page_in_passing(list_query const& q, std::size_t size_hint)
        : result_{{}, 0, 1, q.page, q.per_page},
          first_(q.per_page == 0 ? std::numeric_limits<std::uint64_t>::max() : first_of_page(q.page, q.per_page)),
          size_hint_(size_hint) {}

    void offer(T const* r) {
        if (result_.total_results >= first_ && result_.total_results - first_ < result_.per_page) {
            if (result_.resources.empty())
                result_.resources.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(result_.per_page, size_hint_)));
            result_.resources.push_back(r);
        }
        ++result_.total_results;
    }

    page_result<T> finish() && {
        result_.total_pages = total_pages(result_.total_results, result_.per_page);
        return std::move(result_);
    }

private:
    page_result<T> result_;
    std::uint64_t first_; // the position of the page's first resource among the matches
    std::size_t size_hint_;
};

} // namespace detail

} // namespace listquery
