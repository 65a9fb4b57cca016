// SPDX-License-Identifier: BSL-1.0
// Compile cost: a translation unit that runs a query parsed elsewhere: apply it to a container
// of declared resources and build the pagination links; it includes no parser.
#include <listquery/links.hpp>
#include <listquery/pipeline/apply.hpp>
#include <listquery/resource.hpp>

#include "widget.hpp"

#include <string>
#include <string_view>
#include <vector>

inline constexpr listquery::endpoint widgets{.filters = {"app_guids", "states"}};

std::string first_link(listquery::list_query const& q, std::vector<widget> const& all) {
    auto const page = listquery::apply<widgets>(all, q);
    return listquery::make_pagination("/v3/widgets", q, page.total_results).links.first;
}
