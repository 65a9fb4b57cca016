// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <string_view>

namespace listquery {

//------------------------------------------------
/** What a nested route lists within: `/v3/apps/:guid/droplets` is the droplets endpoint within
    one app, the scope `{"app_guids", guid}` (docs/semantics.md#scopes).

    The field is named as its filter (`app_guids`), so a scope is one more filter that a request
    does not spell: the pipeline applies it before the query's own filters, SQL binds it as one
    more parameter, and links leave it out of their query string (the path holds it). A parsed
    query is never changed to hold it. The nested endpoint declares the field
    (`endpoint::scoped_by`); `endpoint::within(value)` makes the scope.
*/
struct scope {
    /// The filter name of the field, e.g. `app_guids`.
    std::string_view field;
    /// The value every resource listed has in that field, byte for byte.
    std::string_view value;

    friend bool operator==(scope const&, scope const&) = default;
};

} // namespace listquery
