// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/pipeline/resource_index.hpp>
#include <listquery/result.hpp>
#include <listquery/sql/statement.hpp>
#include <listquery/sql/table.hpp>

#include <algorithm>
#include <initializer_list>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace listquery::sql {

/// The DDL of one resource type: its tables, and the indexes to build once they are filled
/// (which is faster than keeping them up to date row by row).
struct schema_statements {
    /// `CREATE TABLE` of the resources and of their labels, each ended by `;` and a newline.
    std::string tables;
    /// Citus only (`distributed_schema_for`): the statements that distribute the tables, to run
    /// before the indexes: on empty tables, or on filled ones, whose rows they move to the shards.
    std::string distribution;
    /// `CREATE INDEX` of each order and filter asked for, and of the labels.
    std::string indexes;
    /// The statements that refresh the planner's statistics of the tables, to run once they are
    /// filled (`ANALYZE`).
    std::string statistics;
};

namespace detail {

/// The column type of a field's values in `d`: text compared bytewise, a time at microsecond
/// precision (integer microseconds since the epoch on SQLite), or an integer.
template <class X>
std::string_view column_type(dialect d) {
    column_kind const kind = listquery::detail::string_field<X>           ? column_kind::text
                             : listquery::detail::timestamp_field_type<X> ? column_kind::time
                                                                          : column_kind::integer;
    return with_rules(d, [&](auto rules) -> std::string_view { return rules.column_type(kind); });
}

} // namespace detail

/// The statements of a `schema_statements` text one by one, each with its `;`, for a database
/// that runs one statement per query string (Citus' `CREATE INDEX` and `ANALYZE`).
inline std::vector<std::string_view> statements_of(std::string_view text) {
    std::vector<std::string_view> out;
    while (!text.empty()) {
        std::size_t const end = std::min(text.find(";\n"), text.size() - 1) + 1; // past the `;`
        out.push_back(text.substr(0, end));
        text.remove_prefix(std::min(text.size(), end + 1)); // and its newline
    }
    return out;
}

namespace detail {

/// `schema_for`, and with `distributed` Citus' (`distributed_schema_for`).
template <class T, table_mapping const& M>
result<schema_statements> schema(dialect d, index_fields const& index, bool temporary, bool distributed) {
    static_assert(detail::check_mapping<T, M>());
    constexpr table_mapping const& m = M;
    auto const type = [d](column_kind c) { return with_rules(d, [&](auto rules) -> std::string_view { return rules.column_type(c); }); };
    std::string_view const index_nulls = with_rules(d, [](auto rules) -> std::string_view { return rules.index_nulls; });
    std::string const table(m.table), guid(m.column_of("guids"));
    std::string const create = temporary ? "CREATE TEMPORARY TABLE " : "CREATE TABLE ";
    schema_statements out;
    std::string& t = out.tables;
    ((t += create) += table) += " (\n    ";
    // Citus keeps a unique key only with the distribution column in it (the guid is unique).
    (((t += m.id) += ' ') += type(column_kind::id)) += distributed ? " NOT NULL" : " PRIMARY KEY";
    for (auto const& c : m.columns) {
        if (c.name.empty())
            continue;
        listquery::detail::for_each_field<T>([&](auto const& f, auto) {
            using Field = std::remove_cvref_t<decltype(f)>;
            if constexpr (Field::kind != field_kind::labels)
                if (detail::mapped_name(f) == c.field) {
                    ((t += ",\n    ") += c.name) += ' ';
                    t += detail::column_type<listquery::detail::field_value_t<T, Field>>(d);
                    if (Field::kind == field_kind::guid)
                        t += " NOT NULL UNIQUE";
                }
        });
    }
    if (!m.document.empty())
        ((((t += ",\n    ") += m.document) += ' ') += type(column_kind::document)) += " NOT NULL";
    t += "\n);\n";
    std::string_view const analyze = with_rules(d, [](auto rules) -> std::string_view { return rules.analyze; });
    (((out.statistics += analyze) += table) += ";\n");
    if (!m.labels.empty()) {
        (((out.statistics += analyze) += m.labels) += ";\n");
        ((t += create) += m.labels) += " (\n";
        auto const column = [&](std::string_view name, column_kind c, std::string_view end) {
            ((((t += "    ") += name) += ' ') += type(c)) += end;
        };
        column("resource_guid", column_kind::text, " NOT NULL,\n");
        column("key_prefix", column_kind::label_prefix, " NOT NULL,\n");
        column("key_name", column_kind::label_name, " NOT NULL,\n");
        column("value", column_kind::label_name, "\n);\n");
    }
    // The indexes.
    // CREATE INDEX <name parts> ON <table> (<column parts>);
    auto const index_on = [&](std::initializer_list<std::string_view> name, std::string_view on,
                              std::initializer_list<std::string_view> columns) {
        std::string& s = out.indexes;
        s += "CREATE INDEX ";
        for (auto part : name)
            s += part;
        ((s += " ON ") += on) += " (";
        for (auto part : columns)
            s += part;
        s += ");\n";
    };
    if (distributed) {
        auto const distribute = [&](std::string_view name, std::string_view column, std::string_view with) {
            (((out.distribution += "SELECT create_distributed_table('") += name) += "', '") += column;
            if (!with.empty())
                ((out.distribution += "', colocate_with => '") += with);
            // A filled table's rows are copied to the shards; the local copy would stay on disk.
            (((out.distribution += "');\nSELECT truncate_local_data_after_distributing_table('") += name) += "');\n");
        };
        distribute(table, guid, {});
        if (!m.labels.empty())
            distribute(m.labels, "resource_guid", table);
        index_on({table, "_", m.id}, table, {m.id}); // the default order, which the key served
    }
    std::vector<std::string> ordered; // the columns an order index starts with
    for (auto const& name : index.order_by) {
        std::string column;
        listquery::detail::for_each_field<T>([&](auto const& f, auto) {
            if (f.kind != field_kind::labels && !f.sort_name.empty() && f.sort_name == name)
                column = m.column_of(detail::mapped_name(f));
        });
        if (column.empty())
            return listquery::detail::unknown_field("listquery::sql::schema_for: no sortable, mapped field '", name);
        index_on({table, "_", column, "_", guid}, table, {column, index_nulls, ", ", guid});
        ordered.push_back(column);
    }
    for (auto const& name : index.filters) {
        if (name == "label_selector" && !m.labels.empty()) {
            index_on({m.labels, "_key"}, m.labels, {"key_prefix, key_name, value, resource_guid"});
            index_on({m.labels, "_resource_guid"}, m.labels, {"resource_guid"});
            continue;
        }
        std::string const column(m.column_of(name));
        if (column.empty())
            return listquery::detail::unknown_field("listquery::sql::schema_for: no mapped filter '", name);
        if (column != guid && std::find(ordered.begin(), ordered.end(), column) == ordered.end())
            index_on({table, "_", column}, table, {column});
    }
    return out;
}

} // namespace detail

/** The DDL of `T` stored as `M` in dialect `d` (docs/sql.md#schema), derived from the resource's
    declaration and its mapping, so that they are written once: the table (the id, each mapped
    column with its field's type, the guid `NOT NULL UNIQUE`, the document), the labels table, and
    the indexes `index` asks for, as a `resource_index` would keep them: `(column, guid)` for each
    order (NULLs first on PostgreSQL, so that one index serves both directions), `(column)` for
    each filter an order index does not already serve, and for `label_selector` the labels'
    `(key_prefix, key_name, value, resource_guid)` and `(resource_guid)`. With `temporary`, tables
    that only the session sees. `error::unknown_field` for a name `T` does not declare or `M` does
    not map.
*/
template <class T, table_mapping const& M = table_v<T>>
result<schema_statements> schema_for(dialect d, index_fields const& index, bool temporary = false) {
    return detail::schema<T, M>(d, index, temporary, false);
}

/** The DDL of `T` stored as `M` on Citus (docs/scaling.md#the-schema): PostgreSQL's `schema_for`,
    with each resource table distributed by its guid and its labels table by `resource_guid`,
    co-located with it, so that a resource's labels live on its shard and every statement runs on
    the shards; the id is `NOT NULL` instead of the primary key (Citus keeps a unique key only
    with the distribution column in it) and has an index of its own. Run `tables`, store the rows
    (or not yet), then `distribution`, `indexes` and `statistics`, each statement alone
    (`statements_of`): Citus refuses a `CREATE INDEX` or an `ANALYZE` of a distributed table
    that shares its query string with another statement.
*/
template <class T, table_mapping const& M = table_v<T>>
result<schema_statements> distributed_schema_for(index_fields const& index) {
    return detail::schema<T, M>(dialect::postgresql, index, false, true);
}

} // namespace listquery::sql
