// SPDX-License-Identifier: BSL-1.0
// The resource the compile-fail tests declare wrongly.
#pragma once

#include <listquery/listquery.hpp>

#include <string>
#include <utility>
#include <vector>

struct thing {
    std::string guid, state, app;
    int count = 0;
    listquery::timestamp created_at, updated_at;
    std::vector<std::pair<std::string, std::string>> labels;
};
