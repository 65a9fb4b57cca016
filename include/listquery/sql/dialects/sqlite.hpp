// SPDX-License-Identifier: BSL-1.0
// SQLite's rules (docs/sql.md#sqlite).
#pragma once

#include <listquery/sql/dialect_rules.hpp>

#include <string>
#include <string_view>

namespace listquery::sql {

template <>
struct dialect_rules<dialect::sqlite> {
    static constexpr std::string_view name = "SQLite";

    static void placeholder(std::string& out, std::size_t n, parameter_kind) { (out += '?') += std::to_string(n); }

    static constexpr std::string_view bytewise = ""; // BINARY, the default collation

    static std::string_view nulls(bool ascending) { return ascending ? " NULLS FIRST" : " NULLS LAST"; }

    static constexpr std::string_view index_nulls = ""; // first, SQLite's only order

    /// A list is a JSON array read by `json_each`. The planner assumes every `IN (SELECT …)`
    /// yields 25 rows, so a one-value list is `x = ?`, or it walks the order's index instead of
    /// a selective column's (docs/sql.md#list-filters).
    static list_form list(std::size_t n) {
        if (n == 1)
            return {" = ", "", 1};
        return {" IN (SELECT value FROM json_each(", "))"};
    }

    /// Times are integer microseconds.
    static constexpr second_form within_a_second{"EXISTS (SELECT 1 FROM json_each(", ") AS s WHERE ", "s.value",
                                                 " + 1000000"};

    static constexpr bool row_values = true;

    static std::string microseconds_of(std::string const& column) { return column; }

    static constexpr std::string_view analyze = "ANALYZE ";

    static std::string_view column_type(column_kind c) {
        return c == column_kind::time || c == column_kind::id || c == column_kind::integer ? "INTEGER" : "TEXT";
    }
};

static_assert(dialect_description<dialect_rules<dialect::sqlite>>);

} // namespace listquery::sql
