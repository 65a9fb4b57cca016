// SPDX-License-Identifier: BSL-1.0
// Must not compile. expect: dialect_description
// A dialect's rules that leave out a decision (here, where NULLs sort) are refused, instead of
// falling back to another database's SQL.
#include <listquery/sql.hpp> // the amalgamation has no file per header: the umbrella in both

#include <string>
#include <string_view>

struct half_a_dialect {
    static constexpr std::string_view name = "Half";
    static void placeholder(std::string& out, std::size_t n, listquery::sql::parameter_kind) { out += std::to_string(n); }
    static constexpr std::string_view bytewise = "";
    static constexpr std::string_view index_nulls = "";
    static listquery::sql::list_form list(std::size_t) { return {" IN (", ")"}; }
    static constexpr listquery::sql::second_form within_a_second{"", "", "", ""};
    static std::string microseconds_of(std::string const& column) { return column; }
    static std::string_view column_type(listquery::sql::column_kind) { return "TEXT"; }
};

static_assert(listquery::sql::dialect_description<half_a_dialect>);

int main() {}
