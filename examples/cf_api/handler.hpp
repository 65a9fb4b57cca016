// SPDX-License-Identifier: BSL-1.0
// Answers `GET <target>` for the six list routes over a dataset: the CLI's and the server's core.
#pragma once

#include "data.hpp"

#include <listquery/json.hpp>
#include <listquery/keyset.hpp>

#include <boost/json.hpp>
#include <boost/url/parse_path.hpp>
#include <boost/url/url_view.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cf_api {

struct response {
    unsigned status = 200;
    /// A list's body, around the resources' compact JSON texts (docs/server.md#responses).
    std::optional<listquery::list_body> list{};
    /// An error's body, a Cloud Foundry error envelope as compact JSON.
    std::string error{};
    /// The RFC 8288 Link header of a list response; empty for an error.
    std::string link_header{};
    /// Why the data could not be read (a database error), on one line; then there is no body.
    std::string failure{};
    /// What the list's texts point into when the dataset does not hold them: the page's texts
    /// rendered for this request, or the rows read from a database.
    std::shared_ptr<void const> texts{};
};

/// A request target split into what the routes need (docs/semantics.md#routes).
struct route_target {
    std::string_view path, query;
    /// `packages`, `droplets` or `builds` (or anything else, which no route answers).
    std::string kind;
    /// The app of a nested route (`/v3/apps/:guid/…`).
    std::optional<std::string> app;
};

namespace detail {

inline response error_response(unsigned status, std::string_view detail, std::string_view title, int code) {
    return {.status = status, .error = boost::json::serialize(listquery::error_envelope(detail, title, code))};
}

inline response unknown_request() { return error_response(404, "Unknown request", "CF-NotFound", 10000); }

inline response bad_query(listquery::query_errors const& e) {
    return {.status = e.http_status(), .error = boost::json::serialize(boost::json::value_from(e))};
}

/// The cursor of `q`'s page token, if it has one; its 400 if the token is not valid.
inline std::optional<response> read_cursor(listquery::list_query const& q, listquery::token_keys const& keys,
                                           std::optional<listquery::scope> const& within,
                                           std::optional<listquery::keyset_cursor>& cursor) {
    if (q.page_token.empty())
        return std::nullopt;
    auto c = listquery::decode_page_token(q, keys, within);
    if (!c)
        return bad_query(c.error());
    cursor = std::move(*c);
    return std::nullopt;
}

template <listquery::endpoint const& E, class Range>
response list(Range const& resources, listquery::resource_index<resource> const* index, std::string_view path,
              listquery::list_query const& q, boost::urls::url_view base_url, listquery::token_keys const* keyset,
              std::optional<listquery::scope> const& within) {
    listquery::page_result<resource> page;
    listquery::pagination pagination;
    if (keyset) { // docs/keyset.md: pages by token
        std::optional<listquery::keyset_cursor> cursor;
        if (auto refused = read_cursor(q, *keyset, within, cursor))
            return std::move(*refused);
        auto keyed = listquery::apply_keyset<E>(resources, q, cursor, {.scope = within, .index = index});
        pagination = listquery::make_keyset_pagination(path, q, keyed, *keyset, base_url, within);
        page = std::move(keyed.page);
    } else {
        page = listquery::apply<E>(resources, q, {.scope = within, .index = index});
        pagination = listquery::make_pagination(path, q, page, base_url);
    }
    // Each resource as rendered at load, or rendered now (echoed as stored, key order kept).
    std::shared_ptr<std::vector<std::string>> rendered_now;
    std::vector<std::string_view> texts;
    texts.reserve(page.resources.size());
    for (auto const* r : page.resources) {
        if (r->rendered.empty()) {
            if (!rendered_now) {
                rendered_now = std::make_shared<std::vector<std::string>>();
                rendered_now->reserve(page.resources.size()); // the texts do not move
            }
            texts.push_back(rendered_now->emplace_back(boost::json::serialize(*r->json)));
        } else {
            texts.push_back(r->rendered);
        }
    }
    return {.list = listquery::list_body(pagination, texts),
            .link_header = listquery::link_header(pagination.links),
            .texts = std::move(rendered_now)};
}

inline response app_not_found() { return error_response(404, "App not found", "CF-ResourceNotFound", 10010); }

/// The query of the top-level route, or of the nested one under an app; a 400 wins over App
/// not found.
template <listquery::endpoint const& Top, listquery::endpoint const& Nested>
listquery::result<listquery::list_query> parse_for(route_target const& t, bool keyset) {
    listquery::parse_options opts;
    if (keyset)
        opts.keyset_paging = true; // the extension, for every route (docs/keyset.md)
    return t.app ? listquery::parse_list_query<Nested>(t.query, opts) : listquery::parse_list_query<Top>(t.query, opts);
}

template <listquery::endpoint const& Top, listquery::endpoint const& Nested>
response route(collection const& c, dataset const& data, route_target const& t, boost::urls::url_view base_url,
               listquery::token_keys const* keyset) {
    auto const q = parse_for<Top, Nested>(t, keyset);
    if (!q)
        return bad_query(q.error());
    if (t.app && !data.has_app(*t.app))
        return app_not_found();
    auto const within = t.app ? std::optional(Nested.within(*t.app)) : std::nullopt;
    auto const* index = c.index ? &*c.index : nullptr;
    return t.app ? list<Nested>(c.all, index, t.path, *q, base_url, keyset, within)
                 : list<Top>(c.all, index, t.path, *q, base_url, keyset, within);
}

} // namespace detail

/// Splits an origin-form target (path and optional `?query`); empty when no route can match.
inline std::optional<route_target> split_target(std::string_view target) {
    auto const question = target.find('?');
    route_target t;
    t.path = target.substr(0, question);
    t.query = question == std::string_view::npos ? std::string_view{} : target.substr(question + 1);
    auto const segments = boost::urls::parse_path(t.path);
    if (!segments || !segments->is_absolute())
        return std::nullopt;
    std::vector<std::string> parts;
    for (auto const& s : *segments)
        parts.push_back(s.decode());
    if (parts.size() == 2 && parts[0] == "v3") {
        t.kind = parts[1];
    } else if (parts.size() == 4 && parts[0] == "v3" && parts[1] == "apps" && !parts[2].empty()) {
        t.app = parts[2];
        t.kind = parts[3];
    } else {
        return std::nullopt;
    }
    return t;
}

/** Answers `GET target` (origin form: path and optional `?query`).

    Routes (docs/semantics.md#routes): exactly `/v3/{packages,droplets,builds}` and
    `/v3/apps/{guid}/{packages,droplets,builds}`, case-sensitive, no trailing `/`; anything else
    is 404 `Unknown request`, before the query is read. With `keyset`, pages also go by token
    (docs/keyset.md).
*/
inline response handle(std::string_view target, dataset const& data, boost::urls::url_view base_url = {},
                       listquery::token_keys const* keyset = nullptr) {
    auto const t = split_target(target);
    if (!t)
        return detail::unknown_request();
    // The route table: one line per resource kind, with its collection and its two endpoints
    // (the list and the list under an app).
    struct route_entry {
        std::string_view kind;
        collection dataset::*resources;
        decltype(&detail::route<listquery::cf::packages, listquery::cf::app_packages>) answer;
    };
    namespace cf = listquery::cf;
    static constexpr route_entry routes[] = {
        {"packages", &dataset::packages, &detail::route<cf::packages, cf::app_packages>},
        {"droplets", &dataset::droplets, &detail::route<cf::droplets, cf::app_droplets>},
        {"builds", &dataset::builds, &detail::route<cf::builds, cf::app_builds>},
    };
    for (auto const& r : routes)
        if (t->kind == r.kind)
            return r.answer(data.*r.resources, data, *t, base_url, keyset);
    return detail::unknown_request();
}

namespace detail {
inline void pretty(boost::json::value const& v, std::string& out, int indent) {
    auto newline = [&](int n) { (out += '\n').append(2 * static_cast<std::size_t>(n), ' '); };
    if (v.is_object() && !v.as_object().empty()) {
        out += '{';
        bool first = true;
        for (auto const& [key, value] : v.as_object()) {
            out += first ? "" : ",";
            first = false;
            newline(indent + 1);
            out += boost::json::serialize(boost::json::string_view(key));
            out += ": ";
            pretty(value, out, indent + 1);
        }
        newline(indent);
        out += '}';
    } else if (v.is_array() && !v.as_array().empty()) {
        out += '[';
        bool first = true;
        for (auto const& item : v.as_array()) {
            out += first ? "" : ",";
            first = false;
            newline(indent + 1);
            pretty(item, out, indent + 1);
        }
        newline(indent);
        out += ']';
    } else {
        out += boost::json::serialize(v);
    }
}
} // namespace detail

/// The body as text: compact, or indented by two spaces. (Depth is bounded by the parser's.)
inline std::string to_text(response const& r, bool pretty) {
    std::string compact = r.list ? r.list->str() : r.error;
    if (!pretty)
        return compact;
    std::string out;
    detail::pretty(boost::json::parse(compact), out, 0);
    return out;
}

} // namespace cf_api
