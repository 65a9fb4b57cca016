// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/endpoint.hpp>
#include <listquery/keyset/token.hpp>
#include <listquery/query.hpp>
#include <listquery/result.hpp>
#include <listquery/scope.hpp>

#include <concepts>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace listquery {

//------------------------------------------------
/** One page a store is asked for (docs/stores.md): a validated query, the scope of a nested
    route, and for a keyset query (`query.keyset_paging`) the cursor its page token names (none
    on page 1, or on a page asked for by number).
*/
struct page_request {
    list_query const& query;
    std::optional<listquery::scope> scope{};
    std::optional<keyset_cursor> cursor{};
};

/** What a store answers: the page's resources as JSON texts, in the query's order, and the exact
    total; for a keyset query, the cursors of the pages around it (`apply_keyset`'s).
*/
struct store_page {
    /// Each resource's JSON text, one JSON value each.
    std::vector<std::string_view> resources;
    /// How many resources match, over all pages (also past the last page).
    std::uint64_t total_results = 0;
    /// A keyset page's neighbours: forward from its last resource, backward from its first.
    std::optional<keyset_cursor> next, previous;
    /// What the texts point into, when the store does not hold them itself (rows read from a
    /// database, texts rendered for this page); it lives as long as any copy of it.
    std::shared_ptr<void const> owner;
};

/** Where `respond` reads pages from: one interface for every engine (docs/stores.md).

    listquery has three: `memory_store<T>` (a container, with or without a `resource_index`),
    and `sql::table_store<T, Database>` over `sql::sqlite::database` and
    `sql::postgresql::database`. A new engine implements one member:

    @code
    listquery::result<listquery::store_page> read(listquery::endpoint const& e, listquery::page_request const& r);
    @endcode

    It answers the page of `r.query` for `e` within `r.scope` exactly as `apply` (or, for a keyset
    query, `apply_keyset` after `r.cursor`) answers it in memory: the same resources in the same
    order, and the same total; or a failure (`error::database_unavailable`, `error::database_error`).
    A store may also declare `template <endpoint const& E> static constexpr bool serves()`, which
    `respond<E>` calls at compile time to check that the store's resources can answer `E`.
*/
template <class S>
concept store = requires(S& s, endpoint const& e, page_request const& r) {
    { s.read(e, r) } -> std::same_as<result<store_page>>;
};

namespace detail {
/// The compile-time checks a store declares for endpoint `E`, if any.
template <endpoint const& E, class S>
constexpr bool store_serves() {
    if constexpr (requires { S::template serves<E>(); })
        return S::template serves<E>();
    else
        return true;
}
} // namespace detail

} // namespace listquery
