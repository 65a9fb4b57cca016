// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/detail/grammar/number.hpp>
#include <listquery/result.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace listquery {

/// The page shown when `page` is absent.
inline constexpr std::uint64_t default_page = 1;
/// The page size when `per_page` is absent.
inline constexpr std::uint64_t default_per_page = 50;
/// The largest `per_page` Cloud Controller accepts.
inline constexpr std::uint64_t max_per_page = 5000;
/// Cloud Controller's default bound on `page * per_page` (Ruby's largest fixnum).
inline constexpr std::uint64_t default_maximum_result = 9223372036854775807ULL;

//------------------------------------------------
/** Parse the value of the `page` query parameter.

    @par BNF
    @code
    page = 1*DIGIT   ; ASCII digits only, value > 0, leading zeros allowed
    @endcode
    Values that do not fit in 64 bits are still positive integers: they saturate to 2^64-1 and are
    rejected by `check_maximum_result`, which every whole-query parse runs.

    @par Example
    @code
    assert(listquery::parse_page("007").value() == 7);
    assert(listquery::parse_page("2abc").error().offset == 1); // Page must be a positive integer
    @endcode
    @return The page number, or `error::invalid_page` at the first byte that is not a digit (or 0
    for a zero value).
*/
inline result<std::uint64_t> parse_page(std::string_view value) {
    auto const run = detail::read_digits(value);
    if (run.length == value.size() && run.value != 0)
        return run.value;
    return query_error{error::invalid_page, "page", run.length == value.size() ? 0 : run.length,
                       "Page must be a positive integer"};
}

//------------------------------------------------
/** Parse the value of the `per_page` query parameter.

    @par BNF
    @code
    per-page = 1*DIGIT   ; ASCII digits only, 1 <= value <= 5000, leading zeros allowed
    @endcode

    @par Example
    @code
    assert(listquery::parse_per_page("5000").value() == 5000);
    assert(listquery::parse_per_page("5001").error().code ==
           listquery::error::per_page_out_of_range); // Per page must be between 1 and 5000
    @endcode
    @return The page size, or `error::invalid_per_page` (not digits, or zero) or
    `error::per_page_out_of_range` (above 5000).
*/
inline result<std::uint64_t> parse_per_page(std::string_view value) {
    auto const run = detail::read_digits(value);
    if (run.length != value.size() || run.value == 0)
        return query_error{error::invalid_per_page, "per_page",
                           run.length == value.size() ? 0 : run.length,
                           "Per page must be a positive integer"};
    if (run.value > max_per_page)
        return query_error{error::per_page_out_of_range, "per_page", 0,
                           "Per page must be between 1 and 5000"};
    return run.value;
}

//------------------------------------------------
/** Check Cloud Controller's bound on how deep a client may page.

    Fails when `page * per_page > maximum_result` (equality is allowed, although Cloud Foundry's
    message says "less than"). The product is never computed, so no input overflows. A
    `maximum_result` of 2^64-1 is treated as 2^64-2, so that saturated inputs are always rejected.
    Callers pass 0 for a value that was given but is not all digits: it adds no error.

    @par Example
    @code
    assert(listquery::check_maximum_result(3, 50, 100).error().message ==
           "Maximum result (page * per_page) must be less than 100");
    @endcode
*/
inline result<void> check_maximum_result(std::uint64_t page, std::uint64_t per_page,
                                         std::uint64_t maximum_result = default_maximum_result) {
    if (maximum_result == detail::saturated)
        maximum_result = detail::saturated - 1;
    if (page == 0 || per_page == 0 || page <= maximum_result / per_page)
        return {};
    return query_error{error::maximum_result_exceeded, "page", 0,
                       "Maximum result (page * per_page) must be less than " +
                           std::to_string(maximum_result)};
}

} // namespace listquery
