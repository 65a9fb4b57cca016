// SPDX-License-Identifier: BSL-1.0
// Must not compile. expect: listquery: an endpoint declares one parameter name twice
#include <listquery/listquery.hpp>

inline constexpr listquery::endpoint wrong{.filters = {"page"}};

int main() { return listquery::parse_list_query<wrong>("").has_value() ? 0 : 1; }
