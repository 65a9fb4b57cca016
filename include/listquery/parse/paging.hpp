// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/detail/config.hpp>
#include <listquery/limits.hpp>
#include <listquery/result.hpp>

#include <cstdint>
#include <string_view>

namespace listquery {

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
    assert(listquery::parse_page("2abc").error().errors[0].offset == 1); // Page must be a positive integer
    @endcode
    @return The page number, or `error::invalid_page` at the first byte that is not a digit (or 0
    for a zero value).
*/
LISTQUERY_DECL result<std::uint64_t> parse_page(std::string_view value);

//------------------------------------------------
/** Parse the value of the `per_page` query parameter.

    @par BNF
    @code
    per-page = 1*DIGIT   ; ASCII digits only, 1 <= value <= 5000, leading zeros allowed
    @endcode

    @par Example
    @code
    assert(listquery::parse_per_page("5000").value() == 5000);
    assert(listquery::parse_per_page("5001").error().errors[0].code ==
           listquery::error::per_page_out_of_range); // Per page must be between 1 and 5000
    @endcode
    @return The page size, or `error::invalid_per_page` (not digits, or zero) or
    `error::per_page_out_of_range` (above 5000).
*/
LISTQUERY_DECL result<std::uint64_t> parse_per_page(std::string_view value);

//------------------------------------------------
/** Check Cloud Controller's bound on how deep a client may page.

    Fails when `page * per_page > maximum_result` (equality is allowed, although Cloud Foundry's
    message says "less than"). The product is never computed, so no input overflows. A
    `maximum_result` of 2^64-1 is treated as 2^64-2, so that saturated inputs are always rejected.
    Callers pass 0 for a value that was given but is not all digits: it adds no error.

    @par Example
    @code
    assert(listquery::check_maximum_result(3, 50, 100).error().errors[0].message ==
           "Maximum result (page * per_page) must be less than 100");
    @endcode
*/
LISTQUERY_DECL result<void> check_maximum_result(std::uint64_t page, std::uint64_t per_page,
                                         std::uint64_t maximum_result = default_maximum_result);

} // namespace listquery

#if !defined(LISTQUERY_SEPARATE_COMPILATION)
#include <listquery/parse/impl/paging.ipp>
#endif
