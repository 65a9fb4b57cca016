// SPDX-License-Identifier: BSL-1.0
// Every default and limit of listquery, in one place (docs/semantics.md#limits). A message that
// names one is checked against it where it is written.
#pragma once

#include <cstddef>
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

/// Cloud Controller's limit on the requirements of one `label_selector`.
inline constexpr std::size_t max_label_requirements = 50;
/// The longest label key prefix (a DNS subdomain), in bytes.
inline constexpr std::size_t max_label_prefix_length = 253;
/// The longest label key name, and the longest label value, in bytes.
inline constexpr std::size_t max_label_name_length = 63;

/// The longest query string `parse_list_query` reads by default (`parse_options`), in bytes:
/// Rack's limit, which Cloud Controller leaves it to.
inline constexpr std::size_t default_max_query_length = std::size_t{4} * 1024 * 1024;
/// The most elements one list filter may hold by default (`parse_options`).
inline constexpr std::size_t default_max_list_elements = 5000;

} // namespace listquery
