// SPDX-License-Identifier: BSL-1.0
// Must not compile. expect: listquery: the resource type has no table mapping
#include "sql_thing.hpp"

int main() {
    auto q = listquery::parse_list_query<listquery::cf::droplets>("");
    return static_cast<int>(listquery::sql::compile<listquery::cf::droplets, thing>(*q, listquery::sql::dialect::sqlite).page.text.size());
}
