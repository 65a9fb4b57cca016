// SPDX-License-Identifier: BSL-1.0
// Must not compile. expect: listquery: the resource type has no declaration
#include "thing.hpp"



int main() {
    std::vector<thing> things;
    auto q = listquery::parse_list_query<listquery::cf::droplets>("");
    return listquery::apply<listquery::cf::droplets>(things, *q).resources.size() == 0 ? 0 : 1;
}
