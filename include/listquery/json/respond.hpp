// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/json/error_envelope.hpp>
#include <listquery/json/list_body.hpp>
#include <listquery/keyset/paginate.hpp>
#include <listquery/keyset/token.hpp>
#include <listquery/links.hpp>
#include <listquery/parse/list_query.hpp>
#include <listquery/store.hpp>

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
