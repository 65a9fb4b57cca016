// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/parse/timestamp.hpp>

#include <listquery/detail/grammar/x3.hpp>
#include <listquery/detail/humanize.hpp>

#include <algorithm>
#include <chrono>
#include <string>

namespace listquery {

namespace detail {

inline constexpr std::string_view timestamp_shape = "0000-00-00T00:00:00Z"; // 0 = a digit

// Offset of the first byte that does not fit `YYYY-MM-DDThh:mm:ssZ`; the cold path only.
inline std::size_t timestamp_shape_mismatch(std::string_view s) {
    for (std::size_t i = 0; i < s.size() && i < timestamp_shape.size(); ++i) {
        bool const digit = s[i] >= '0' && s[i] <= '9';
        if (timestamp_shape[i] == '0' ? !digit : s[i] != timestamp_shape[i])
            return i;
    }
    return std::min(s.size(), timestamp_shape.size());
}

/// The message Cloud Controller gives a malformed timestamp of `parameter` (`created_ats`).
inline std::string invalid_timestamp_message(std::string_view parameter) {
    return detail::humanize(parameter) +
           " has an invalid timestamp format. Timestamps should be formatted as "
           "'YYYY-MM-DDThh:mm:ssZ'";
}

} // namespace detail

result<timestamp> parse_timestamp(std::string_view value,
                                         std::string_view parameter) {
    namespace x3 = detail::grammar::x3;
    unsigned y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    auto const field = [](unsigned& out) {
        return x3::uint_parser<unsigned, 10, 2, 2>()[([&out](auto& ctx) { out = x3::_attr(ctx); })];
    };
    auto const year = x3::uint_parser<unsigned, 10, 4, 4>()[([&y](auto& ctx) { y = x3::_attr(ctx); })];
    auto const grammar = year >> '-' >> field(mo) >> '-' >> field(d) >> 'T' >> field(h) >> ':' >>
                         field(mi) >> ':' >> field(s) >> 'Z' >> x3::eoi;
    auto fail = [&](std::size_t offset) {
        return query_error{error::invalid_timestamp, std::string(parameter), offset,
                           detail::invalid_timestamp_message(parameter)};
    };
    if (detail::grammar::parse_prefix(value, grammar) != value.size())
        return fail(detail::timestamp_shape_mismatch(value));
    std::chrono::year_month_day const date{std::chrono::year(static_cast<int>(y)),
                                           std::chrono::month(mo), std::chrono::day(d)};
    if (!date.month().ok())
        return fail(5);
    if (!date.ok())
        return fail(8);
    if (h > 23)
        return fail(11);
    if (mi > 59)
        return fail(14);
    if (s > 59)
        return fail(17);
    return std::chrono::sys_days(date) + std::chrono::hours(h) + std::chrono::minutes(mi) +
           std::chrono::seconds(s);
}

} // namespace listquery
