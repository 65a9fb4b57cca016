// SPDX-License-Identifier: BSL-1.0
// The demo: parses a list query's page, per_page and order_by, and prints them, or the Cloud
// Foundry error response for a bad query.
//
//     listquery-demo ['QUERY']     e.g. listquery-demo 'page=2&per_page=3&order_by=-created_at'
#include <listquery/json.hpp>

#include <boost/json/serialize.hpp>
#include <boost/url/parse_query.hpp>

#include <iostream>
#include <optional>
#include <string>

namespace {

constexpr std::string_view sample_query = "page=2&per_page=3&order_by=-created_at";
constexpr std::string_view order_by_values[] = {"created_at", "updated_at"};

// The raw values of the three parameters; the last one given wins, as in Rack.
struct pagination_values {
    std::optional<std::string> page, per_page, order_by;
};

pagination_values split(std::string_view query) {
    pagination_values v;
    for (auto const param : boost::urls::parse_query(query).value()) {
        if (!param.has_value)
            continue; // `?page` with no '=' is ignored
        auto value = param.value.decode({true}); // form decoding: '+' is a space
        if (param.key == "page")
            v.page = std::move(value);
        else if (param.key == "per_page")
            v.per_page = std::move(value);
        else if (param.key == "order_by")
            v.order_by = std::move(value);
    }
    return v;
}

} // namespace

int main(int argc, char** argv) {
    std::string_view const query = argc > 1 ? argv[1] : sample_query;
    if (!boost::urls::parse_query(query)) {
        std::cerr << "listquery-demo: not a query string: " << query << "\n";
        return 2;
    }
    auto const v = split(query);

    listquery::query_errors errors;
    std::uint64_t page = listquery::default_page, per_page = listquery::default_per_page;
    std::uint64_t page_for_check = page, per_page_for_check = per_page; // not digits counts as 0
    if (v.page) {
        auto r = listquery::parse_page(*v.page);
        r ? void(page = *r) : errors.errors.push_back(r.error());
        page_for_check = r ? *r : 0;
    }
    if (v.per_page) {
        auto r = listquery::parse_per_page(*v.per_page);
        r ? void(per_page = *r) : errors.errors.push_back(r.error());
        per_page_for_check = r ? *r : (r.error().code == listquery::error::per_page_out_of_range
                                           ? listquery::detail::read_digits(*v.per_page).value
                                           : 0);
    }
    if (v.page || v.per_page)
        if (auto r = listquery::check_maximum_result(page_for_check, per_page_for_check); !r)
            errors.errors.push_back(r.error());
    std::optional<listquery::order_by> order;
    if (v.order_by) {
        auto r = listquery::parse_order_by(*v.order_by, order_by_values);
        r ? void(order = *r) : errors.errors.push_back(r.error());
    }

    std::cout << "query: " << query << "\n";
    if (!errors.empty()) {
        std::cout << errors.http_status() << " "
                  << boost::json::serialize(boost::json::value_from(errors)) << "\n";
        return 1;
    }
    std::cout << "page=" << page << " per_page=" << per_page << " order_by="
              << (order ? (order->dir == listquery::direction::desc ? "-" : "+") +
                              std::string(order->field)
                        : "(container order)")
              << "\n";
}
