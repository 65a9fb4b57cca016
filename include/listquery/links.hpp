// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/query.hpp>
#include <listquery/pipeline/page.hpp>

#include <boost/url/encode.hpp>
#include <boost/url/encoding_opts.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>
#include <boost/url/pct_string_view.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>
#include <boost/url/url.hpp>

#include <algorithm>
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

namespace detail {

/// Ruby's `CGI.escape`, through Boost.URL: `A-Za-z0-9_.-~` kept, space as `+`, everything else
/// `%XX` in upper case. Appends to `out`.
inline void cgi_escape_append(std::string& out, std::string_view s) {
    boost::urls::encoding_opts const opts(true /* space as plus */, false /* upper case */, false);
    std::size_t const n = boost::urls::encoded_size(s, boost::urls::unreserved_chars, opts);
    std::size_t const at = out.size();
    out.resize(at + n);
    boost::urls::encode(out.data() + at, n, s, boost::urls::unreserved_chars, opts);
}

/// `CGI.escape(key) + "=" + CGI.escape(value)`, as ActiveSupport's `to_query` writes a pair.
inline std::string query_pair(std::string_view key, std::string_view value) {
    std::string out;
    cgi_escape_append(out, key);
    out += '=';
    cgi_escape_append(out, value);
    return out;
}

/// A list filter's value as `to_param_hash` echoes it: each element's commas become `%2C`,
/// then the elements are joined with `,` (so after escaping a literal comma reads `%252C`).
/// Unlike Cloud Controller, so that the link gives back the same elements (both found by
/// fuzzing): a `%` becomes `%25`, since elements are decoded twice; and white space that starts
/// an element after the first becomes `%XX`, since the split drops white space after a comma.
template <class Elements>
std::string echoed_list(Elements const& elements) {
    std::string out;
    bool first = true;
    for (auto const& e : elements) {
        if (!first)
            out += ',';
        bool leading = !first;
        first = false;
        for (char c : std::string_view(e)) {
            bool const space = c == ' ' || (c >= '\t' && c <= '\r'); // Ruby's \s
            leading = leading && space;
            if (c == ',' || c == '%' || leading) {
                static constexpr char hex[] = "0123456789ABCDEF";
                auto const byte = static_cast<unsigned char>(c);
                ((out += '%') += hex[byte >> 4]) += hex[byte & 15];
            } else {
                out += c;
            }
        }
    }
    return out;
}

/// The `key=value` pairs of every link but `page`, sorted bytewise (`Hash#to_query`).
inline std::vector<std::string> link_pairs(list_query const& q) {
    std::vector<std::string> pairs;
    pairs.push_back(query_pair("per_page", std::to_string(q.per_page)));
    if (q.order) // always signed: order_by=%2Bcreated_at or order_by=-created_at
        pairs.push_back(query_pair("order_by", (q.order->dir == direction::asc ? "+" : "-") + std::string(q.order->field)));
    for (auto const& f : q.filters)
        pairs.push_back(query_pair(f.name, echoed_list(f.values)));
    for (auto const& t : q.timestamps) {
        if (t.all_of.empty()) {
            std::vector<std::string> times;
            for (auto const& at : t.any_of)
                times.push_back(to_string(at));
            pairs.push_back(query_pair(t.name, echoed_list(times)));
        }
        for (auto const& c : t.all_of)
            pairs.push_back(query_pair(std::string(t.name) + "[" + std::string(to_string(c.op)) + "]", to_string(c.value)));
    }
    if (q.selector)
        pairs.push_back(query_pair("label_selector", q.selector_text)); // as given
    std::sort(pairs.begin(), pairs.end());
    return pairs;
}

} // namespace detail

//------------------------------------------------
/** Builds the hrefs of one query's pages, as Cloud Controller writes them
    (cf-v3-list-semantics.md §6): `per_page` always; `order_by` signed (`%2Bcreated_at`,
    `-created_at`) when the query had one; every requested filter echoed; then `page`; each pair
    escaped like Ruby's `CGI.escape` and the pairs sorted bytewise.

    Relative (`/v3/packages?page=1&per_page=2`) unless a base URL is given
    (`https://api.example.org`, whose trailing `/` is dropped; parse it with Boost.URL, e.g.
    `boost::urls::parse_uri(text).value()`). The encoding and the URL go
    through Boost.URL, so no byte of the request can add, remove or change a parameter.
*/
class link_builder {
public:
    /** @param path The request's path as it arrived, percent-encoded (`/v3/apps/G/droplets`).
        @param q The query the page answers.
        @param base_url Empty for relative links, or a URL such as `https://api.example.org`
        (its query and fragment are dropped). */
    link_builder(std::string_view path, list_query const& q, boost::urls::url_view base_url = {}) : url_(base_url) {
        url_.remove_query().remove_fragment();
        std::string full_path(url_.encoded_path());
        while (!full_path.empty() && full_path.back() == '/')
            full_path.pop_back();
        if (auto p = boost::urls::make_pct_string_view(path))
            url_.set_encoded_path(full_path + std::string(*p));
        else
            url_.set_path(std::string(url_.path()) + std::string(path));
        auto const pairs = detail::link_pairs(q);
        // "page=N" sorts at the same place for every N: no other key starts with "page=".
        auto const at = std::lower_bound(pairs.begin(), pairs.end(), std::string_view("page="));
        for (auto it = pairs.begin(); it != pairs.end(); ++it)
            ((it < at ? before_ : after_) += it == pairs.begin() || it == at ? "" : "&") += *it;
        if (!before_.empty())
            before_ += '&';
        if (!after_.empty())
            after_.insert(after_.begin(), '&');
    }

    /// The href of page `n`.
    std::string href(std::uint64_t n) const {
        boost::urls::url u = url_;
        u.set_encoded_query(before_ + "page=" + std::to_string(n) + after_);
        return std::string(u.buffer());
    }

private:
    boost::urls::url url_;
    std::string before_, after_;
};

/** The `pagination` object for a query that matched `total_results` resources.

    @par Example
    @code
    auto q = listquery::parse_list_query<listquery::cf::packages>("page=1&per_page=2");
    auto p = listquery::make_pagination("/v3/packages", *q, 3);
    assert(p.links.next == "/v3/packages?page=2&per_page=2" && !p.links.previous);
    @endcode
*/
inline pagination make_pagination(std::string_view path, list_query const& q, std::uint64_t total_results,
                                  boost::urls::url_view base_url = {}) {
    link_builder const b(path, q, base_url);
    pagination p;
    p.total_results = total_results;
    p.total_pages = detail::total_pages(total_results, q.per_page);
    p.links.first = b.href(1);
    p.links.last = b.href(p.total_pages);
    if (q.page < p.total_pages)
        p.links.next = b.href(q.page + 1);
    if (q.page > 1)
        p.links.previous = b.href(q.page - 1); // past the end too: page - 1
    return p;
}

/// The RFC 8288 `Link` header value of the links: `<href>; rel="first", …`, with `prev`.
inline std::string link_header(pagination_links const& l) {
    std::string out = "<" + l.first + ">; rel=\"first\", <" + l.last + ">; rel=\"last\"";
    if (l.next)
        out += ", <" + *l.next + ">; rel=\"next\"";
    if (l.previous)
        out += ", <" + *l.previous + ">; rel=\"prev\"";
    return out;
}

} // namespace listquery
