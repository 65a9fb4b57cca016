// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>

namespace listquery::detail {

/// The parts joined, in one allocation. Also keeps messages clear of `"…" + std::string(…)`,
/// which g++ 12 at -O3 wrongly flags with -Wrestrict.
inline std::string concat(std::initializer_list<std::string_view> parts) {
    std::size_t size = 0;
    for (auto p : parts)
        size += p.size();
    std::string out;
    out.reserve(size);
    for (auto p : parts)
        out.append(p);
    return out;
}

} // namespace listquery::detail
