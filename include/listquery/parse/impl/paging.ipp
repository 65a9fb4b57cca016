// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/parse/paging.hpp>

#include <listquery/detail/grammar/number.hpp>

#include <string>

namespace listquery {

result<std::uint64_t> parse_page(std::string_view value) {
    auto const run = detail::grammar::read_digits(value);
    if (run.length == value.size() && run.value != 0)
        return run.value;
    return query_error{error::invalid_page, "page", run.length == value.size() ? 0 : run.length,
                       "Page must be a positive integer"};
}

result<std::uint64_t> parse_per_page(std::string_view value) {
    auto const run = detail::grammar::read_digits(value);
    if (run.length != value.size() || run.value == 0)
        return query_error{error::invalid_per_page, "per_page",
                           run.length == value.size() ? 0 : run.length,
                           "Per page must be a positive integer"};
    static_assert(max_per_page == 5000, "the message names it");
    if (run.value > max_per_page)
        return query_error{error::per_page_out_of_range, "per_page", 0,
                           "Per page must be between 1 and 5000"};
    return run.value;
}

result<void> check_maximum_result(std::uint64_t page, std::uint64_t per_page,
                                         std::uint64_t maximum_result) {
    if (maximum_result == detail::grammar::saturated)
        maximum_result = detail::grammar::saturated - 1;
    if (page == 0 || per_page == 0 || page <= maximum_result / per_page)
        return {};
    return query_error{error::maximum_result_exceeded, "page", 0,
                       "Maximum result (page * per_page) must be less than " +
                           std::to_string(maximum_result)};
}

} // namespace listquery
