// SPDX-License-Identifier: BSL-1.0
// The resource of the compile-cost units: a droplet-like type, declared for the pipeline.
#pragma once

#include <listquery/pipeline/resource_pipeline.hpp>
#include <listquery/resource.hpp>

#include <chrono>
#include <string>
#include <utility>
#include <vector>

struct widget {
    std::string guid, state, app_guid;
    std::chrono::sys_seconds created_at, updated_at;
    std::vector<std::pair<std::string, std::string>> labels;
};

constexpr auto listquery_fields(listquery::tag<widget>) {
    return listquery::fields(
        listquery::guid_field(&widget::guid),
        listquery::timestamp_field("created_ats", &widget::created_at).sortable("created_at"),
        listquery::timestamp_field("updated_ats", &widget::updated_at).sortable("updated_at"),
        listquery::list_field("app_guids", &widget::app_guid), listquery::list_field("states", &widget::state),
        listquery::labels_field(&widget::labels));
}

// The pipeline's code for widgets is compiled once, in the program's one file that instantiates it
// (`template struct listquery::resource_pipeline<widget>;`), not in every file that queries them
// (docs/building.md#explicit-instantiation).
extern template struct listquery::resource_pipeline<widget>;
