// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/detail/config.hpp>
#include <listquery/endpoint.hpp>
#include <listquery/limits.hpp>
#include <listquery/query.hpp>
#include <listquery/query_errors.hpp>
#include <listquery/result.hpp>

#include <boost/system/result.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace listquery {

/// How `parse_list_query` works.
struct parse_options {
    /// Collect every problem, in Cloud Controller's order (its behaviour); `false` stops at the
    /// first one, for callers who only need to know that the query is bad.
    bool all_errors = true;
    /// Overrides the endpoint's `maximum_result` (Cloud Controller's `max_total_results`).
    std::optional<std::uint64_t> maximum_result;
    /// The longest query string accepted, in bytes (Cloud Controller leaves it to Rack, 4 MiB).
    std::size_t max_query_length = default_max_query_length;
    /// The most elements one list filter (or timestamp equality list) may hold.
    std::size_t max_list_elements = default_max_list_elements;
    /// Overrides the endpoint's `keyset_paging`, as a server that turns it on by configuration
    /// does (docs/keyset.md).
    std::optional<bool> keyset_paging;
};

//------------------------------------------------
/** Parse and validate a whole list query for an endpoint declared at run time.

    Prefer `parse_list_query<E>`, which checks the declaration at compile time; this form is for
    routers that pick the endpoint at run time, and expects a declaration that passes those checks.

    @param query The raw query string, without `?`, as it arrived (percent-encoded); for a URL
    Boost.URL has parsed, `url_view::encoded_query()`.
*/
LISTQUERY_DECL result<list_query> parse_list_query(std::string_view query, endpoint const& e,
                                     parse_options const& opts = {});


//------------------------------------------------
/** Parse and validate a whole list query for endpoint `E` (docs/semantics.md).

    The query string is split on `&`; keys and values are form-decoded (`+` is a space); the last
    of repeated keys wins; then every parameter is validated in Cloud Controller's order: page,
    per_page, maximum result, order_by, timestamp filters, common filters, label_selector,
    unknown parameters, the endpoint's own filters, parameters its route rejects. All problems
    are collected (or only the first, with `parse_options::all_errors = false`) into the
    Cloud Foundry error response; malformed percent-encoding alone makes a 400 whose detail names
    the first offending parameter.

    @par Example
    @code
    auto q = listquery::parse_list_query<listquery::cf::droplets>(
        "states=STAGED%2CFAILED&order_by=-created_at&per_page=2");
    assert(q && q->per_page == 2 && q->filter("states")->values.size() == 2);
    @endcode
    @par Complexity
    Linear in `query.size()`; no recursion.
*/
template <endpoint const& E>
result<list_query> parse_list_query(std::string_view query, parse_options const& opts = {}) {
    static_assert(detail::no_gaps(E.filters) && detail::no_gaps(E.rejected) &&
                      detail::no_gaps(E.order_by) && detail::no_gaps(E.common_filters) &&
                      detail::no_gaps(E.timestamp_filters),
                  "listquery: an endpoint declares a name after an empty slot");
    static_assert(detail::all_wire_names(detail::declared(E.filters)) &&
                      detail::all_wire_names(detail::declared(E.rejected)) &&
                      detail::all_wire_names(detail::declared(E.common_filters)) &&
                      detail::all_wire_names(detail::declared(E.timestamp_filters)),
                  "listquery: an endpoint's parameter names must hold only a-z, 0-9 and '_'");
    static_assert(detail::parameter_names_unique(E),
                  "listquery: an endpoint declares one parameter name twice (or reuses page, "
                  "per_page, order_by or label_selector)");
    static_assert(detail::all_wire_names(detail::declared(E.order_by)) &&
                      detail::unique(detail::declared(E.order_by)),
                  "listquery: an endpoint's order_by values must be unique and hold only a-z, "
                  "0-9 and '_'");
    return parse_list_query(query, E, opts);
}


} // namespace listquery

#if !defined(LISTQUERY_SEPARATE_COMPILATION)
#include <listquery/parse/impl/list_query.ipp>
#endif
