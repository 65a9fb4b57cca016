// SPDX-License-Identifier: BSL-1.0
// Compile cost: one translation unit that includes listquery and declares one endpoint.
#include <listquery/listquery.hpp>

inline constexpr listquery::endpoint widgets{.filters = {"states", "app_guids"}};

bool parse(std::string_view query) { return listquery::parse_list_query<widgets>(query).has_value(); }
