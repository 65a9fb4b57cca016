// SPDX-License-Identifier: BSL-1.0
// Must not compile. expect: listquery: a sortable field must give a totally ordered value
#include "thing.hpp"

struct opaque {};
constexpr auto listquery_fields(listquery::tag<thing>) {
    return listquery::fields(listquery::guid_field(&thing::guid), listquery::timestamp_field("created_ats", &thing::created_at).sortable("created_at"), listquery::timestamp_field("updated_ats", &thing::updated_at), listquery::sort_field("updated_at", [](thing const&) { return opaque{}; }), listquery::list_field("states", &thing::state), listquery::list_field("app_guids", &thing::app), listquery::labels_field(&thing::labels));
}

int main() {
    std::vector<thing> things;
    auto q = listquery::parse_list_query<listquery::cf::droplets>("");
    return listquery::apply<listquery::cf::droplets>(things, *q).resources.size() == 0 ? 0 : 1;
}
