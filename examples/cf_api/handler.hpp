// SPDX-License-Identifier: BSL-1.0
// Answers `GET <target>` for the six list routes over a dataset: the CLI's and the server's core.
#pragma once

#include "data.hpp"

#include <listquery/json.hpp>

#include <boost/json.hpp>
#include <boost/url/parse_path.hpp>
#include <boost/url/url_view.hpp>

#include <string>
#include <string_view>

namespace cf_api {

struct response {
    unsigned status = 200;
    boost::json::value body;
    /// The RFC 8288 Link header of a list response; empty for an error.
    std::string link_header;
};

namespace detail {

inline response error_response(unsigned status, std::string_view detail, std::string_view title, int code) {
    return {status, listquery::error_envelope(detail, title, code), {}};
}

inline response unknown_request() { return error_response(404, "Unknown request", "CF-NotFound", 10000); }

template <listquery::endpoint const& E, class Range>
response list(Range const& resources, std::string_view path, listquery::list_query const& q, boost::urls::url_view base_url) {
    auto const page = listquery::apply<E>(q, resources);
    auto const pagination = listquery::make_pagination(path, q, page, base_url);
    boost::json::array items;
    items.reserve(page.resources.size());
    for (auto const* r : page.resources)
        items.emplace_back(*r->json); // echoed as stored, key order kept
    return {200, listquery::list_response(pagination, std::move(items)), listquery::link_header(pagination.links)};
}

template <listquery::endpoint const& Top, listquery::endpoint const& Nested>
response route(collection const& c, dataset const& data, std::string_view path, std::optional<std::string> const& app,
               std::string_view query, boost::urls::url_view base_url) {
    if (!app) {
        auto const q = listquery::parse_list_query<Top>(query);
        if (!q)
            return {q.error().http_status(), boost::json::value_from(q.error()), {}};
        return list<Top>(c.all, path, *q, base_url);
    }
    auto const q = listquery::parse_list_query<Nested>(query); // a 400 wins over App not found
    if (!q)
        return {q.error().http_status(), boost::json::value_from(q.error()), {}};
    if (!data.has_app(*app))
        return error_response(404, "App not found", "CF-ResourceNotFound", 10010);
    static std::vector<resource const*> const none;
    auto const it = c.by_app.find(*app);
    return list<Nested>(it == c.by_app.end() ? none : it->second, path, *q, base_url);
}

} // namespace detail

/** Answers `GET target` (origin form: path and optional `?query`).

    Routes (docs/semantics.md#routes): exactly `/v3/{packages,droplets,builds}` and
    `/v3/apps/{guid}/{packages,droplets,builds}`, case-sensitive, no trailing `/`; anything else
    is 404 `Unknown request`, before the query is read.
*/
inline response handle(std::string_view target, dataset const& data, boost::urls::url_view base_url = {}) {
    auto const question = target.find('?');
    std::string_view const path = target.substr(0, question);
    std::string_view const query = question == std::string_view::npos ? std::string_view{} : target.substr(question + 1);
    auto const segments = boost::urls::parse_path(path);
    if (!segments || !segments->is_absolute())
        return detail::unknown_request();
    std::vector<std::string> parts;
    for (auto const& s : *segments)
        parts.push_back(s.decode());
    std::optional<std::string> app;
    std::string_view kind;
    if (parts.size() == 2 && parts[0] == "v3") {
        kind = parts[1];
    } else if (parts.size() == 4 && parts[0] == "v3" && parts[1] == "apps" && !parts[2].empty()) {
        app = parts[2];
        kind = parts[3];
    } else {
        return detail::unknown_request();
    }
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
        if (kind == r.kind)
            return r.answer(data.*r.resources, data, path, app, query, base_url);
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
inline std::string to_text(boost::json::value const& v, bool pretty) {
    if (!pretty)
        return boost::json::serialize(v);
    std::string out;
    detail::pretty(v, out, 0);
    return out;
}

} // namespace cf_api
