// SPDX-License-Identifier: BSL-1.0
// listquery 0.1.0: GENERATED from include/ by tools/amalgamate.py. Do not edit.
#ifndef LISTQUERY_SINGLE_INCLUDE_JSON_HPP
#define LISTQUERY_SINGLE_INCLUDE_JSON_HPP
// begin file listquery/json.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_JSON_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_JSON_HPP

// The Boost.JSON integration (CMake target listquery::json, which links Boost::json).
#include <listquery/listquery.hpp>

// begin file listquery/json/error_envelope.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_JSON_ERROR_ENVELOPE_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_JSON_ERROR_ENVELOPE_HPP

// begin file listquery/detail/utf8.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_DETAIL_UTF8_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_DETAIL_UTF8_HPP

#include <cstddef>
#include <string>
#include <string_view>

namespace listquery::detail {

/// Length of the well-formed UTF-8 sequence (Unicode Table 3-7) at `s[i]`, or 0 if there is none.
inline std::size_t utf8_sequence_length(std::string_view s, std::size_t i) noexcept {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    auto in = [&](std::size_t k, unsigned lo, unsigned hi) {
        return k < s.size() && byte(k) >= lo && byte(k) <= hi;
    };
    unsigned const b = byte(i);
    if (b < 0x80)
        return 1;
    if (b >= 0xC2 && b <= 0xDF)
        return in(i + 1, 0x80, 0xBF) ? 2 : 0;
    if (b >= 0xE0 && b <= 0xEF) {
        unsigned const lo = b == 0xE0 ? 0xA0 : 0x80, hi = b == 0xED ? 0x9F : 0xBF;
        return in(i + 1, lo, hi) && in(i + 2, 0x80, 0xBF) ? 3 : 0;
    }
    if (b >= 0xF0 && b <= 0xF4) {
        unsigned const lo = b == 0xF0 ? 0x90 : 0x80, hi = b == 0xF4 ? 0x8F : 0xBF;
        return in(i + 1, lo, hi) && in(i + 2, 0x80, 0xBF) && in(i + 3, 0x80, 0xBF) ? 4 : 0;
    }
    return 0;
}

/// Whether all of `s` is well-formed UTF-8.
inline bool is_valid_utf8(std::string_view s) noexcept {
    for (std::size_t i = 0; i < s.size();) {
        std::size_t const n = utf8_sequence_length(s, i);
        if (n == 0)
            return false;
        i += n;
    }
    return true;
}

/// `s` with every byte that does not start a well-formed UTF-8 sequence replaced by U+FFFD.
inline std::string to_valid_utf8(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        if (std::size_t const n = utf8_sequence_length(s, i)) {
            out.append(s, i, n);
            i += n;
        } else {
            out += "\xEF\xBF\xBD";
            ++i;
        }
    }
    return out;
}

} // namespace listquery::detail
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_DETAIL_UTF8_HPP
// end file listquery/detail/utf8.hpp
// #include <listquery/query_errors.hpp> (already inlined)

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
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_JSON_ERROR_ENVELOPE_HPP
// end file listquery/json/error_envelope.hpp
// begin file listquery/json/list_body.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_JSON_LIST_BODY_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_JSON_LIST_BODY_HPP

// #include <listquery/detail/utf8.hpp> (already inlined)
// #include <listquery/links.hpp> (already inlined)

#include <boost/json/serialize.hpp>
#include <boost/json/string_view.hpp>

#include <charconv>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <ranges>
#include <string>
#include <string_view>
#include <vector>

namespace listquery {

/** A list response body, `{"pagination":…,"resources":[…]}`, around resources the caller has
    already serialized: no DOM is built and no resource is copied.

    The body is a sequence of pieces: a head that this object owns (`{"pagination":{…},
    "resources":[`), then each resource with a `,` between, then `]}`. Write them in order with
    one gathered write (`buffers`), or append them to a string (`append_to`, `str`). The bytes
    are exactly those of `boost::json::serialize(list_response(p, resources))` when each text is
    the compact serialization of its resource
    (docs/pagination-links.md#responses-from-pre-rendered-resources).

    The library writes the pagination with Boost.JSON's escaping, and bytes of an href that are
    not UTF-8 as U+FFFD, so that part is always valid JSON in UTF-8; each resource text is
    written as given and must be one JSON value.

    The resource texts are not copied: they must outlive the body, and the pieces point into
    this object, so take `buffers()` after its last move.

    @par Example
    @code
    std::vector<std::string> rendered = {R"({"guid":"a"})", R"({"guid":"b"})"}; // once, at load
    listquery::list_body body(pagination, rendered);
    std::string text = body.str(); // or body.buffers<boost::asio::const_buffer>() for a gathered write
    @endcode
*/
class list_body {
public:
    /// `resources`: a range of JSON texts (anything convertible to `std::string_view`).
    template <std::ranges::input_range Range>
        requires std::convertible_to<std::ranges::range_reference_t<Range>, std::string_view>
    list_body(pagination const& p, Range const& resources) : head_(pagination_head(p)) {
        if constexpr (std::ranges::sized_range<Range>)
            resources_.reserve(std::ranges::size(resources));
        for (auto&& r : resources) {
            resources_.emplace_back(r);
            size_ += resources_.back().size();
        }
        size_ += head_.size() + tail.size() + (resources_.empty() ? 0 : resources_.size() - 1);
    }

    /// The whole body's length in bytes (the `Content-Length`).
    std::size_t size() const noexcept { return size_; }

    /// Calls `f(std::string_view)` for each piece, in order.
    template <class F>
    void for_each_piece(F&& f) const {
        f(std::string_view(head_));
        for (std::size_t i = 0; i < resources_.size(); ++i) {
            if (i != 0)
                f(separator);
            f(resources_[i]);
        }
        f(tail);
    }

    /** The pieces as a buffer sequence for a gathered write: `Buffer` is constructed from a
        pointer and a size, as `boost::asio::const_buffer` is. Valid while this body (unmoved)
        and the resource texts live.
    */
    template <class Buffer = std::string_view>
    std::vector<Buffer> buffers() const {
        std::vector<Buffer> out;
        out.reserve(2 * resources_.size() + 2);
        for_each_piece([&](std::string_view s) { out.push_back(Buffer{s.data(), s.size()}); });
        return out;
    }

    /// Appends the whole body to `out`.
    void append_to(std::string& out) const {
        out.reserve(out.size() + size_);
        for_each_piece([&](std::string_view s) { out += s; });
    }

    /// The whole body as one string.
    std::string str() const {
        std::string out;
        append_to(out);
        return out;
    }

private:
    static constexpr std::string_view separator = ",";
    static constexpr std::string_view tail = "]}";

    /// `{"pagination":{…},"resources":[`, keys in Cloud Foundry's order.
    static std::string pagination_head(pagination const& p) {
        std::string out = R"({"pagination":{"total_results":)";
        auto number = [&out](std::uint64_t n) {
            char digits[20];
            out.append(digits, std::to_chars(digits, digits + sizeof digits, n).ptr);
        };
        auto link = [&out](std::string_view key, std::string const* href) { // null: no link
            ((out += ",\"") += key) += "\":";
            if (!href) {
                out += "null";
                return;
            }
            out += R"({"href":)";
            // Quoted and escaped as the DOM way writes it (json/pagination.hpp): not UTF-8 as U+FFFD.
            out += detail::is_valid_utf8(*href) ? boost::json::serialize(boost::json::string_view(*href))
                                                : boost::json::serialize(boost::json::string_view(detail::to_valid_utf8(*href)));
            out += '}';
        };
        number(p.total_results);
        out += R"(,"total_pages":)";
        number(p.total_pages);
        link("first", &p.links.first);
        link("last", &p.links.last);
        link("next", p.links.next ? &*p.links.next : nullptr);
        link("previous", p.links.previous ? &*p.links.previous : nullptr);
        out += R"(},"resources":[)";
        return out;
    }

    std::string head_;
    std::vector<std::string_view> resources_;
    std::size_t size_ = 0;
};

} // namespace listquery
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_JSON_LIST_BODY_HPP
// end file listquery/json/list_body.hpp
// begin file listquery/json/pagination.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_JSON_PAGINATION_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_JSON_PAGINATION_HPP

// #include <listquery/detail/utf8.hpp> (already inlined)
// #include <listquery/links.hpp> (already inlined)

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
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_JSON_PAGINATION_HPP
// end file listquery/json/pagination.hpp
// begin file listquery/json/respond.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_JSON_RESPOND_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_JSON_RESPOND_HPP

// #include <listquery/json/error_envelope.hpp> (already inlined)
// #include <listquery/json/list_body.hpp> (already inlined)
// #include <listquery/keyset/paginate.hpp> (already inlined)
// #include <listquery/keyset/token.hpp> (already inlined)
// #include <listquery/links.hpp> (already inlined)
// #include <listquery/parse/list_query.hpp> (already inlined)
// #include <listquery/store.hpp> (already inlined)

#include <boost/json/serialize.hpp>
#include <boost/url/url_view.hpp>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace listquery {

/// How `respond` answers, besides the endpoint and the store.
struct respond_options {
    /// Absolute links from this URL (`https://api.example.org`); relative links when empty. Take
    /// it from your configuration, never from the request's `Host` header, which a client controls.
    boost::urls::url_view base_url{};
    /// Keyset paging's keys: with them, every endpoint pages by token (as
    /// `parse_options::keyset_paging = true`); an endpoint that declares keyset paging needs them.
    token_keys const* keys = nullptr;
    /// A nested route's scope (`endpoint::within`).
    std::optional<listquery::scope> scope{};
    /// How the query is parsed (its limits; `keyset_paging` is set from `keys`).
    parse_options parse{};
};

//------------------------------------------------
/** An HTTP answer to a list request (docs/stores.md#respond): the status, the `Link` header and
    the body, either a list (`application/json`, the pagination around the page's resource
    texts) or Cloud Foundry's error envelope.
*/
struct response {
    /// 200, or the error's status (400, 422, 404, 500, 503, …).
    unsigned status = 200;
    /// A list's RFC 8288 `Link` header (`first`, `last`, `next`, `prev`); empty for an error.
    std::string link;
    /// A 200's body.
    std::optional<list_body> list;
    /// A body that is not a list: an error's Cloud Foundry envelope, compact (or a document of
    /// your own, such as a root document).
    std::string text;
    /// Why the status is not 200: the problems, with the database's own message when a store
    /// failed (`failure->diagnostic()`, for a log; the body never shows it).
    std::optional<query_errors> failure;
    /// What the list's texts point into (rows read from a database, texts rendered now).
    std::shared_ptr<void const> owner;
    /// For a 503, the seconds after which to try again (the `Retry-After` header); else 0.
    unsigned retry_after = 0;

    /// `application/json`, for every response.
    static constexpr std::string_view content_type = "application/json";

    /// The body's length in bytes (the `Content-Length`).
    std::size_t content_length() const noexcept { return list ? list->size() : text.size(); }

    /// Calls `f(std::string_view)` for each piece of the body, in order: a gathered write sends
    /// them without copying a resource.
    template <class F>
    void for_each_piece(F&& f) const {
        if (list)
            list->for_each_piece(f);
        else
            f(std::string_view(text));
    }

    /// The whole body.
    std::string body() const { return list ? list->str() : text; }
};

/// The response of a failure: its status and Cloud Foundry's error envelope.
inline response error_response(query_errors const& e) {
    response out;
    out.status = e.http_status();
    out.text = boost::json::serialize(boost::json::value_from(e));
    out.failure = e;
    if (out.status == 503)
        out.retry_after = 1; // about the longest wait between two attempts to reconnect
    return out;
}

/// A response of your own, such as `error_response(404, "App not found", "CF-ResourceNotFound", 10010)`.
inline response error_response(unsigned status, std::string_view detail, std::string_view title, int code) {
    response out;
    out.status = status;
    out.text = boost::json::serialize(error_envelope(detail, title, code));
    return out;
}

/// A list request read for an endpoint: the target's path, its validated query, and for a
/// keyset page the cursor its token names.
struct list_request {
    /// The request's path, percent-encoded as it arrived (the links repeat it).
    std::string_view path;
    list_query query;
    std::optional<keyset_cursor> cursor;
};

namespace detail {
inline query_errors missing_token_keys() {
    return {query_error{error::missing_token_keys, {}, 0,
                        "listquery::respond: the endpoint pages by keyset, and no token keys were given"},
            error_response_kind::unknown_error};
}
} // namespace detail

/** Reads `target` (origin form: a path and an optional `?query`) for endpoint `E`: parses the
    query with Cloud Controller's rules and checks its page token, if any. A nested route whose
    parent must exist reads first (a bad query wins over a missing parent, as in Cloud
    Controller), then checks the parent, then answers with `respond(request, …)`.
*/
template <endpoint const& E>
result<list_request> read_request(std::string_view target, respond_options const& o = {}) {
    auto const question = target.find('?');
    list_request out;
    out.path = target.substr(0, question);
    parse_options p = o.parse;
    if (o.keys)
        p.keyset_paging = true;
    auto q = parse_list_query<E>(question == std::string_view::npos ? std::string_view{} : target.substr(question + 1), p);
    if (!q)
        return std::move(q).error();
    out.query = std::move(*q);
    if (out.query.keyset_paging && !o.keys)
        return detail::missing_token_keys();
    if (!out.query.page_token.empty()) {
        auto cursor = decode_page_token(out.query, *o.keys, o.scope);
        if (!cursor)
            return std::move(cursor).error();
        out.cursor = std::move(*cursor);
    }
    return out;
}

/** Answers a request read by `read_request`: the page from `store` (any `store`), its links
    (by number, or by token for a keyset query), and the body around the page's resource texts;
    a store's failure is its 500 or 503.
*/
template <endpoint const& E, class Store>
response respond(list_request const& r, Store& store, respond_options const& o = {}) {
    static_assert(listquery::store<Store>, "listquery: respond needs a store: read(endpoint, page_request) (docs/stores.md)");
    static_assert(detail::store_serves<E, Store>());
    auto page = store.read(E, page_request{r.query, o.scope, r.cursor});
    if (!page)
        return error_response(page.error());
    pagination const links =
        r.query.keyset_paging
            ? make_keyset_pagination(r.path, r.query, page->total_results, page->next, page->previous, *o.keys, o.base_url,
                                     o.scope)
            : make_pagination(r.path, r.query, page->total_results, o.base_url);
    response out;
    out.link = link_header(links.links);
    out.list.emplace(links, page->resources);
    out.owner = std::move(page->owner);
    return out;
}

/** Answers `GET target` for endpoint `E` from `store`: the status, the `Link` header and the
    body, a list or Cloud Foundry's error envelope (docs/stores.md#respond).

    @par Example
    @code
    listquery::memory_store<my::droplet> const store(droplets, droplet_json);
    listquery::response r = listquery::respond<listquery::cf::droplets>("/v3/droplets?states=STAGED", store);
    // r.status, r.link, r.body()
    @endcode
*/
template <endpoint const& E, class Store>
response respond(std::string_view target, Store& store, respond_options const& o = {}) {
    auto r = read_request<E>(target, o);
    if (!r)
        return error_response(r.error());
    return respond<E>(*r, store, o);
}

} // namespace listquery
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_JSON_RESPOND_HPP
// end file listquery/json/respond.hpp
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_JSON_HPP
// end file listquery/json.hpp
#endif // LISTQUERY_SINGLE_INCLUDE_JSON_HPP
