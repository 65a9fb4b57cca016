// SPDX-License-Identifier: BSL-1.0
// The route table: every resource kind the CLI and the server serve, each declared in its own
// file of kinds/ (its struct, fields, table, indexes, JSON). A kind with a `nested` endpoint is
// also served under /v3/apps/:guid/. Adding one is a file and a line here
// (docs/server.md#adding-a-resource).
#pragma once

#include "kinds/apps.hpp"
#include "kinds/builds.hpp"
#include "kinds/droplets.hpp"
#include "kinds/packages.hpp"
#include "kinds/tasks.hpp"

namespace cf_api {

template <class... Kinds>
struct kind_list {};

using kinds = kind_list<
    apps,
    packages,
    droplets,
    builds,
    tasks>;

} // namespace cf_api
