// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <boost/url/grammar/hexdig_chars.hpp>

#include <cstddef>
#include <string_view>

namespace listquery::detail {

/// Whether `s[i]`, a `%`, starts a valid escape: two hex digits follow it.
inline bool is_valid_escape(std::string_view s, std::size_t i) noexcept {
    return i + 2 < s.size() && boost::urls::grammar::hexdig_value(s[i + 1]) >= 0 &&
           boost::urls::grammar::hexdig_value(s[i + 2]) >= 0;
}

} // namespace listquery::detail
