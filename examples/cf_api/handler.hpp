// SPDX-License-Identifier: BSL-1.0
// Answers `GET <target>` for every route of the route table (kinds.hpp), over any stores (one
// per kind): the CLI's and the server's core. The list logic is listquery::respond; what is left
// here is routing, the root documents and the parent app of a nested route.
#pragma once

#include "dataset.hpp"

#include <listquery/json.hpp>

#include <boost/json.hpp>
#include <boost/url/parse_path.hpp>
#include <boost/url/url_view.hpp>

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>

namespace cf_api {

/// What every answer needs besides the stores.
struct settings {
    /// The base of every href: the server's own `http://HOST:PORT`, or `--base-url`; never taken
    /// from a request's `Host` header, which a client controls.
    boost::urls::url_view base_url;
    /// Keyset paging's keys, when it is on (docs/keyset.md).
    listquery::token_keys const* keys = nullptr;
    /// The Cloud Controller V3 version `GET /` reports (`links.cloud_controller_v3.meta.version`).
    std::string_view api_version = "3.181.0";
};

/// The stores of every kind, in the route table's order: `std::tuple<Store<Kind>...>`.
template <template <class> class Store, class List = kinds>
struct stores_for;
template <template <class> class Store, class... Kinds>
struct stores_for<Store, kind_list<Kinds...>> {
    using type = std::tuple<Store<Kinds>...>;
};

namespace detail {

template <class Kind, class... Kinds>
constexpr std::size_t position_in(kind_list<Kinds...>) {
    constexpr bool same[] = {std::is_same_v<Kind, Kinds>...};
    std::size_t i = 0;
    while (i < sizeof...(Kinds) && !same[i])
        ++i;
    return i;
}

/// The store of `Kind` among `stores` (in the route table's order).
template <class Kind, class Stores>
auto& store_of(Stores& stores) {
    return std::get<position_in<Kind>(kinds{})>(stores);
}

/// Calls `f(Kind{})` for the kind named `name`; returns whether there is one.
template <class F, class... Kinds>
bool with_kind(std::string_view name, kind_list<Kinds...>, F&& f) {
    return ((Kinds::name == name ? (f(Kinds{}), true) : false) || ...);
}

inline listquery::response unknown_request() {
    return listquery::error_response(404, "Unknown request", "CF-NotFound", 10000);
}

inline listquery::response json_document(boost::json::object const& o) {
    listquery::response r;
    r.text = boost::json::serialize(o);
    return r;
}

/// `{"href": base + path}`: the base URL's origin and path, without a trailing `/`.
inline boost::json::object link(settings const& s, std::string_view path) {
    std::string href = std::string(s.base_url.encoded_origin()) + std::string(s.base_url.encoded_path());
    while (href.ends_with('/'))
        href.pop_back();
    return {{"href", href + std::string(path)}};
}

/// `GET /`: Cloud Controller's global root, with the links this server has; the others null.
/// There is no UAA: `login` and `uaa` name this server, and tokens are not checked.
inline listquery::response global_root(settings const& s) {
    boost::json::object links;
    links["self"] = link(s, "");
    links["bits_service"] = nullptr;
    links["cloud_controller_v2"] = nullptr;
    auto v3 = link(s, "/v3");
    v3["meta"] = boost::json::object{{"version", s.api_version}};
    links["cloud_controller_v3"] = std::move(v3);
    links["network_policy_v0"] = nullptr;
    links["network_policy_v1"] = nullptr;
    links["login"] = link(s, "");
    links["uaa"] = link(s, "");
    links["credhub"] = nullptr;
    links["routing"] = nullptr;
    links["logging"] = nullptr;
    links["log_cache"] = nullptr;
    links["log_stream"] = nullptr;
    links["app_ssh"] = nullptr;
    return json_document({{"links", std::move(links)}});
}

/// `GET /login`: what a UAA's login server says of itself (its `links`), which the cf CLI reads
/// before its first request with a token. This server is its own login server, and checks no
/// token.
inline listquery::response login_info(settings const& s) {
    boost::json::object links;
    links["login"] = link(s, "").at("href");
    links["uaa"] = link(s, "").at("href");
    return json_document({{"links", std::move(links)}, {"prompts", boost::json::object{}}});
}

/// `GET /v3`: the V3 root, `self` and a link to each list this server has, by name.
template <class... Kinds>
listquery::response v3_root(settings const& s, kind_list<Kinds...>) {
    std::vector<std::string_view> names{Kinds::name...};
    std::sort(names.begin(), names.end());
    boost::json::object links;
    links["self"] = link(s, "/v3");
    for (auto name : names)
        links[name] = link(s, "/v3/" + std::string(name));
    return json_document({{"links", std::move(links)}});
}

/// Whether the app `guid` exists: the apps store has it.
template <class Stores>
listquery::result<bool> app_exists(Stores& stores, std::string_view guid) {
    listquery::list_query q;
    q.per_page = 1;
    q.filters.push_back({"guids", {guid}});
    auto const page = store_of<apps>(stores).read(apps::list, {q});
    if (!page)
        return page.error();
    return page->total_results > 0;
}

inline listquery::response app_not_found() {
    return listquery::error_response(404, "App not found", "CF-ResourceNotFound", 10010);
}

} // namespace detail

/// A request target's path split into decoded segments; none when it is not an absolute path.
inline std::optional<std::vector<std::string>> path_segments(std::string_view target) {
    auto const segments = boost::urls::parse_path(target.substr(0, target.find('?')));
    if (!segments || !segments->is_absolute())
        return std::nullopt;
    std::vector<std::string> parts;
    for (auto const& s : *segments)
        parts.push_back(s.decode());
    return parts;
}

/** Answers `GET target` (origin form: path and optional `?query`) from `stores`, one per kind in
    the route table's order (`stores_for`): memory, SQLite, PostgreSQL alike.

    Routes (docs/semantics.md#routes): `/` and `/v3` (the root documents), `/login` (what the cf
    CLI asks a login server before it sends a token), `/v3/<kind>` for each
    kind, `/v3/apps/<guid>/<kind>` for each kind with a nested endpoint, and
    `/v3/apps/<guid>/droplets/current` (this data has no current droplets: 404 `Droplet not
    found`, as for an app without one); exact, case-sensitive, no trailing `/`. Anything else is
    404 `Unknown request`, before the query is read. On a nested route the query is read first
    (a 400 wins), then the app must exist.
*/
template <class Stores>
listquery::response handle(std::string_view target, Stores& stores, settings const& s) {
    auto const parts = path_segments(target);
    if (!parts)
        return detail::unknown_request();
    auto const& p = *parts;
    if (p.empty())
        return detail::global_root(s);
    if (p.size() == 1 && p[0] == "v3")
        return detail::v3_root(s, kinds{});
    if (p.size() == 1 && p[0] == "login")
        return detail::login_info(s);
    listquery::respond_options o{.base_url = s.base_url, .keys = s.keys};
    std::optional<listquery::response> out;
    if (p.size() == 2 && p[0] == "v3") {
        detail::with_kind(p[1], kinds{}, [&](auto kind) {
            using Kind = decltype(kind);
            out = listquery::respond<Kind::list>(target, detail::store_of<Kind>(stores), o);
        });
    } else if (p.size() >= 4 && p[0] == "v3" && p[1] == "apps" && !p[2].empty()) {
        bool const current = p.size() == 5 && p[3] == "droplets" && p[4] == "current";
        auto const exists = [&]() -> std::optional<listquery::response> {
            auto const found = detail::app_exists(stores, p[2]);
            if (!found)
                return listquery::error_response(found.error());
            if (!*found)
                return detail::app_not_found();
            return std::nullopt;
        };
        if (current) {
            out = exists().value_or(listquery::error_response(404, "Droplet not found", "CF-ResourceNotFound", 10010));
        } else if (p.size() == 4) {
            detail::with_kind(p[3], kinds{}, [&](auto kind) {
                using Kind = decltype(kind);
                if constexpr (requires { Kind::nested; }) {
                    o.scope = Kind::nested.within(p[2]);
                    auto const request = listquery::read_request<Kind::nested>(target, o);
                    if (!request)
                        out = listquery::error_response(request.error());
                    else if (auto refused = exists())
                        out = std::move(*refused);
                    else
                        out = listquery::respond<Kind::nested>(*request, detail::store_of<Kind>(stores), o);
                }
            });
        }
    }
    return out ? std::move(*out) : detail::unknown_request();
}

/// The memory stores of a dataset, as `handle` takes them.
template <class Kind>
using memory_store_of = listquery::memory_store<typename Kind::type>;

inline stores_for<memory_store_of>::type memory_stores(dataset const& data) {
    return [&]<class... Kinds>(kind_list<Kinds...>) {
        return std::tuple<memory_store_of<Kinds>...>{memory_store_of<Kinds>(
            data.of<Kinds>().all, &render<typename Kinds::type>, data.of<Kinds>().index ? &*data.of<Kinds>().index : nullptr)...};
    }(kinds{});
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
inline std::string to_text(listquery::response const& r, bool pretty) {
    std::string compact = r.body();
    if (!pretty)
        return compact;
    std::string out;
    detail::pretty(boost::json::parse(compact), out, 0);
    return out;
}

} // namespace cf_api
