// SPDX-License-Identifier: BSL-1.0
// Links: for any valid query, every href's query parses back to the same query (but its page),
// and holds exactly the expected keys: no byte of the request adds or removes a parameter.
#include "require.hpp"

#include <listquery/listquery.hpp>

#include <boost/url/parse.hpp>

#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>


extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    std::string_view const query(reinterpret_cast<char const*>(data), size);
    auto const q = listquery::parse_list_query<listquery::cf::droplets>(query);
    if (!q)
        return 0;
    std::uint64_t const total = size * 7 + 3;
    auto const p = listquery::make_pagination("/v3/droplets", *q, total);
    std::set<std::string> expected{"page", "per_page"};
    if (q->order)
        expected.insert("order_by");
    for (auto const& f : q->filters)
        expected.insert(std::string(f.name));
    for (auto const& t : q->timestamps) {
        if (t.all_of.empty())
            expected.insert(std::string(t.name));
        for (auto const& c : t.all_of)
            expected.insert(std::string(t.name) + "[" + std::string(listquery::to_string(c.op)) + "]");
    }
    if (q->selector)
        expected.insert("label_selector");
    auto check = [&](std::string const& href, std::uint64_t page) {
        auto const url = boost::urls::parse_origin_form(href);
        require(url.has_value() && url->path() == "/v3/droplets");
        std::set<std::string> keys;
        for (auto const& param : url->params())
            require(keys.insert(param.key).second); // no key twice
        require(keys == expected);
        auto const again = listquery::parse_list_query<listquery::cf::droplets>(url->encoded_query());
        require(again.has_value());
        auto want = *q;
        want.page = page;
        require(*again == want);
    };
    check(p.links.first, 1);
    check(p.links.last, p.total_pages);
    if (p.links.next)
        check(*p.links.next, q->page + 1);
    if (p.links.previous)
        check(*p.links.previous, q->page - 1);
    return 0;
}
