// SPDX-License-Identifier: BSL-1.0
// BASELINE, not used by the library: what one writes without listquery — copy the matches,
// std::stable_sort them, slice the page. Same semantics as the pipeline on the benchmark model.
#pragma once

#include "support/droplet_dataset.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace bench::baseline {

using namespace droplet_dataset;

inline bool naive_labels_match(droplet const& d, listquery::label_requirement const& r) {
    std::string const* value = nullptr;
    for (auto const& [k, v] : d.labels)
        if (k == r.key)
            value = &v;
    auto const listed = [&] {
        return value && std::find(r.values.begin(), r.values.end(), *value) != r.values.end();
    };
    switch (r.op) {
    case listquery::selector_op::in:
    case listquery::selector_op::equal: return listed();
    case listquery::selector_op::not_in:
    case listquery::selector_op::not_equal: return !listed();
    case listquery::selector_op::exists: return value != nullptr;
    case listquery::selector_op::not_exists: return value == nullptr;
    }
    return false;
}

inline bool naive_match(droplet const& d, listquery::list_query const& q) {
    for (auto const& f : q.filters) {
        std::string const& v = f.name == "states" ? d.state : d.app_guid;
        if (std::find(f.values.begin(), f.values.end(), v) == f.values.end())
            return false;
    }
    if (q.selector)
        for (auto const& r : q.selector->requirements)
            if (!naive_labels_match(d, r))
                return false;
    return true;
}

/// The page (copies of the resources) and the number of matches.
inline std::vector<droplet> naive_page(std::vector<droplet> const& data, listquery::list_query const& q,
                                       std::uint64_t& total) {
    std::vector<droplet> copy;
    for (auto const& d : data)
        if (naive_match(d, q))
            copy.push_back(d);
    total = copy.size();
    if (q.order) {
        bool const created = q.order->field == "created_at";
        std::stable_sort(copy.begin(), copy.end(), [created](droplet const& a, droplet const& b) {
            auto const x = created ? a.created_at : a.updated_at, y = created ? b.created_at : b.updated_at;
            return x != y ? x < y : a.guid < b.guid;
        });
        if (q.order->dir == listquery::direction::desc)
            std::reverse(copy.begin(), copy.end());
    }
    auto const begin = std::min<std::uint64_t>(copy.size(), (q.page - 1) * q.per_page);
    auto const end = std::min<std::uint64_t>(copy.size(), begin + q.per_page);
    return {copy.begin() + static_cast<std::ptrdiff_t>(begin), copy.begin() + static_cast<std::ptrdiff_t>(end)};
}

} // namespace bench::baseline
