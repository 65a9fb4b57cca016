// SPDX-License-Identifier: BSL-1.0
// GET /v3/builds and /v3/apps/:guid/builds: the resource, its fields, its table, the indexes it
// wants and how it is read from its V3 JSON, declared once.
#pragma once

#include "../resource.hpp"

#include <listquery/cf_endpoints.hpp>

namespace cf_api {

struct build : v3_resource {
    std::optional<std::string_view> state, app_guid, package_guid;
};

constexpr auto listquery_fields(listquery::tag<build>) {
    return v3_fields<build>(listquery::list_field("states", &build::state), listquery::list_field("app_guids", &build::app_guid),
                            listquery::list_field("package_guids", &build::package_guid));
}

constexpr auto listquery_table(listquery::tag<build>) {
    return v3_table<3>("builds", "build_labels",
                       {{{"states", "state"}, {"app_guids", "app_guid"}, {"package_guids", "package_guid"}}});
}

struct builds {
    using type = build;
    static constexpr std::string_view name = "builds";
    static constexpr listquery::endpoint list = listquery::cf::builds;
    static constexpr listquery::endpoint nested = listquery::cf::app_builds;
    static listquery::index_fields index() { return v3_index({"states", "app_guids", "package_guids"}); }
    static bool read(json_reader& in, build& b) {
        in.link_target("app", b.app_guid);
        return in.string("state", b.state) && in.nested_string({"package", "guid"}, b.package_guid);
    }
};

} // namespace cf_api
