// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/detail/grammar/x3.hpp>

#include <cstdint>
#include <limits>
#include <string_view>

namespace listquery::detail::grammar {

/// A run of ASCII digits read as a number that saturates instead of overflowing.
struct digit_run {
    /// Length of the digits that start the input; the first non-digit is at this offset.
    std::size_t length = 0;
    /// Their value; any value above 2^64-1 reads as 2^64-1.
    std::uint64_t value = 0;
};

inline constexpr std::uint64_t saturated = std::numeric_limits<std::uint64_t>::max();

/// Reads the digits that start `s`, saturating at `saturated`.
inline digit_run read_digits(std::string_view s) {
    digit_run run;
    auto add_digit = [&run](auto& ctx) {
        auto const d = static_cast<std::uint64_t>(x3::_attr(ctx) - '0');
        run.value = run.value > (saturated - d) / 10 ? saturated : run.value * 10 + d;
    };
    run.length = parse_prefix(s, *x3::ascii::digit[add_digit]);
    return run;
}

} // namespace listquery::detail::grammar
