// SPDX-License-Identifier: BSL-1.0
// PostgreSQL's rules (docs/sql.md#postgresql), Citus's too.
#pragma once

#include <listquery/sql/dialect_rules.hpp>

#include <string>
#include <string_view>

namespace listquery::sql {

template <>
struct dialect_rules<dialect::postgresql> {
    static constexpr std::string_view name = "PostgreSQL";

    /// Text parameters with a cast where the type is not the column's own: a list is an array.
    static void placeholder(std::string& out, std::size_t n, parameter_kind p) {
        (out += '$') += std::to_string(n);
        out += p == parameter_kind::time        ? "::timestamp"
               : p == parameter_kind::text_list ? "::text[]"
               : p == parameter_kind::time_list ? "::timestamp[]"
                                                : "";
    }

    static constexpr std::string_view bytewise = " COLLATE \"C\"";

    static std::string_view nulls(bool ascending) { return ascending ? " NULLS FIRST" : " NULLS LAST"; }

    /// One index then serves both directions (docs/sql.md#schema).
    static constexpr std::string_view index_nulls = " NULLS FIRST";

    static list_form list(std::size_t) { return {" = ANY(", ")"}; }

    static constexpr second_form within_a_second{"EXISTS (SELECT 1 FROM unnest(", ") AS s(v) WHERE ", "s.v",
                                                 " + interval '1 second'"};

    static constexpr bool row_values = true;

    static std::string microseconds_of(std::string const& column) {
        return "(extract(epoch from " + column + ") * 1000000)::bigint";
    }

    static constexpr std::string_view analyze = "ANALYZE ";

    static std::string_view column_type(column_kind c) {
        switch (c) {
        case column_kind::text:
        case column_kind::label_prefix:
        case column_kind::label_name: return "text COLLATE \"C\"";
        case column_kind::document: return "text";
        case column_kind::time: return "timestamp(6)";
        case column_kind::id:
        case column_kind::integer: return "bigint";
        }
        return "bigint";
    }
};

static_assert(dialect_description<dialect_rules<dialect::postgresql>>);

} // namespace listquery::sql
