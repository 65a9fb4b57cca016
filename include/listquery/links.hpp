// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/query.hpp>
#include <listquery/pipeline/page.hpp>

#include <listquery/detail/config.hpp>

#include <boost/url/url_view.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace listquery {

/// The four pagination links of a list response: `href`s only (Cloud Foundry's links have no
/// `method`). `next` is empty on the last page, `previous` on page 1.
struct pagination_links {
    std::string first;
    std::string last;
    std::optional<std::string> next;
    std::optional<std::string> previous;

    friend bool operator==(pagination_links const&, pagination_links const&) = default;
};

/// The `pagination` object of a list response.
struct pagination {
    std::uint64_t total_results = 0;
    /// `max(1, ceil(total_results / per_page))`.
    std::uint64_t total_pages = 1;
    pagination_links links;

    friend bool operator==(pagination const&, pagination const&) = default;
};


//------------------------------------------------
/** Builds the hrefs of one query's pages, as Cloud Controller writes them
    (docs/semantics.md#links): `per_page` always; `order_by` signed (`%2Bcreated_at`,
    `-created_at`) when the query had one; every requested filter echoed; then `page`; each pair
    escaped like Ruby's `CGI.escape` and the pairs sorted bytewise.

    Relative (`/v3/packages?page=1&per_page=2`) unless a base URL is given
    (`https://api.example.org`, whose trailing `/` is dropped; parse it with Boost.URL, e.g.
    `boost::urls::parse_uri(text).value()`). Every byte of the path and the query is checked
    or escaped by Boost.URL, so no byte of the request can add, remove or change a parameter.
*/
class link_builder {
public:
    /** @param path The request's path as it arrived, percent-encoded (`/v3/apps/G/droplets`).
        @param q The query the page answers.
        @param base_url Empty for relative links, or a URL such as `https://api.example.org`
        (its query and fragment are dropped). */
    LISTQUERY_DECL link_builder(std::string_view path, list_query const& q, boost::urls::url_view base_url = {});

    /// The href of page `n`.
    LISTQUERY_DECL std::string href(std::uint64_t n) const;

    /// The href that names its page by `key=value` instead of `page` (`page_token`, for keyset
    /// links: docs/keyset.md), `value` escaped as the other values are, at its sorted place.
    LISTQUERY_DECL std::string href_with(std::string_view key, std::string_view value) const;

private:
    std::string head_, tail_; // the href before and after the page number
    std::size_t prefix_ = 0;  // the path and '?' at the front of head_
    std::string pairs_;       // every pair but the page's, escaped and sorted, each followed by '&'
};

/** The `pagination` object for a query that matched `total_results` resources.

    @par Example
    @code
    auto q = listquery::parse_list_query<listquery::cf::packages>("page=1&per_page=2");
    auto p = listquery::make_pagination("/v3/packages", *q, 3);
    assert(p.links.next == "/v3/packages?page=2&per_page=2" && !p.links.previous);
    @endcode
*/
LISTQUERY_DECL pagination make_pagination(std::string_view path, list_query const& q, std::uint64_t total_results,
                                          boost::urls::url_view base_url = {});

/** The `pagination` object of a page that `apply` made: the main flow's way, with the counts
    the page holds.

    @par Example
    @code
    auto page = listquery::apply<listquery::cf::droplets>(droplets, *q);
    listquery::pagination p = listquery::make_pagination("/v3/droplets", *q, page);
    @endcode
*/
template <class T>
pagination make_pagination(std::string_view path, list_query const& q, page_result<T> const& page,
                           boost::urls::url_view base_url = {}) {
    return make_pagination(path, q, page.total_results, base_url);
}

/// The RFC 8288 `Link` header value of the links: `<href>; rel="first", …`, with `prev`.
LISTQUERY_DECL std::string link_header(pagination_links const& l);

} // namespace listquery

#if !defined(LISTQUERY_SEPARATE_COMPILATION)
#include <listquery/impl/links.ipp>
#endif
