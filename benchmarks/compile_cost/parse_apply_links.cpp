// SPDX-License-Identifier: BSL-1.0
// Compile cost: a translation unit that does what a request handler does: parse a query,
// apply it to a container of declared resources, and build the pagination links.
#include <listquery/links.hpp>
#include <listquery/parse/list_query.hpp>
#include <listquery/pipeline/apply.hpp>

#include "widget.hpp"

#include <string>
#include <string_view>
#include <vector>

inline constexpr listquery::endpoint widgets{.filters = {"app_guids", "states"}};

std::string first_link(std::string_view query, std::vector<widget> const& all) {
    auto const q = listquery::parse_list_query<widgets>(query);
    if (!q)
        return q.error().detail();
    auto const page = listquery::apply<widgets>(all, *q);
    return listquery::make_pagination("/v3/widgets", *q, page.total_results).links.first;
}
