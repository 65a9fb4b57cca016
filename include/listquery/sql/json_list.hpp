// SPDX-License-Identifier: BSL-1.0
// A list parameter as a JSON array, for the executors that bind a list as one JSON text
// (SQLite's json_each, MariaDB's JSON_TABLE); needs Boost.JSON's library.
#pragma once

#include <listquery/sql/statement.hpp>

#include <boost/json/serialize.hpp>
#include <boost/json/string_view.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace listquery::sql::detail {

/// The texts `keep` accepts as a JSON array (Boost.JSON escapes each string): a text the
/// database could not read back whole, or that equals nothing it stores, is left out.
template <class Keep>
std::string json_array(std::vector<std::string_view> const& values, Keep keep) {
    std::string out = "[";
    for (auto v : values)
        if (keep(v))
            (out += out.size() == 1 ? "" : ",") += boost::json::serialize(boost::json::string_view(v.data(), v.size()));
    return out += "]";
}

/// Times as a JSON array of integer microseconds since the epoch.
inline std::string json_array(std::vector<time_point> const& values) {
    std::string out = "[";
    for (auto v : values)
        (out += out.size() == 1 ? "" : ",") += std::to_string(v.time_since_epoch().count());
    return out += "]";
}

} // namespace listquery::sql::detail
