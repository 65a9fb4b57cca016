// SPDX-License-Identifier: BSL-1.0
// Must not compile. expect: listquery: pass the container as an lvalue: results point at its elements
#include <listquery/listquery.hpp>

#include <string>
#include <vector>

struct thing {
    std::string guid, state, app;
    listquery::timestamp created_at, updated_at;
    std::vector<std::pair<std::string, std::string>> labels;
};
constexpr auto listquery_fields(listquery::tag<thing>) {
    return listquery::fields(listquery::guid_field(&thing::guid),
                             listquery::timestamp_field("created_ats", &thing::created_at).sortable("created_at"),
                             listquery::timestamp_field("updated_ats", &thing::updated_at).sortable("updated_at"),
                             listquery::list_field("states", &thing::state),
                             listquery::list_field("app_guids", &thing::app), listquery::labels_field(&thing::labels));
}

int main() {
    auto q = listquery::parse_list_query<listquery::cf::droplets>("");
    return listquery::apply<listquery::cf::droplets>(std::vector<thing>{}, *q).resources.size() == 0 ? 0 : 1;
}
