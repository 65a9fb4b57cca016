// SPDX-License-Identifier: BSL-1.0
// Must not compile. expect: listquery: an endpoint's order_by values must be unique
#include <listquery/listquery.hpp>

inline constexpr listquery::endpoint wrong{.order_by = {"created_at", "created_at"}};

int main() { return listquery::parse_list_query<wrong>("").has_value() ? 0 : 1; }
