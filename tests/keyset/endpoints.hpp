// SPDX-License-Identifier: BSL-1.0
// The keyset tests' endpoint: Cloud Foundry's droplets list with keyset paging turned on.
#pragma once

#include <listquery/listquery.hpp>

namespace keyset_test {

inline constexpr listquery::endpoint droplets = [] {
    listquery::endpoint e = listquery::cf::droplets;
    e.keyset_paging = true;
    return e;
}();

} // namespace keyset_test
