// SPDX-License-Identifier: BSL-1.0
// The resource the SQL compile-fail tests map wrongly: declared correctly for cf::droplets.
#pragma once

#include "thing.hpp"

#include <listquery/sql.hpp>

constexpr auto listquery_fields(listquery::tag<thing>) {
    return listquery::fields(listquery::guid_field(&thing::guid),
                             listquery::timestamp_field("created_ats", &thing::created_at).sortable("created_at"),
                             listquery::timestamp_field("updated_ats", &thing::updated_at).sortable("updated_at"),
                             listquery::list_field("states", &thing::state), listquery::list_field("app_guids", &thing::app),
                             listquery::labels_field(&thing::labels));
}

/// Compiles a query for cf::droplets over `thing` stored as `M`.
template <listquery::sql::table_mapping const& M>
int compile_with() {
    auto q = listquery::parse_list_query<listquery::cf::droplets>("");
    return static_cast<int>(listquery::sql::compile<listquery::cf::droplets, thing, M>(*q, listquery::sql::dialect::sqlite).page.text.size());
}
