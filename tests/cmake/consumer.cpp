// SPDX-License-Identifier: BSL-1.0
// A program that uses listquery the way a consumer project would.
#include <listquery/json.hpp>

#include <boost/json/serialize.hpp>

#include <iostream>

#if defined(LISTQUERY_EXPECT_NO_X3) && defined(BOOST_SPIRIT_X3_UNUSED_APRIL_16_2006_0616PM)
#error "with listquery::separate, a consumer's translation unit must compile no Spirit X3"
#endif

int main(int argc, char** argv) {
    if (argc != 2)
        return 2;
    auto const q = listquery::parse_list_query<listquery::cf::packages>(argv[1]);
    if (!q) {
        std::cout << boost::json::serialize(boost::json::value_from(q.error())) << "\n";
        return 1;
    }
    std::cout << "page=" << q->page << " per_page=" << q->per_page << " order_by="
              << (q->order ? (q->order->dir == listquery::direction::desc ? "-" : "+") +
                                 std::string(q->order->field)
                           : std::string("none"))
              << "\n";
}
