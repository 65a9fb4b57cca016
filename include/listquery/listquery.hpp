// SPDX-License-Identifier: BSL-1.0
#pragma once

// Umbrella header: every public header of listquery, nothing else.
// The Boost.JSON integration is separate: <listquery/json.hpp>.
#include <listquery/version.hpp>

#include <listquery/error.hpp>
#include <listquery/query_error.hpp>
#include <listquery/query_errors.hpp>
#include <listquery/result.hpp>

#include <listquery/parse/order_by.hpp>
#include <listquery/parse/pagination.hpp>
