// SPDX-License-Identifier: BSL-1.0
// Must not compile. expect: listquery: an endpoint's parameter names must hold only a-z, 0-9 and '_'
#include <listquery/listquery.hpp>

inline constexpr listquery::endpoint wrong{.filters = {"states[]"}};

int main() { return listquery::parse_list_query<wrong>("").has_value() ? 0 : 1; }
