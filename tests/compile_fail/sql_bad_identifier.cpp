// SPDX-License-Identifier: BSL-1.0
// Must not compile. expect: listquery: a table mapping needs a table and an id column, each [a-z_][a-z0-9_]*
#include "sql_thing.hpp"

inline constexpr listquery::sql::table_mapping things{
    .table = "things; DROP TABLE x", .labels = "thing_labels",
    .columns = {{{"guids", "guid"}, {"created_ats", "created_at"}, {"updated_ats", "updated_at"}, {"states", "state"},
                 {"app_guids", "app_guid"}}}};

int main() { return compile_with<things>(); }
