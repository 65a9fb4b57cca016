// SPDX-License-Identifier: BSL-1.0
// n generated droplets as a typical server holds them (plain strings, microsecond times, label
// pairs): the data set of the pipeline and SQL benchmarks.
#pragma once

#include <listquery/listquery.hpp>
#include <listquery/sql/table.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace droplet_dataset {

using micros = std::chrono::sys_time<std::chrono::microseconds>;

struct droplet {
    std::string guid;
    std::string state;
    std::string app_guid;
    micros created_at;
    micros updated_at;
    std::vector<std::pair<std::string, std::string>> labels;
};

constexpr auto listquery_fields(listquery::tag<droplet>) {
    return listquery::fields(
        listquery::guid_field(&droplet::guid),
        listquery::timestamp_field("created_ats", &droplet::created_at).sortable("created_at"),
        listquery::timestamp_field("updated_ats", &droplet::updated_at).sortable("updated_at"),
        listquery::list_field("app_guids", &droplet::app_guid), listquery::list_field("states", &droplet::state),
        listquery::labels_field(&droplet::labels));
}

/// Stored in the example's reference schema (`listquery schema`, from examples/cf_api/kinds/), with its JSON document.
constexpr auto listquery_table(listquery::tag<droplet>) {
    return listquery::sql::table_mapping{
        .table = "droplets",
        .document = "resource",
        .labels = "droplet_labels",
        .columns = {{{"guids", "guid"},
                     {"created_ats", "created_at"},
                     {"updated_ats", "updated_at"},
                     {"states", "state"},
                     {"app_guids", "app_guid"}}},
    };
}

inline constexpr auto& E = listquery::cf::droplets;

/// `t` as the V3 API writes it: `2020-05-01T12:00:00.123456Z`.
inline std::string rfc3339(micros t) {
    auto const seconds = std::chrono::floor<std::chrono::seconds>(t);
    std::string s = listquery::to_string(seconds); // ends in 'Z'
    char fraction[8];
    std::snprintf(fraction, sizeof fraction, ".%06lld", static_cast<long long>((t - seconds).count()));
    return s.insert(s.size() - 1, fraction);
}

/// The droplet as a V3 API resource (the fields the example CLI reads), compact JSON.
inline std::string document(droplet const& d) {
    std::string labels;
    for (auto const& [k, v] : d.labels)
        labels += (labels.empty() ? "\"" : ",\"") + k + "\":\"" + v + "\"";
    return "{\"guid\":\"" + d.guid + "\",\"created_at\":\"" + rfc3339(d.created_at) + "\",\"updated_at\":\"" +
           rfc3339(d.updated_at) + "\",\"state\":\"" + d.state + "\",\"metadata\":{\"labels\":{" + labels +
           "},\"annotations\":{}},\"links\":{\"self\":{\"href\":\"https://api.example.org/v3/droplets/" + d.guid +
           "\"},\"app\":{\"href\":\"https://api.example.org/v3/apps/" + d.app_guid + "\"}}}";
}

/// n droplets, generated once per n: unique guids, 4 states, 100 apps, ~3 years of creation
/// times at microsecond precision, labels env (prod/dev) and team (t0..t9).
inline std::vector<droplet> const& dataset(std::size_t n) {
    static std::vector<std::pair<std::size_t, std::vector<droplet>>> cache;
    for (auto const& [size, data] : cache)
        if (size == n)
            return data;
    std::mt19937_64 rng(42);
    std::vector<droplet> data(n);
    char const* const states[] = {"STAGED", "FAILED", "COPYING", "EXPIRED"};
    for (std::size_t i = 0; i < n; ++i) {
        auto& d = data[i];
        char guid[40];
        std::snprintf(guid, sizeof guid, "%08llx-0000-4000-8000-%012llx", static_cast<unsigned long long>(rng() >> 32),
                      static_cast<unsigned long long>(i));
        d.guid = guid;
        d.state = states[rng() % 4];
        d.app_guid = "app-" + std::to_string(rng() % 100);
        d.created_at = micros(std::chrono::microseconds(1'600'000'000'000'000LL +
                                                        static_cast<long long>(rng() % 100'000'000'000'000ULL)));
        d.updated_at = d.created_at + std::chrono::seconds(rng() % 1000);
        d.labels = {{"env", rng() % 2 ? "prod" : "dev"}, {"team", "t" + std::to_string(rng() % 10)}};
    }
    cache.emplace_back(n, std::move(data));
    return cache.back().second;
}

/// A query known to be valid.
inline listquery::list_query parse(std::string_view s) {
    auto q = listquery::parse_list_query<E>(s);
    if (!q) {
        std::fprintf(stderr, "bad query: %s\n", q.error().detail().c_str());
        std::abort();
    }
    return std::move(*q);
}

} // namespace droplet_dataset
