// SPDX-License-Identifier: BSL-1.0
// Compile cost: a translation unit that does what a request handler does: parse a query,
// apply it to a container of declared resources, and build the pagination links.
#include <listquery/listquery.hpp>

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

struct widget {
    std::string guid, state, app_guid;
    std::chrono::sys_seconds created_at, updated_at;
    std::vector<std::pair<std::string, std::string>> labels;
};

constexpr auto listquery_fields(listquery::tag<widget>) {
    return listquery::fields(
        listquery::guid_field(&widget::guid),
        listquery::timestamp_field("created_ats", &widget::created_at).sortable("created_at"),
        listquery::timestamp_field("updated_ats", &widget::updated_at).sortable("updated_at"),
        listquery::list_field("app_guids", &widget::app_guid), listquery::list_field("states", &widget::state),
        listquery::labels_field(&widget::labels));
}

inline constexpr listquery::endpoint widgets{.filters = {"app_guids", "states"}};

std::string first_link(std::string_view query, std::vector<widget> const& all) {
    auto const q = listquery::parse_list_query<widgets>(query);
    if (!q)
        return q.error().detail();
    auto const page = listquery::apply<widgets>(*q, all);
    return listquery::make_pagination("/v3/widgets", *q, page.total_results).links.first;
}
