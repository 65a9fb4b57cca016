// SPDX-License-Identifier: BSL-1.0
// The definitions of <listquery/links.hpp>: inline in header-only use, compiled once with
// LISTQUERY_SEPARATE_COMPILATION (docs/building.md#separate-compilation).
#pragma once

#include <listquery/links.hpp>

#include <boost/url/encode.hpp>
#include <boost/url/encoding_opts.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/pct_string_view.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>
#include <boost/url/url.hpp>

#include <algorithm>
#include <charconv>

namespace listquery {

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

/// A list filter's value as `to_param_hash` echoes it: each element's commas become `%2C`,
/// then the elements are joined with `,` (so after escaping a literal comma reads `%252C`).
/// Unlike Cloud Controller, so that the link gives back the same elements (both found by
/// fuzzing): a `%` becomes `%25`, since elements are decoded twice; and white space that starts
/// an element after the first becomes `%XX`, since the split drops white space after a comma.
template <class Elements>
void echo_list_append(std::string& out, Elements const& elements) {
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
}

/// The `key=value` pairs of every link but `page`, each `CGI.escape`d, sorted bytewise
/// (`Hash#to_query`). Views into `buffer`.
inline std::vector<std::string_view> link_pairs(list_query const& q, std::string& buffer) {
    std::vector<std::size_t> ends;
    std::string value; // reused for each unescaped value
    auto const add = [&](std::string_view key) {
        cgi_escape_append(buffer, key);
        buffer += '=';
        cgi_escape_append(buffer, value);
        ends.push_back(buffer.size());
        value.clear();
    };
    char digits[20];
    value.assign(digits, std::to_chars(digits, digits + sizeof digits, q.per_page).ptr);
    add("per_page");
    if (q.order) { // always signed: order_by=%2Bcreated_at or order_by=-created_at
        (value += q.order->dir == direction::asc ? '+' : '-') += q.order->field;
        add("order_by");
    }
    for (auto const& f : q.filters) {
        echo_list_append(value, f.values);
        add(f.name);
    }
    for (auto const& t : q.timestamps) {
        if (t.all_of.empty()) {
            std::vector<std::string> times;
            for (auto const& at : t.any_of)
                times.push_back(to_string(at));
            echo_list_append(value, times);
            add(t.name);
        }
        for (auto const& c : t.all_of) {
            value = to_string(c.value);
            add(std::string(t.name) + "[" + std::string(to_string(c.op)) + "]");
        }
    }
    if (q.selector) {
        value = q.selector_text; // as given
        add("label_selector");
    }
    std::vector<std::string_view> pairs;
    pairs.reserve(ends.size());
    for (std::size_t i = 0; i < ends.size(); ++i) {
        std::size_t const begin = i == 0 ? 0 : ends[i - 1];
        pairs.push_back(std::string_view(buffer).substr(begin, ends[i] - begin));
    }
    std::sort(pairs.begin(), pairs.end());
    return pairs;
}

} // namespace detail

LISTQUERY_DECL link_builder::link_builder(std::string_view path, list_query const& q, boost::urls::url_view base_url) {
    auto const encoded_path = boost::urls::make_pct_string_view(path);
    if (base_url.empty() && encoded_path) {
        head_ = *encoded_path; // relative links: the path as it arrived, checked by Boost.URL
    } else {
        boost::urls::url url(base_url);
        url.remove_query().remove_fragment();
        std::string full_path(url.encoded_path());
        while (!full_path.empty() && full_path.back() == '/')
            full_path.pop_back();
        if (encoded_path)
            url.set_encoded_path(full_path + std::string(*encoded_path));
        else
            url.set_path(std::string(url.path()) + std::string(path));
        head_ = url.buffer();
    }
    // The query: pairs escaped by Boost.URL (only unreserved bytes and %XX, so no byte can
    // add, remove or change a parameter) and joined; "page=N" sorts at the same place for
    // every N, as no other key starts with "page=".
    std::string buffer;
    auto const pairs = detail::link_pairs(q, buffer);
    for (auto p : pairs)
        (pairs_ += p) += '&'; // an escaped pair holds no '&'
    auto const at = std::lower_bound(pairs.begin(), pairs.end(), std::string_view("page="));
    head_ += '?';
    prefix_ = head_.size();
    for (auto it = pairs.begin(); it != at; ++it)
        (head_ += *it) += '&';
    head_ += "page=";
    for (auto it = at; it != pairs.end(); ++it)
        (tail_ += '&') += *it;
}

LISTQUERY_DECL std::string link_builder::href(std::uint64_t n) const {
    char digits[20];
    auto const end = std::to_chars(digits, digits + sizeof digits, n).ptr;
    std::string out;
    out.reserve(head_.size() + static_cast<std::size_t>(end - digits) + tail_.size());
    return ((out += head_).append(digits, end) += tail_);
}

LISTQUERY_DECL std::string link_builder::href_with(std::string_view key, std::string_view value) const {
    std::string pair;
    detail::cgi_escape_append(pair, key);
    pair += '=';
    detail::cgi_escape_append(pair, value);
    std::string out(head_, 0, prefix_); // the path and '?'
    out.reserve(prefix_ + pairs_.size() + pair.size());
    bool placed = false;
    for (std::size_t at = 0; at < pairs_.size();) {
        std::size_t const end = pairs_.find('&', at);
        std::string_view const next(pairs_.data() + at, end - at);
        if (!placed && pair < next)
            ((out += pair) += '&'), placed = true;
        (out += next) += '&';
        at = end + 1;
    }
    if (!placed)
        (out += pair) += '&';
    out.pop_back();
    return out;
}

LISTQUERY_DECL pagination make_pagination(std::string_view path, list_query const& q, std::uint64_t total_results,
                                          boost::urls::url_view base_url) {
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

LISTQUERY_DECL std::string link_header(pagination_links const& l) {
    std::string out = "<" + l.first + ">; rel=\"first\", <" + l.last + ">; rel=\"last\"";
    if (l.next)
        out += ", <" + *l.next + ">; rel=\"next\"";
    if (l.previous)
        out += ", <" + *l.previous + ">; rel=\"prev\"";
    return out;
}

} // namespace listquery
