// SPDX-License-Identifier: BSL-1.0
// page, per_page, the maximum result and order_by: every input gives a value or an error whose
// offset lies inside the input, and the parsers agree with each other.
#include "require.hpp"

#include <listquery/listquery.hpp>

#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {
constexpr std::string_view order_fields[] = {"created_at", "updated_at", "name"};
} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    std::string_view const input(reinterpret_cast<char const*>(data), size);

    auto const page = listquery::parse_page(input);
    require(page ? *page > 0 : page.error().errors[0].offset <= input.size());
    auto const per_page = listquery::parse_per_page(input);
    require(per_page ? *per_page >= 1 && *per_page <= 5000 : per_page.error().errors[0].offset <= input.size());
    require(!per_page || (page && *page == *per_page)); // a valid per_page is a valid page

    if (page && per_page) {
        bool const within = listquery::check_maximum_result(*page, *per_page).has_value();
        require(within == (*page <= listquery::default_maximum_result / *per_page));
    }

    auto const order = listquery::parse_order_by(input, order_fields);
    require(order || order.error().errors[0].offset <= input.size());
    if (order && *order)
        require(input.ends_with((*order)->field));
    return 0;
}
