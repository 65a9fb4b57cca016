// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/detail/utf8.hpp>
#include <listquery/query_errors.hpp>

#include <boost/json/value.hpp>
#include <boost/json/value_from.hpp>

namespace listquery {

//------------------------------------------------
/** Cloud Foundry's error envelope for a bad query, as Boost.JSON; found by `value_from` via ADL.

    Gives `{"errors":[{"detail":"…","title":"CF-BadQueryParameter","code":10005}]}`, keys in that
    order. Bytes of the detail that are not valid UTF-8 (they come from the request) are replaced
    by U+FFFD, so the document is always valid UTF-8.

    @par Example
    @code
    listquery::query_errors errs{{{listquery::error::invalid_page, "page", 0,
                                   "Page must be a positive integer"}}};
    std::string body = boost::json::serialize(boost::json::value_from(errs));
    @endcode
*/
inline void tag_invoke(boost::json::value_from_tag, boost::json::value& jv,
                       query_errors const& errors) {
    boost::json::object entry(jv.storage());
    entry["detail"] = detail::to_valid_utf8(errors.detail());
    entry["title"] = errors.title();
    entry["code"] = errors.code();
    boost::json::object envelope(jv.storage());
    envelope["errors"] = boost::json::array({std::move(entry)}, jv.storage());
    jv = std::move(envelope);
}

} // namespace listquery
