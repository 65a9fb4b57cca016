// SPDX-License-Identifier: BSL-1.0
#pragma once

// The Boost.JSON integration (CMake target listquery::json, which links Boost::json).
#include <listquery/listquery.hpp>

#include <listquery/json/error_envelope.hpp>
#include <listquery/json/list_body.hpp>
#include <listquery/json/pagination.hpp>
#include <listquery/json/respond.hpp>
