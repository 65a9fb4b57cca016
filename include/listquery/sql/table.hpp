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

    Every field except the labels has a column; the labels live in their own table with Cloud
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
    /// A column for each declared field but the labels. Unused slots stay empty.
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

template <class T>
constexpr bool every_field_has_column(table_mapping const& m) {
    bool ok = true;
    listquery::detail::for_each_field<T>([&](auto const& f, auto) {
        if (f.kind != field_kind::labels)
            ok = ok && is_identifier(m.column_of(mapped_name(f)));
    });
    return ok;
}

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
        if (!declared)
            return false;
    }
    return true;
}

/// The compile-time checks of a table mapping against its resource and an endpoint.
template <endpoint const& E, class T>
constexpr bool check_table() {
    static_assert(listquery::detail::check_resource<E, T>());
    static_assert(has_adl_table<T> || has_traits_table<T>,
                  "listquery: the resource type has no table mapping: define "
                  "listquery_table(listquery::tag<T>) in its namespace or specialise "
                  "listquery::sql::table_traits<T>");
    constexpr table_mapping m = find_table<T>();
    static_assert(is_identifier(m.table) && is_identifier(m.id),
                  "listquery: a table mapping needs a table and an id column, each [a-z_][a-z0-9_]*");
    static_assert(m.document.empty() || is_identifier(m.document),
                  "listquery: the document column must be [a-z_][a-z0-9_]*");
    static_assert(every_column_is_a_field<T>(m),
                  "listquery: a mapped column names no declared field (other than the labels), or "
                  "one field twice, or lacks a name");
    static_assert(every_field_has_column<T>(m),
                  "listquery: every declared field but the labels needs a column [a-z_][a-z0-9_]*");
    static_assert(listquery::detail::count_fields<T>(field_kind::guid) == 1,
                  "listquery: a resource stored in SQL needs a guid_field (ties and labels use it)");
    static_assert((listquery::detail::count_fields<T>(field_kind::labels) == 0) == m.labels.empty(),
                  "listquery: a resource with a labels_field needs a labels table, and only one "
                  "with a labels_field may name one");
    static_assert(m.labels.empty() || is_identifier(m.labels),
                  "listquery: the labels table must be [a-z_][a-z0-9_]*");
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
