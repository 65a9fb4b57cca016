// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/detail/utf8.hpp>
#include <listquery/links.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <boost/json/value_from.hpp>

#include <utility>

namespace listquery {

/** The `pagination` object as Boost.JSON; found by `value_from` via ADL.

    Keys in Cloud Foundry's order: `total_results`, `total_pages`, `first`, `last`, `next`,
    `previous`; each link is `{"href": …}` or `null`. `make_pagination`'s hrefs are ASCII, since
    every other byte is percent-encoded; but a pagination is plain data, so the bytes of an href
    that are not UTF-8 are written as U+FFFD, and the document is always valid UTF-8 (as
    `list_body` writes it).
*/
inline void tag_invoke(boost::json::value_from_tag, boost::json::value& jv, pagination const& p) {
    auto link = [&jv](std::optional<std::string> const& href) -> boost::json::value {
        if (!href)
            return nullptr;
        boost::json::object o(jv.storage());
        o["href"] = detail::is_valid_utf8(*href) ? boost::json::string_view(*href)
                                                 : boost::json::string_view(detail::to_valid_utf8(*href));
        return o;
    };
    boost::json::object o(jv.storage());
    o["total_results"] = p.total_results;
    o["total_pages"] = p.total_pages;
    o["first"] = link(p.links.first);
    o["last"] = link(p.links.last);
    o["next"] = link(p.links.next);
    o["previous"] = link(p.links.previous);
    jv = std::move(o);
}

/** A list response: `{"pagination": …, "resources": […]}`.

    @par Example
    @code
    boost::json::object body = listquery::list_response(pagination, std::move(resources));
    @endcode
*/
inline boost::json::object list_response(pagination const& p, boost::json::array resources) {
    boost::json::object o;
    o["pagination"] = boost::json::value_from(p);
    o["resources"] = std::move(resources);
    return o;
}

} // namespace listquery
