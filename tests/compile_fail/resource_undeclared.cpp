// SPDX-License-Identifier: BSL-1.0
// Must not compile. expect: listquery: the resource type has no declaration
#include <listquery/listquery.hpp>

#include <string>
#include <utility>
#include <vector>

struct thing {
    std::string guid, state, app;
    int count = 0;
    listquery::timestamp created_at, updated_at;
    std::vector<std::pair<std::string, std::string>> labels;
};


int main() {
    std::vector<thing> things;
    auto q = listquery::parse_list_query<listquery::cf::droplets>("");
    return listquery::apply<listquery::cf::droplets>(*q, things).resources.size() == 0 ? 0 : 1;
}
