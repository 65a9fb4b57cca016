// SPDX-License-Identifier: BSL-1.0
// GET /v3/apps: the resource, its fields, its table, the indexes it wants and how it is read from
// its V3 JSON, declared once. The nested routes of the other kinds name an app of these.
#pragma once

#include "../resource.hpp"

namespace cf_api {

struct app : v3_resource {
    std::optional<std::string_view> name, state, space_guid;
};

constexpr auto listquery_fields(listquery::tag<app>) {
    return v3_fields<app>(listquery::list_field("names", &app::name).sortable("name"),
                          listquery::list_field("space_guids", &app::space_guid), listquery::sort_field("state", &app::state));
}

constexpr auto listquery_table(listquery::tag<app>) {
    return v3_table<3>("apps", "app_labels", {{{"names", "name"}, {"space_guids", "space_guid"}, {"state", "state"}}});
}

struct apps {
    using type = app;
    static constexpr std::string_view name = "apps";
    /// Cloud Controller's AppsListMessage, as far as the data holds it (organization_guids,
    /// stacks, lifecycle_type and include are left out).
    static constexpr listquery::endpoint list{.filters = {"names", "space_guids"},
                                              .order_by = {"created_at", "updated_at", "name", "state"}};
    static listquery::index_fields index() {
        auto i = v3_index({"names", "space_guids"});
        i.order_by.insert(i.order_by.end(), {"name", "state"});
        return i;
    }
    static bool read(json_reader& in, app& a) {
        return in.string("name", a.name) && in.string("state", a.state) &&
               in.nested_string({"relationships", "space", "data", "guid"}, a.space_guid);
    }
};

} // namespace cf_api
