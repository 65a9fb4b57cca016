// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/detail/grammar/white_space.hpp>

#include <string_view>

namespace listquery::detail {

/// ActiveSupport's `blank?`: empty, or only white space.
inline bool is_blank(std::string_view s) {
    // Most text starts with a printable ASCII byte, which no white space does.
    if (!s.empty() && s[0] > ' ' && s[0] < '\x7F')
        return false;
    return grammar::parse_prefix(s, *grammar::white_space) == s.size();
}

} // namespace listquery::detail
