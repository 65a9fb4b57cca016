// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/limits.hpp>
#include <listquery/query_errors.hpp>
#include <listquery/scope.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace listquery {

//------------------------------------------------
/** What one list endpoint accepts, declared once at compile time.

    Every endpoint takes `page`, `per_page`, `order_by`, its timestamp filters, its common list
    filters (`guids`), its own list filters, then `label_selector`: that is the order of Cloud
    Controller's `Valid parameters are:` list and of its checks. Unused array slots stay empty.

    @par Example
    @code
    // GET /v3/apps/:guid/packages
    inline constexpr listquery::endpoint app_packages{
        .filters = {"states", "types"},
        .rejected = {"app_guids"},  // Unknown query parameter(s): 'app_guids'
        .scoped_by = "app_guids",   // the packages within one app: app_packages.within(guid)
    };
    auto q = listquery::parse_list_query<app_packages>("states=READY&order_by=-created_at");
    @endcode
    Use it as a template argument (`parse_list_query<E>`), which checks the declaration at compile
    time with a readable `static_assert`: wire names are non-empty `[a-z0-9_]`, unique, and listed
    without gaps.
*/
struct endpoint {
    /// The endpoint's own comma-delimited list filters, in Cloud Controller's registration order.
    std::array<std::string_view, 24> filters{};
    /// Filters this route rejects with `Unknown query parameter(s): '<name>'` (no "Valid
    /// parameters" list), as the nested `/v3/apps/:guid/…` routes reject `app_guids`.
    std::array<std::string_view, 4> rejected{};
    /// The values `order_by` accepts, in the order Cloud Controller's message lists them.
    std::array<std::string_view, 8> order_by{"created_at", "updated_at"};
    /// Whether `label_selector` is accepted.
    bool accepts_label_selector = true;
    /// 400 `CF-BadQueryParameter` or 422 `CF-UnprocessableEntity`.
    error_response_kind error_kind = error_response_kind::bad_query_parameter;
    /// The bound on `page * per_page`; a parse may override it at run time.
    std::uint64_t maximum_result = default_maximum_result;
    /// List filters every Cloud Controller list takes; checked before `label_selector`.
    std::array<std::string_view, 4> common_filters{"guids"};
    /// Timestamp filters (`=T1,T2` and `[lt|lte|gt|gte]=T`).
    std::array<std::string_view, 4> timestamp_filters{"created_ats", "updated_ats"};
    /// Keyset paging, an extension (docs/keyset.md): `page_token` is accepted instead of
    /// `page`, and a query without `order_by` is ordered by the first `order_by` value,
    /// ascending. A parse may override it at run time.
    bool keyset_paging = false;
    /// For a nested route, the filter name of the field it lists within (`app_guids` for
    /// `/v3/apps/:guid/packages`): a resource type serving the endpoint must declare it, and a
    /// request gives the value, `within(guid)` (docs/semantics.md#scopes).
    std::string_view scoped_by{};

    /// The scope of a nested route's request: the resources whose `scoped_by` field is `value`.
    constexpr scope within(std::string_view value) const noexcept { return {scoped_by, value}; }
};

namespace detail {

/// The declared (non-empty) names at the front of `a`.
template <std::size_t N>
constexpr std::span<std::string_view const> declared(std::array<std::string_view, N> const& a) {
    std::size_t n = 0;
    while (n < N && !a[n].empty())
        ++n;
    return {a.data(), n};
}

/// No name is declared after an empty slot.
template <std::size_t N>
constexpr bool no_gaps(std::array<std::string_view, N> const& a) {
    for (std::size_t i = declared(a).size(); i < N; ++i)
        if (!a[i].empty())
            return false;
    return true;
}

constexpr bool is_wire_name(std::string_view s) {
    if (s.empty())
        return false;
    for (char c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
            return false;
    return true;
}

constexpr bool all_wire_names(std::span<std::string_view const> names) {
    for (auto n : names)
        if (!is_wire_name(n))
            return false;
    return true;
}

constexpr bool unique(std::span<std::string_view const> a, std::span<std::string_view const> b = {}) {
    for (std::size_t i = 0; i < a.size(); ++i) {
        for (std::size_t j = i + 1; j < a.size(); ++j)
            if (a[i] == a[j])
                return false;
        for (auto n : b)
            if (a[i] == n)
                return false;
    }
    return true;
}

inline constexpr std::array<std::string_view, 4> pagination_names{"page", "per_page", "order_by",
                                                                  "label_selector"};

/// Every name the endpoint accepts, plus the ones it rejects, is unique.
constexpr bool parameter_names_unique(endpoint const& e) {
    std::array<std::string_view, 24 + 4 + 4 + 4 + 4> all{};
    std::size_t n = 0;
    for (auto list : {declared(e.filters), declared(e.rejected), declared(e.common_filters),
                      declared(e.timestamp_filters), std::span<std::string_view const>(pagination_names)})
        for (auto name : list)
            all[n++] = name;
    return unique({all.data(), n});
}

} // namespace detail

} // namespace listquery
