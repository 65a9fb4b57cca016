// SPDX-License-Identifier: BSL-1.0
// A deliberately naive reference for the pipeline (copy, filter with plain loops,
// std::stable_sort, reverse for descending, slice), and seeded random datasets and queries.
// Shared by the differential test and the pipeline fuzz target.
#pragma once

#include <listquery/listquery.hpp>

#include "test_resources.hpp"

#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <vector>

namespace reference_pipeline {

using namespace std::chrono;
using test_model::droplet;

inline constexpr auto& E = listquery::cf::droplets;

//------------------------------------------------
// The reference: copy, filter with plain loops, std::stable_sort, reverse for descending, slice.

inline std::optional<std::string> field_of(droplet const& d, std::string_view name) {
    if (name == "guids")
        return d.guid;
    if (name == "states")
        return d.state;
    if (name == "app_guids" && d.app_guid)
        return *d.app_guid;
    return std::nullopt;
}

inline std::optional<seconds> whole_seconds(droplet const& d, std::string_view name) {
    if (name == "updated_ats")
        return d.updated_at.time_since_epoch();
    if (!d.created_at)
        return std::nullopt;
    auto const ms = d.created_at->time_since_epoch().count();
    return seconds(ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000)); // floor
}

inline bool reference_match(droplet const& d, listquery::list_query const& q) {
    for (auto const& f : q.filters) {
        auto const v = field_of(d, f.name);
        bool any = false;
        for (auto want : f.values)
            if (v && *v == want)
                any = true;
        if (!any)
            return false;
    }
    for (auto const& t : q.timestamps) {
        auto const s = whole_seconds(d, t.name);
        if (!s)
            return false;
        if (!t.any_of.empty()) {
            bool any = false;
            for (auto x : t.any_of)
                if (*s == x.time_since_epoch())
                    any = true;
            if (!any)
                return false;
        }
        for (auto const& c : t.all_of) {
            auto const x = c.value.time_since_epoch();
            bool const ok = c.op == listquery::timestamp_op::lt    ? *s < x
                            : c.op == listquery::timestamp_op::lte ? *s <= x
                            : c.op == listquery::timestamp_op::gt  ? *s > x
                                                                   : *s >= x;
            if (!ok)
                return false;
        }
    }
    if (q.selector) {
        for (auto const& r : q.selector->requirements) {
            std::string const key = r.prefix.empty() ? std::string(r.name) : std::string(r.prefix) + "/" + std::string(r.name);
            bool has_key = false, has_value = false;
            for (auto const& [k, v] : d.labels) {
                // Stored keys in this test are "", "x.com/"-prefixed or plain.
                std::string const normalized = k.starts_with("/") ? k.substr(1) : k;
                if (normalized != key)
                    continue;
                has_key = true;
                for (auto want : r.values)
                    if (v == want)
                        has_value = true;
            }
            bool ok = false;
            switch (r.op) {
            case listquery::selector_op::in:
            case listquery::selector_op::equal: ok = has_value; break;
            case listquery::selector_op::not_in:
            case listquery::selector_op::not_equal: ok = !has_value; break;
            case listquery::selector_op::exists: ok = has_key; break;
            case listquery::selector_op::not_exists: ok = !has_key; break;
            }
            if (!ok)
                return false;
        }
    }
    return true;
}

inline std::vector<int> reference(std::vector<droplet> const& data, listquery::list_query const& q, std::uint64_t& total) {
    std::vector<droplet> copy;
    for (auto const& d : data)
        if (reference_match(d, q))
            copy.push_back(d);
    total = copy.size();
    if (q.order) {
        bool const by_created = q.order->field == "created_at";
        std::stable_sort(copy.begin(), copy.end(), [&](droplet const& a, droplet const& b) {
            if (by_created) {
                if (a.created_at != b.created_at)
                    return a.created_at < b.created_at; // an empty optional is less
            } else if (a.updated_at != b.updated_at) {
                return a.updated_at < b.updated_at;
            }
            return a.guid < b.guid;
        });
        if (q.order->dir == listquery::direction::desc)
            std::reverse(copy.begin(), copy.end());
    }
    std::vector<int> out;
    for (std::uint64_t i = (q.page - 1) * q.per_page; i < copy.size() && i < q.page * q.per_page; ++i)
        out.push_back(copy[static_cast<std::size_t>(i)].id);
    return out;
}

//------------------------------------------------
// Random datasets and queries.

template <class T>
T const& pick(std::mt19937& rng, std::vector<T> const& v) {
    return v[std::uniform_int_distribution<std::size_t>(0, v.size() - 1)(rng)];
}
inline bool chance(std::mt19937& rng, int percent) { return std::uniform_int_distribution<int>(0, 99)(rng) < percent; }

inline std::string const base_day = "2020-01-01T00:00:0";

inline std::vector<droplet> random_data(std::mt19937& rng) {
    static std::vector<std::string> const guids{"g0", "g1", "g2", "g3", "g4", "g5", "G1", ""};
    static std::vector<std::optional<std::string>> const states{"STAGED", "FAILED", "", std::nullopt, "staged"};
    static std::vector<std::string> const apps{"a1", "a2", "", "none"};
    static std::vector<std::string> const keys{"env", "tier", "x.com/env", "/env", "x.com/tier"};
    static std::vector<std::string> const values{"prod", "dev", "", "web"};
    std::vector<droplet> data(std::uniform_int_distribution<std::size_t>(0, 40)(rng));
    // Unique guids, as in a database that joins labels by guid: the named ones (which the
    // queries ask for) and fillers, shuffled.
    std::vector<std::string> pool = guids;
    for (std::size_t i = pool.size(); i < data.size(); ++i)
        pool.push_back("x" + std::to_string(i));
    std::shuffle(pool.begin(), pool.end(), rng);
    for (std::size_t i = 0; i < data.size(); ++i) {
        auto& d = data[i];
        d.id = static_cast<int>(i);
        d.guid = pool[i];
        d.state = pick(rng, states);
        if (auto const& a = pick(rng, apps); a != "none")
            d.app_guid = std::make_shared<std::string const>(a);
        if (!chance(rng, 15)) // sub-second times within 0..5 s of the base, ties included
            d.created_at = test_model::millis(milliseconds(1577836800000 + std::uniform_int_distribution<int>(0, 10)(rng) * 500));
        d.updated_at = listquery::timestamp(seconds(1577836800 + std::uniform_int_distribution<int>(0, 4)(rng)));
        for (int n = std::uniform_int_distribution<int>(0, 3)(rng); n > 0; --n)
            d.labels.emplace_back(pick(rng, keys), pick(rng, values));
    }
    return data;
}

inline std::string random_query(std::mt19937& rng) {
    static std::vector<std::string> const orders{"created_at", "-created_at", "%2Bcreated_at", "updated_at", "-updated_at"};
    static std::vector<std::string> const lists{"states=STAGED", "states=STAGED,FAILED", "states=", "states=,staged",
                                                "app_guids=a1", "app_guids=a1,a2", "app_guids=", "guids=g1,g2,G1",
                                                "guids=g0", "guids="};
    static std::vector<std::string> const times{"created_ats=" + base_day + "1Z", "created_ats=" + base_day + "0Z," + base_day + "3Z",
                                                "created_ats[lt]=" + base_day + "2Z", "created_ats[gte]=" + base_day + "3Z",
                                                "created_ats[gt]=" + base_day + "1Z&created_ats[lte]=" + base_day + "4Z",
                                                "updated_ats[lte]=" + base_day + "2Z", "updated_ats=" + base_day + "1Z"};
    static std::vector<std::string> const requirements{"env=prod", "env!=prod", "env in (prod,dev)", "env notin (prod)",
                                                       "env", "!env", "tier in ()", "tier notin ()", "x.com/env=prod",
                                                       "!x.com/tier", "env in (,web)", "env==dev", "tier=web"};
    std::string q = "per_page=" + std::to_string(std::uniform_int_distribution<int>(1, 12)(rng)) +
                    "&page=" + std::to_string(std::uniform_int_distribution<int>(1, 6)(rng));
    if (chance(rng, 70))
        q += "&order_by=" + pick(rng, orders);
    for (int n = std::uniform_int_distribution<int>(0, 2)(rng); n > 0; --n)
        q += "&" + pick(rng, lists);
    if (chance(rng, 30))
        q += "&" + pick(rng, times);
    if (chance(rng, 40)) {
        q += "&label_selector=";
        for (int n = std::uniform_int_distribution<int>(1, 3)(rng); n > 0; --n)
            q += pick(rng, requirements) + (n > 1 ? "," : "");
    }
    return q;
}

} // namespace reference_pipeline
