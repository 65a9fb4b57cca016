// SPDX-License-Identifier: BSL-1.0
// Must not compile. expect: listquery: a mapped column names no declared field
#include "sql_thing.hpp"

inline constexpr listquery::sql::table_mapping things{
    .table = "things", .labels = "thing_labels",
    .columns = {{{"guids", "guid"}, {"created_ats", "created_at"}, {"updated_ats", "updated_at"}, {"states", "state"},
                 {"app_guids", "app_guid"}, {"types", "type"}}}};

int main() { return compile_with<things>(); }
