// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/detail/config.hpp>
#include <listquery/order_by.hpp>
#include <listquery/result.hpp>

#include <optional>
#include <span>
#include <string_view>

namespace listquery {


//------------------------------------------------
/** Parse the value of the `order_by` query parameter.

    Cloud Controller's rule is `/\A(\+|-)?(v1|v2|…)\z/`, case-sensitive. A blank value (empty or
    only white space, as ActiveSupport's `blank?`) is ignored: the result is an empty optional.
    A `+` written literally in a URL decodes to a space, so clients must send `%2B`.

    @par BNF
    @code
    order-by = [ "+" / "-" ] allowed-value
    @endcode

    @par Example
    @code
    std::string_view const allowed[] = {"created_at", "updated_at"};
    auto r = listquery::parse_order_by("-created_at", allowed);
    assert(r && *r == listquery::order_by{"created_at", listquery::direction::desc});
    @endcode
    @param value The decoded value.
    @param allowed The field names the endpoint can order by; the result refers to them.
    @return The ordering, nothing for a blank value, or `error::invalid_order_by` at the first byte
    where no allowed value can continue.
*/
LISTQUERY_DECL result<std::optional<order_by>> parse_order_by(std::string_view value,
                                                     std::span<std::string_view const> allowed);

} // namespace listquery

#if !defined(LISTQUERY_SEPARATE_COMPILATION)
#include <listquery/parse/impl/order_by.ipp>
#endif
