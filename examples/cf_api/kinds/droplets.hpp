// SPDX-License-Identifier: BSL-1.0
// GET /v3/droplets and /v3/apps/:guid/droplets: the resource, its fields, its table, the indexes
// it wants and how it is read from its V3 JSON, declared once.
#pragma once

#include "../resource.hpp"

#include <listquery/cf_endpoints.hpp>

namespace cf_api {

struct droplet : v3_resource {
    std::optional<std::string_view> state, app_guid, package_guid;
};

constexpr auto listquery_fields(listquery::tag<droplet>) {
    return v3_fields<droplet>(listquery::list_field("states", &droplet::state),
                              listquery::list_field("app_guids", &droplet::app_guid),
                              listquery::list_field("package_guids", &droplet::package_guid));
}

constexpr auto listquery_table(listquery::tag<droplet>) {
    return v3_table<3>("droplets", "droplet_labels",
                       {{{"states", "state"}, {"app_guids", "app_guid"}, {"package_guids", "package_guid"}}});
}

struct droplets {
    using type = droplet;
    static constexpr std::string_view name = "droplets";
    static constexpr listquery::endpoint list = listquery::cf::droplets;
    static constexpr listquery::endpoint nested = listquery::cf::app_droplets;
    static listquery::index_fields index() { return v3_index({"states", "app_guids", "package_guids"}); }
    static bool read(json_reader& in, droplet& d) {
        in.link_target("app", d.app_guid);
        in.link_target("package", d.package_guid);
        return in.string("state", d.state);
    }
};

} // namespace cf_api
