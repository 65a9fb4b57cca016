// SPDX-License-Identifier: BSL-1.0
// Resource types declared for the pipeline tests.
#pragma once

#include <listquery/listquery.hpp>
#include <listquery/sql/table.hpp>

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace test_model {

using millis = std::chrono::sys_time<std::chrono::milliseconds>;

/// A droplet with every kind of field: nullable, sub-second, a projection, labels as pairs.
struct droplet {
    int id = 0; // position in the test's container
    std::string guid;
    std::optional<std::string> state;
    std::shared_ptr<std::string const> app_guid; // null: belongs to no app
    std::optional<millis> created_at;
    listquery::timestamp updated_at{};
    std::vector<std::pair<std::string, std::string>> labels;
};

constexpr auto listquery_fields(listquery::tag<droplet>) {
    return listquery::fields(
        listquery::guid_field(&droplet::guid),
        listquery::timestamp_field("created_ats", &droplet::created_at).sortable("created_at"),
        listquery::timestamp_field("updated_ats", &droplet::updated_at).sortable("updated_at"),
        listquery::list_field("app_guids", [](droplet const& d) { return d.app_guid.get(); }),
        listquery::list_field("states", &droplet::state),
        listquery::labels_field(&droplet::labels));
}

/// Where the SQL tests store droplets (tests/sql/schema.hpp creates the tables).
constexpr auto listquery_table(listquery::tag<droplet>) {
    return listquery::sql::table_mapping{
        .table = "droplets",
        .labels = "droplet_labels",
        .columns = {{{"guids", "guid"},
                     {"created_ats", "created_at"},
                     {"updated_ats", "updated_at"},
                     {"app_guids", "app_guid"},
                     {"states", "state"}}},
    };
}

} // namespace test_model

namespace vendor {
/// A type whose namespace the user cannot edit: declared through resource_traits.
struct package {
    char const* guid = "";
    std::string type;
    std::string state;
    std::string app;
    std::chrono::sys_seconds created_at{}, updated_at{};
    std::map<std::string, std::string> labels;
};
} // namespace vendor

template <>
struct listquery::resource_traits<vendor::package> {
    static constexpr auto fields = listquery::fields(
        listquery::guid_field(&vendor::package::guid),
        listquery::timestamp_field("created_ats", &vendor::package::created_at).sortable("created_at"),
        listquery::timestamp_field("updated_ats", &vendor::package::updated_at).sortable("updated_at"),
        listquery::list_field("states", &vendor::package::state),
        listquery::list_field("types", &vendor::package::type),
        listquery::list_field("app_guids", &vendor::package::app),
        listquery::labels_field(&vendor::package::labels));
};
