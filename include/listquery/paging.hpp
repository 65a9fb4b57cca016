// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <cstdint>

namespace listquery {

/// The page shown when `page` is absent.
inline constexpr std::uint64_t default_page = 1;
/// The page size when `per_page` is absent.
inline constexpr std::uint64_t default_per_page = 50;
/// The largest `per_page` Cloud Controller accepts.
inline constexpr std::uint64_t max_per_page = 5000;
/// Cloud Controller's default bound on `page * per_page` (Ruby's largest fixnum).
inline constexpr std::uint64_t default_maximum_result = 9223372036854775807ULL;

} // namespace listquery
