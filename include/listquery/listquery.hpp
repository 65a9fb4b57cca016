// SPDX-License-Identifier: BSL-1.0
#pragma once

// Umbrella header: every public header of listquery, nothing else.
// The Boost.JSON integration is separate: <listquery/json.hpp>.
#include <listquery/version.hpp>

#include <listquery/error.hpp>
#include <listquery/query_error.hpp>
#include <listquery/query_errors.hpp>
#include <listquery/result.hpp>

#include <listquery/endpoint.hpp>
#include <listquery/label_selector.hpp>
#include <listquery/order_by.hpp>
#include <listquery/limits.hpp>
#include <listquery/query.hpp>
#include <listquery/scope.hpp>
#include <listquery/timestamp.hpp>

#include <listquery/parse/filter_list.hpp>
#include <listquery/parse/label_selector.hpp>
#include <listquery/parse/list_query.hpp>
#include <listquery/parse/order_by.hpp>
#include <listquery/parse/paging.hpp>
#include <listquery/parse/timestamp.hpp>

#include <listquery/cf_endpoints.hpp>

#include <listquery/resource.hpp>

#include <listquery/pipeline/apply.hpp>
#include <listquery/pipeline/filter.hpp>
#include <listquery/pipeline/match.hpp>
#include <listquery/pipeline/page.hpp>
#include <listquery/pipeline/paginate.hpp>
#include <listquery/pipeline/resource_index.hpp>
#include <listquery/pipeline/sort_index.hpp>

#include <listquery/links.hpp>

#include <listquery/store.hpp>
#include <listquery/memory_store.hpp>
