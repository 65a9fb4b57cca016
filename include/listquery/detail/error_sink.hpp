// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/query_error.hpp>
#include <listquery/query_errors.hpp>

#include <vector>

namespace listquery::detail {

/// Where a parser reports problems: every one of them (Cloud Controller's way), or only the first.
struct error_sink {
    std::vector<query_error>& errors;
    bool first_only = false;

    /// Records `e`; returns whether parsing should go on.
    bool add(query_error e) {
        errors.push_back(std::move(e));
        return !first_only;
    }
    /// Records the problems of a parameter's parse.
    bool add(query_errors const& e) {
        errors.insert(errors.end(), e.errors.begin(), e.errors.end());
        return !first_only;
    }
    /// True once a first-only sink has its error.
    bool done() const noexcept { return first_only && !errors.empty(); }
};

} // namespace listquery::detail
