// SPDX-License-Identifier: BSL-1.0
// Must not compile. expect: listquery: one of the endpoint's filters or order_by values has no column in the table mapping
#include "sql_thing.hpp"

inline constexpr listquery::sql::table_mapping things{
    .table = "things", .labels = "thing_labels",
    .columns = {{{"guids", "guid"}, {"created_ats", "created_at"}, {"updated_ats", "updated_at"}, {"states", "state"}}}};

int main() { return compile_with<things>(); }
