// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/label_selector.hpp>
#include <listquery/order_by.hpp>
#include <listquery/limits.hpp>
#include <listquery/timestamp.hpp>

#include <listquery/detail/small_vector.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace listquery {

LISTQUERY_DETAIL_SMALL_VECTOR_HOLDERS_BEGIN
/// A requested comma-delimited list filter: `states=STAGED,FAILED`.
struct list_filter {
    /// The wire name, e.g. `states`; refers to the endpoint declaration.
    std::string_view name;
    /// The decoded elements, ORed; `states=` gives one empty element. A `std::vector`-like
    /// container (Boost.Container's `small_vector`) holding the first 4 in place.
    boost::container::small_vector<std::string_view, 4> values;

    friend bool operator==(list_filter const&, list_filter const&) = default;
};

//------------------------------------------------
/** A validated list query: plain data, independent of how it is executed (in memory, or
    compiled to SQL).

    Filters appear only when requested. Every view refers either to the endpoint declaration
    (names, the `order_by` field) or to the decoded request bytes that `storage` owns, which
    copies share: copies stay valid on their own. A typical query (up to 4 list filters of up
    to 4 values, 2 timestamp filters, 8 selector requirements) holds everything in place, so
    parsing it allocates once, for the bytes.
*/
struct list_query {
    /// The page, from 1.
    std::uint64_t page = default_page;
    /// The page size, 1 to 5000.
    std::uint64_t per_page = default_per_page;
    /// The ordering; empty for the container's own order (no `order_by`, or a blank one).
    std::optional<order_by> order;
    /// Requested list filters, in the endpoint's order (common filters first); the first 4
    /// are held in place.
    boost::container::small_vector<list_filter, 4> filters;
    /// Requested timestamp filters, in the endpoint's order; the first 2 are held in place.
    boost::container::small_vector<timestamp_filter, 2> timestamps;
    /// The requested label selector.
    std::optional<label_selector> selector;
    /// The selector's text as given, which pagination links echo.
    std::string_view selector_text;
    /// The `page_token` as given (keyset paging, docs/keyset.md); empty without one. Opaque
    /// until `decode_page_token` checks it.
    std::string_view page_token;
    /// Whether the query pages by keyset (the endpoint, or the parse, turned it on): its pages
    /// link to each other by token, and it always has an order.
    bool keyset_paging = false;
    /// Owns the decoded request bytes that the views above refer to (one allocation, shared
    /// by copies). What it points to is not part of the interface.
    std::shared_ptr<void const> storage;

    /// The list filter named `name`, or null if it was not requested.
    list_filter const* filter(std::string_view name) const noexcept {
        for (auto const& f : filters)
            if (f.name == name)
                return &f;
        return nullptr;
    }

    /// The timestamp filter named `name`, or null if it was not requested.
    timestamp_filter const* timestamp(std::string_view name) const noexcept {
        for (auto const& f : timestamps)
            if (f.name == name)
                return &f;
        return nullptr;
    }

    /// Same query; where the bytes are stored does not matter.
    friend bool operator==(list_query const& a, list_query const& b) {
        return a.page == b.page && a.per_page == b.per_page && a.order == b.order &&
               a.filters == b.filters && a.timestamps == b.timestamps && a.selector == b.selector &&
               a.selector_text == b.selector_text && a.page_token == b.page_token &&
               a.keyset_paging == b.keyset_paging;
    }
};
LISTQUERY_DETAIL_SMALL_VECTOR_HOLDERS_END

/// Whether `q` filters at all (by a list filter, a timestamp filter or a selector), or keeps
/// every resource (an index can then answer from its counts alone).
inline bool has_filters(list_query const& q) noexcept {
    return !q.filters.empty() || !q.timestamps.empty() || q.selector;
}

} // namespace listquery
