// SPDX-License-Identifier: BSL-1.0
// Must not compile. expect: listquery: the endpoint accepts label_selector, so the table mapping needs a labels table
#include "sql_thing.hpp"

inline constexpr listquery::sql::table_mapping things{
    .table = "things",
    .columns = {{{"guids", "guid"}, {"created_ats", "created_at"}, {"updated_ats", "updated_at"}, {"states", "state"},
                 {"app_guids", "app_guid"}}}};

int main() { return compile_with<things>(); }
