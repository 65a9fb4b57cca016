// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/result.hpp>

#include <catch2/catch.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace listquery_test {

/// The elements of `r` (a query's small_vector, a lazy range) as a std::vector, to compare.
template <class Range>
auto as_vector(Range const& r) {
    return std::vector(r.begin(), r.end());
}

/// Whether `v`'s elements are stored inside `owner` (in place) rather than on the heap.
template <class Owner, class Vector>
bool held_in_place(Owner const& owner, Vector const& v) {
    auto const* const at = reinterpret_cast<char const*>(v.data());
    auto const* const begin = reinterpret_cast<char const*>(&owner);
    return at >= begin && at < begin + sizeof owner;
}

/// Asserts that `r` failed with exactly one problem: this code, parameter, offset and message.
template <class T>
void check_error(listquery::result<T> const& r, listquery::error code, std::string_view parameter,
                 std::size_t offset, std::string_view message) {
    REQUIRE(r.has_error());
    REQUIRE(r.error().errors.size() == 1);
    CHECK(r.error().errors[0].code == code);
    CHECK(r.error().errors[0].parameter == parameter);
    CHECK(r.error().errors[0].offset == offset);
    CHECK(r.error().errors[0].message == message);
}

} // namespace listquery_test
