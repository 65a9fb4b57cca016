// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/detail/small_vector.hpp>

#include <chrono>
#include <cstdio>
#include <string>
#include <string_view>

namespace listquery {

/// A timestamp filter's instant: whole seconds, UTC.
using timestamp = std::chrono::sys_seconds;

/// A relational operator of a timestamp filter: `created_ats[lt]=…`.
enum class timestamp_op {
    lt,  ///< `[lt]`: before the second
    lte, ///< `[lte]`: before the end of the second
    gt,  ///< `[gt]`: after the end of the second
    gte, ///< `[gte]`: at or after the start of the second
};

/// The wire name of an operator: `lt`, `lte`, `gt`, `gte`.
constexpr std::string_view to_string(timestamp_op op) noexcept {
    switch (op) {
    case timestamp_op::lt: return "lt";
    case timestamp_op::lte: return "lte";
    case timestamp_op::gt: return "gt";
    case timestamp_op::gte: return "gte";
    }
    return "";
}

/// One relational condition: `[op]=value`.
struct timestamp_condition {
    timestamp_op op = timestamp_op::lt;
    timestamp value;
    friend bool operator==(timestamp_condition const&, timestamp_condition const&) = default;
};

LISTQUERY_DETAIL_SMALL_VECTOR_HOLDERS_BEGIN
//------------------------------------------------
/** A requested timestamp filter (`created_ats`, `updated_ats`), compared at whole seconds.

    Either the equality form, `created_ats=T1,T2` (a resource matches when its time, floored to
    the second, equals one of them), or the relational form, `created_ats[gt]=T&created_ats[lt]=U`
    (all conditions must hold), never both.
*/
struct timestamp_filter {
    /// The wire name, e.g. `created_ats`; refers to the endpoint declaration.
    std::string_view name;
    /// The equality form's instants, ORed; the first 2 are held in place.
    boost::container::small_vector<timestamp, 2> any_of;
    /// The relational form's conditions, ANDed, in order of first appearance; one per
    /// operator at most, so never more than 4, all held in place.
    boost::container::small_vector<timestamp_condition, 4> all_of;

    friend bool operator==(timestamp_filter const&, timestamp_filter const&) = default;
};

LISTQUERY_DETAIL_SMALL_VECTOR_HOLDERS_END
/// `YYYY-MM-DDThh:mm:ssZ`, the one format Cloud Controller accepts.
inline std::string to_string(timestamp t) {
    auto const day = std::chrono::floor<std::chrono::days>(t);
    std::chrono::year_month_day const ymd{day};
    std::chrono::hh_mm_ss const time{t - day};
    char buf[32];
    // The buffer holds every year chrono allows; nothing to check.
    (void)std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    (void)std::snprintf(buf + 10, sizeof buf - 10, "T%02d:%02d:%02dZ", static_cast<int>(time.hours().count()),
                  static_cast<int>(time.minutes().count()), static_cast<int>(time.seconds().count()));
    return buf;
}

} // namespace listquery
