// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <string>
#include <string_view>

namespace listquery::detail {

/// Appends Cloud Controller's list of names, each quoted: `'a', 'b', 'c'`.
template <class Names>
void append_quoted_list(std::string& out, Names const& names) {
    bool first = true;
    for (std::string_view name : names) {
        (out += first ? "'" : ", '").append(name) += '\'';
        first = false;
    }
}

} // namespace listquery::detail
