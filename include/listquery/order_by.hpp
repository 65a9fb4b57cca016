// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <string_view>

namespace listquery {

/// The direction of an ordering.
enum class direction {
    asc,  ///< ascending: `order_by=created_at` or `order_by=%2Bcreated_at`
    desc, ///< descending: `order_by=-created_at`
};

//------------------------------------------------
/// A requested ordering: a field name and a direction.
struct order_by {
    /// The field's wire name, e.g. `created_at`; refers to the caller's list of allowed values.
    std::string_view field;
    /// Ascending unless the value started with `-`.
    direction dir = direction::asc;

    friend bool operator==(order_by const&, order_by const&) = default;
};

} // namespace listquery
