// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/detail/grammar/x3.hpp>

namespace listquery::detail::grammar {

// Ruby's [[:space:]] on a UTF-8 string: ASCII white space and Unicode White_Space, UTF-8 encoded.
inline auto const white_space = x3::ascii::space | "\xC2\x85" | "\xC2\xA0" | "\xE1\x9A\x80" |
                                (x3::lit("\xE2\x80") >> x3::char_('\x80', '\x8A')) |
                                "\xE2\x80\xA8" | "\xE2\x80\xA9" | "\xE2\x80\xAF" |
                                "\xE2\x81\x9F" | "\xE3\x80\x80";

} // namespace listquery::detail::grammar
