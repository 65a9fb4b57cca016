// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/result.hpp>

#include <catch2/catch.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace listquery_test {

/// Asserts that `r` failed with exactly this code, parameter, offset and message.
template <class T>
void check_error(listquery::result<T> const& r, listquery::error code, std::string_view parameter,
                 std::size_t offset, std::string_view message) {
    REQUIRE(r.has_error());
    CHECK(r.error().code == code);
    CHECK(r.error().parameter == parameter);
    CHECK(r.error().offset == offset);
    CHECK(r.error().message == message);
}

} // namespace listquery_test
