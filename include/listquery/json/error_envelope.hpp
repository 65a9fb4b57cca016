// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/detail/utf8.hpp>
#include <listquery/query_errors.hpp>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <boost/json/value_from.hpp>

#include <string_view>

namespace listquery {

//------------------------------------------------
/** Cloud Foundry's error envelope: `{"errors":[{"detail":"…","title":"…","code":…}]}`, keys in
    that order, as every Cloud Foundry error response has it (a bad query, and also a 404 or 405 of
    your own server). Bytes of `detail` that are not valid UTF-8 (it may echo the request) are
    replaced by U+FFFD, so the document is always valid UTF-8.

    @par Example
    @code
    boost::json::object body = listquery::error_envelope("App not found", "CF-ResourceNotFound", 10010);
    @endcode
*/
inline boost::json::object error_envelope(std::string_view detail, std::string_view title, int code,
                                          boost::json::storage_ptr const& sp = {}) {
    boost::json::object entry(sp);
    entry["detail"] = detail::to_valid_utf8(detail);
    entry["title"] = title;
    entry["code"] = code;
    boost::json::object envelope(sp);
    envelope["errors"] = boost::json::array({std::move(entry)}, sp);
    return envelope;
}

//------------------------------------------------
/** The error envelope of a bad query, as Boost.JSON; found by `value_from` via ADL: its
    `detail()`, `title()` and `cf_code()` in `error_envelope`.

    @par Example
    @code
    listquery::query_errors errs{{{listquery::error::invalid_page, "page", 0,
                                   "Page must be a positive integer"}}};
    std::string body = boost::json::serialize(boost::json::value_from(errs));
    @endcode
*/
inline void tag_invoke(boost::json::value_from_tag, boost::json::value& jv,
                       query_errors const& errors) {
    jv = error_envelope(errors.detail(), errors.title(), errors.cf_code(), jv.storage());
}

} // namespace listquery
