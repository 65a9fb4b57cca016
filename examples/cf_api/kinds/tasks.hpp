// SPDX-License-Identifier: BSL-1.0
// GET /v3/tasks and /v3/apps/:guid/tasks: the resource, its fields, its table, the indexes it
// wants and how it is read from its V3 JSON, declared once (docs/server.md#adding-a-resource).
#pragma once

#include "../resource.hpp"

namespace cf_api {

struct task : v3_resource {
    std::optional<std::string_view> name, state, app_guid;
};

constexpr auto listquery_fields(listquery::tag<task>) {
    return v3_fields<task>(listquery::list_field("names", &task::name), listquery::list_field("states", &task::state),
                           listquery::list_field("app_guids", &task::app_guid));
}

constexpr auto listquery_table(listquery::tag<task>) {
    return v3_table<3>("tasks", "task_labels", {{{"names", "name"}, {"states", "state"}, {"app_guids", "app_guid"}}});
}

struct tasks {
    using type = task;
    static constexpr std::string_view name = "tasks";
    /// Cloud Controller's TasksListMessage, as far as the data holds it (no space or
    /// organization guids, no sequence_ids).
    static constexpr listquery::endpoint list{.filters = {"names", "states", "app_guids"}};
    static constexpr listquery::endpoint nested{.filters = {"names", "states"}, .rejected = {"app_guids"}, .scoped_by = "app_guids"};
    static listquery::index_fields index() { return v3_index({"names", "states", "app_guids"}); }
    static bool read(json_reader& in, task& t) {
        in.link_target("app", t.app_guid);
        return in.string("name", t.name) && in.string("state", t.state);
    }
};

} // namespace cf_api
