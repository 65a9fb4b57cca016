// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/detail/config.hpp>
#include <listquery/result.hpp>
#include <listquery/timestamp.hpp>

#include <string_view>

namespace listquery {


//------------------------------------------------
/** Parse one timestamp of a timestamp filter.

    Strictly `YYYY-MM-DDThh:mm:ssZ` (Cloud Controller's `/\A\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z\Z/`),
    and a real calendar instant: month 01-12, a day that exists in that month and year, hour
    00-23, minute and second 00-59 (docs/semantics.md#timestamp-format: Cloud Controller checks only the shape). No
    fractions, offsets, lower-case `t`/`z`, or trailing newline.

    @par Example
    @code
    auto t = listquery::parse_timestamp("2020-02-29T23:59:59Z");
    assert(t && listquery::to_string(*t) == "2020-02-29T23:59:59Z");
    @endcode
    @param value The decoded value.
    @param parameter The filter's wire name, for the message: `Created ats has an invalid …`.
    @return The instant, or `error::invalid_timestamp` at the first byte that does not fit the
    format, or at the calendar field that does not exist.
*/
LISTQUERY_DECL result<timestamp> parse_timestamp(std::string_view value,
                                         std::string_view parameter = "created_ats");

} // namespace listquery

#if !defined(LISTQUERY_SEPARATE_COMPILATION)
#include <listquery/parse/impl/timestamp.ipp>
#endif
