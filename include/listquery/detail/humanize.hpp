// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <string>
#include <string_view>

namespace listquery::detail {

/// ActiveSupport's `humanize` of a wire name, as error messages print it:
/// `created_ats` → `Created ats`, `app_guids` → `App guids`.
inline std::string humanize(std::string_view name) {
    std::string out(name);
    for (char& c : out)
        if (c == '_')
            c = ' ';
    if (!out.empty() && out.front() >= 'a' && out.front() <= 'z')
        out.front() = static_cast<char>(out.front() - 'a' + 'A');
    return out;
}

} // namespace listquery::detail
