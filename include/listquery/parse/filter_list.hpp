// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/detail/config.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace listquery {


//------------------------------------------------
/** Split the value of a comma-delimited list filter (`states=STAGED,FAILED`) as Cloud Controller
    does (docs/semantics.md#list-split).

    The value has been form-decoded once already (`+` is a space, `%XX` a byte). It splits at
    each `,` together with the white space after it; trailing empty elements are kept; each
    element is then percent-decoded once more, leaving `+` and malformed escapes alone. So
    `a%2Cb` on the wire splits, and a literal comma is sent as `%252C`.

    @par Example
    @code
    assert((listquery::filter_list_elements("STAGED, FAILED,") ==
            std::vector<std::string>{"STAGED", "FAILED", ""}));
    assert((listquery::filter_list_elements("a%2Cb") == std::vector<std::string>{"a,b"}));
    @endcode
    @return The elements; `""` gives one empty element. Never fails.
*/
LISTQUERY_DECL std::vector<std::string> filter_list_elements(std::string_view value);

} // namespace listquery

#if !defined(LISTQUERY_SEPARATE_COMPILATION)
#include <listquery/parse/impl/filter_list.ipp>
#endif
