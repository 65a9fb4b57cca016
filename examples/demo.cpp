// SPDX-License-Identifier: BSL-1.0
// The demo: validates a `GET /v3/droplets` query and prints it normalized, or the Cloud Foundry
// error response for a bad query.
//
//     listquery-demo ['QUERY']
//     listquery-demo 'states=STAGED%2CFAILED&order_by=-created_at&per_page=2'
#include <listquery/json.hpp>

#include <boost/json/serialize.hpp>

#include <iostream>
#include <string>

namespace {

constexpr std::string_view sample_query =
    "states=STAGED,FAILED&per_page=2&order_by=-created_at"
    "&created_ats[gte]=2020-01-01T00:00:00Z&label_selector=env%3Dprod,tier+in+(web,api)";

std::string join(auto const& values) {
    std::string out;
    for (auto const& v : values)
        (out += out.empty() ? "" : ",") += v;
    return out;
}

// One line for each setting, in a fixed order.
void print_normalized(listquery::list_query const& q) {
    std::cout << "page: " << q.page << "\nper_page: " << q.per_page << "\norder_by: ";
    if (q.order)
        std::cout << (q.order->dir == listquery::direction::desc ? "-" : "+") << q.order->field;
    else
        std::cout << "(the container's order)";
    std::cout << "\n";
    for (auto const& f : q.filters)
        std::cout << f.name << ": " << join(f.values) << "\n";
    for (auto const& t : q.timestamps) {
        std::vector<std::string> parts;
        for (auto const& at : t.any_of)
            parts.push_back(listquery::to_string(at));
        for (auto const& c : t.all_of)
            parts.push_back(std::string(1, '[').append(listquery::to_string(c.op)).append("]").append(
                listquery::to_string(c.value)));
        std::cout << t.name << ": " << join(parts) << "\n";
    }
    if (q.selector)
        std::cout << "label_selector: " << to_string(*q.selector) << "\n";
}

} // namespace

int main(int argc, char** argv) {
    std::string_view const query = argc > 1 ? argv[1] : sample_query;
    std::cout << "GET /v3/droplets?" << query << "\n";
    auto const q = listquery::parse_list_query<listquery::cf::droplets>(query);
    if (!q) {
        std::cout << q.error().http_status() << " "
                  << boost::json::serialize(boost::json::value_from(q.error())) << "\n";
        return 1;
    }
    print_normalized(*q);
}
