// SPDX-License-Identifier: BSL-1.0
// MariaDB's rules (docs/sql.md#mariadb).
#pragma once

#include <listquery/sql/dialect_rules.hpp>

#include <bit>
#include <string>
#include <string_view>

namespace listquery::sql {

template <>
struct dialect_rules<dialect::mariadb> {
    static constexpr std::string_view name = "MariaDB";

    static void placeholder(std::string& out, std::size_t, parameter_kind) { out += '?'; }

    /// Every text column is `utf8mb4_nopad_bin`, which compares and sorts by bytes and counts
    /// trailing spaces; a parameter takes its column's collation.
    static constexpr std::string_view bytewise = "";

    /// NULLs sort first ascending and last descending natively; MariaDB has no `NULLS FIRST`.
    static std::string_view nulls(bool) { return ""; }

    static constexpr std::string_view index_nulls = ""; // first, as the order needs

    /// Up to 64 values are as many placeholders (rounded up to a power of two), which MariaDB
    /// reads as index ranges: it plans an `IN (SELECT …)` over a JSON_TABLE as a semi-join and
    /// sorts every match, ten times slower on 10^6 rows (docs/sql.md#mariadb). A longer list is a
    /// JSON array read by `JSON_TABLE` (MariaDB 10.6), as long texts so that no value is cut
    /// short, which keeps far below MariaDB's 65,535 parameters per statement.
    static list_form list(std::size_t n) {
        if (n == 1)
            return {" = ", "", 1};
        if (n >= 2 && n <= 64)
            return {" IN (", ")", std::bit_ceil(n)};
        return {" IN (SELECT j.v FROM JSON_TABLE(",
                ", '$[*]' COLUMNS (v LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin PATH '$')) AS j)"};
    }

    /// Times are integer microseconds, as on SQLite: no time zone, and every year memory holds.
    static constexpr second_form within_a_second{"EXISTS (SELECT 1 FROM JSON_TABLE(",
                                                 ", '$[*]' COLUMNS (v BIGINT PATH '$')) AS s WHERE ", "s.v",
                                                 " + 1000000"};

    /// MariaDB reads a row-value comparison by scanning the whole index.
    static constexpr bool row_values = false;

    static std::string microseconds_of(std::string const& column) { return column; }

    static constexpr std::string_view analyze = "ANALYZE TABLE ";

    static std::string_view column_type(column_kind c) {
        switch (c) {
        case column_kind::text: return "VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin";
        case column_kind::label_prefix: return "VARCHAR(253) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin";
        case column_kind::label_name: return "VARCHAR(63) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin";
        case column_kind::document: return "LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin";
        case column_kind::id:
        case column_kind::time:
        case column_kind::integer: return "BIGINT";
        }
        return "BIGINT";
    }
};

static_assert(dialect_description<dialect_rules<dialect::mariadb>>);

} // namespace listquery::sql
