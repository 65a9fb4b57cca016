// SPDX-License-Identifier: BSL-1.0
// GET /v3/packages and /v3/apps/:guid/packages: the resource, its fields, its table, the indexes
// it wants and how it is read from its V3 JSON, declared once.
#pragma once

#include "../resource.hpp"

#include <listquery/cf_endpoints.hpp>

namespace cf_api {

struct package : v3_resource {
    std::optional<std::string_view> state, type, app_guid;
};

constexpr auto listquery_fields(listquery::tag<package>) {
    return v3_fields<package>(listquery::list_field("states", &package::state), listquery::list_field("types", &package::type),
                              listquery::list_field("app_guids", &package::app_guid));
}

constexpr auto listquery_table(listquery::tag<package>) {
    return v3_table<3>("packages", "package_labels", {{{"states", "state"}, {"types", "type"}, {"app_guids", "app_guid"}}});
}

struct packages {
    using type = package;
    static constexpr std::string_view name = "packages";
    static constexpr listquery::endpoint list = listquery::cf::packages;
    static constexpr listquery::endpoint nested = listquery::cf::app_packages;
    static listquery::index_fields index() { return v3_index({"states", "types", "app_guids"}); }
    static bool read(json_reader& in, package& p) {
        in.link_target("app", p.app_guid);
        return in.string("state", p.state) && in.string("type", p.type);
    }
};

} // namespace cf_api
