// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/detail/resource_checks.hpp>
#include <listquery/endpoint.hpp>
#include <listquery/resource.hpp>

#include <array>
#include <cstddef>
#include <string_view>

namespace listquery::sql {

/// A declared field stored in a column: `{"states", "state"}`.
struct column {
    /// The field's name in the resource declaration: its filter name (`states`, `guids`,
    /// `created_ats`), or for a `sort_field` its `order_by` name.
    std::string_view field;
    /// The column.
    std::string_view name;
};

//------------------------------------------------
/** Where a resource type is stored in SQL, declared once next to its fields
    (docs/sql.md#mapping).

    The guid and every field an endpoint filters or orders by has a column; the labels live in their own table with Cloud
    Controller's columns `resource_guid`, `key_prefix`, `key_name` and `value` (a key without a
    prefix is stored with `key_prefix = ''`). Names are SQL identifiers `[a-z_][a-z0-9_]*`, checked
    at compile time; they are the only names that ever reach SQL text.

    @par Example
    @code
    constexpr auto listquery_table(listquery::tag<my::droplet>) {   // found by ADL
        return listquery::sql::table_mapping{
            .table = "droplets",
            .labels = "droplet_labels",
            .columns = {{{"guids", "guid"}, {"states", "state"}, {"created_ats", "created_at"}}},
        };
    }
    @endcode
*/
struct table_mapping {
    /// The resources' table.
    std::string_view table{};
    /// The insertion-order column: an integer key, ascending in the order resources were
    /// stored. Without `order_by`, pages follow it, as the in-memory pipeline follows its container.
    std::string_view id = "id";
    /// The column holding each resource as stored (its JSON text), returned with each row; empty
    /// if there is none.
    std::string_view document{};
    /// The labels' table; empty when the resource has no labels.
    std::string_view labels{};
    /// The stored fields' columns: at least the guid and every filter and `order_by` value of
    /// the endpoints that query the table; never the labels. Unused slots stay empty.
    std::array<column, 24> columns{};

    /// The column of the field named `field`, or empty.
    constexpr std::string_view column_of(std::string_view field) const noexcept {
        for (auto const& c : columns)
            if (!c.field.empty() && c.field == field)
                return c.name;
        return {};
    }
};

/// For a type whose namespace you cannot add to: specialise with `static constexpr auto table`.
template <class T>
struct table_traits;

namespace detail {

template <class T>
concept has_adl_table = requires { listquery_table(tag<T>{}); };
template <class T>
concept has_traits_table = requires { table_traits<T>::table; };

template <class T>
constexpr table_mapping find_table() {
    if constexpr (has_adl_table<T>)
        return listquery_table(tag<T>{});
    else
        return table_traits<T>::table;
}

constexpr bool is_identifier(std::string_view s) {
    if (s.empty() || (s.front() >= '0' && s.front() <= '9'))
        return false;
    for (char c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
            return false;
    return true;
}

/// The name a field is mapped under: its filter name, or its `order_by` name.
template <class Field>
constexpr std::string_view mapped_name(Field const& f) {
    return f.filter_name.empty() ? f.sort_name : f.filter_name;
}

/// Every mapped column names a declared field (not the labels), once.
template <class T>
constexpr bool every_column_is_a_field(table_mapping const& m) {
    for (std::size_t i = 0; i < m.columns.size(); ++i) {
        auto const& c = m.columns[i];
        if (c.field.empty() != c.name.empty())
            return false;
        if (c.field.empty())
            continue;
        bool declared = false;
        listquery::detail::for_each_field<T>([&](auto const& f, auto) {
            declared = declared || (f.kind != field_kind::labels && mapped_name(f) == c.field);
        });
        for (std::size_t j = 0; j < i; ++j)
            declared = declared && m.columns[j].field != c.field;
        if (!declared || !is_identifier(c.name))
            return false;
    }
    return true;
}

/// Every filter and `order_by` value of the endpoint has a column.
template <endpoint const& E, class T>
constexpr bool endpoint_mapped(table_mapping const& m) {
    using listquery::detail::declared;
    for (auto list : {declared(E.common_filters), declared(E.filters), declared(E.timestamp_filters)})
        for (auto name : list)
            if (m.column_of(name).empty())
                return false;
    bool ok = true;
    listquery::detail::for_each_field<T>([&](auto const& f, auto) {
        for (auto name : declared(E.order_by))
            ok = ok && (f.sort_name != name || !m.column_of(mapped_name(f)).empty());
    });
    return ok;
}

/// The compile-time checks of a table mapping against its resource: what storing needs.
template <class T, table_mapping const& M>
constexpr bool check_mapping() {
    static_assert(is_identifier(M.table) && is_identifier(M.id),
                  "listquery: a table mapping needs a table and an id column, each [a-z_][a-z0-9_]*");
    static_assert(M.document.empty() || is_identifier(M.document),
                  "listquery: the document column must be [a-z_][a-z0-9_]*");
    static_assert(every_column_is_a_field<T>(M),
                  "listquery: a mapped column names no declared field (other than the labels), or one field "
                  "twice, or is not [a-z_][a-z0-9_]*");
    static_assert(listquery::detail::count_fields<T>(field_kind::guid) == 1 && !M.column_of("guids").empty(),
                  "listquery: a resource stored in SQL needs a guid_field and its column (ties and labels use it)");
    static_assert(M.labels.empty() || is_identifier(M.labels), "listquery: the labels table must be [a-z_][a-z0-9_]*");
    static_assert(M.labels.empty() || listquery::detail::count_fields<T>(field_kind::labels) == 1,
                  "listquery: a labels table needs a labels_field");
    return true;
}

/// The compile-time checks of a table mapping against its resource and an endpoint: what
/// compiling the endpoint's queries needs.
template <endpoint const& E, class T, table_mapping const& M>
constexpr bool check_table() {
    static_assert(listquery::detail::check_resource<E, T>());
    static_assert(check_mapping<T, M>());
    static_assert(endpoint_mapped<E, T>(M),
                  "listquery: one of the endpoint's filters or order_by values has no column in the table mapping");
    static_assert(E.scoped_by.empty() || !M.column_of(E.scoped_by).empty(),
                  "listquery: the field the endpoint is scoped by has no column in the table mapping");
    static_assert(!E.accepts_label_selector || !M.labels.empty(),
                  "listquery: the endpoint accepts label_selector, so the table mapping needs a labels table");
    return true;
}

} // namespace detail

/// Whether `T` has a table mapping: `listquery_table(tag<T>)` or `table_traits<T>::table`.
template <class T>
concept mapped_resource = detail::has_adl_table<T> || detail::has_traits_table<T>;

/// The table mapping of `T`.
template <mapped_resource T>
inline constexpr table_mapping table_v = detail::find_table<T>();

} // namespace listquery::sql
