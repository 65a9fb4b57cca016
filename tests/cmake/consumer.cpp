// SPDX-License-Identifier: BSL-1.0
// A program that uses listquery the way a consumer project would.
#include <listquery/json.hpp>

#include <boost/json/serialize.hpp>
#include <boost/url/parse_query.hpp>

#include <iostream>
#include <string>

int main(int argc, char** argv) {
    if (argc != 2)
        return 2;
    std::uint64_t page = listquery::default_page, per_page = listquery::default_per_page;
    std::string order = "none";
    std::string_view const allowed[] = {"created_at", "updated_at"};
    listquery::query_errors errors;
    for (auto param : boost::urls::parse_query(argv[1]).value()) {
        std::string const value = param.value.decode();
        if (param.key == "page") {
            if (auto r = listquery::parse_page(value))
                page = *r;
            else
                errors.errors.push_back(r.error());
        } else if (param.key == "per_page") {
            if (auto r = listquery::parse_per_page(value))
                per_page = *r;
            else
                errors.errors.push_back(r.error());
        } else if (param.key == "order_by") {
            if (auto r = listquery::parse_order_by(value, allowed); r && *r)
                order = ((*r)->dir == listquery::direction::desc ? "-" : "+") + std::string((*r)->field);
        }
    }
    if (!errors.empty()) {
        std::cout << boost::json::serialize(boost::json::value_from(errors)) << "\n";
        return 1;
    }
    std::cout << "page=" << page << " per_page=" << per_page << " order_by=" << order << "\n";
}
