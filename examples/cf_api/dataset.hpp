// SPDX-License-Identifier: BSL-1.0
// The CLI's and the server's data: a JSON file's arrays, one per resource kind (kinds.hpp),
// loaded once into the kinds' structs. Every view points into the loaded document.
#pragma once

#include "kinds.hpp"

#include <listquery/pipeline/resource_index.hpp>

#include <boost/json.hpp>

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace cf_api {

/// The resources of one kind, in the file's order, and (to serve) their index.
template <class Kind>
struct collection {
    std::vector<typename Kind::type> all;
    /// An index of `all` for the kind's orders and filters (`prepare_to_serve`); none before.
    std::optional<listquery::resource_index<typename Kind::type>> index;
};

template <class List>
struct dataset_of;

/// A loaded data file. Not movable: the resources point into `document` (and `rendered`).
template <class... Kinds>
struct dataset_of<kind_list<Kinds...>> {
    boost::json::value document;
    /// The apps the resources name, when the file lists none: `{"guid": …}` each.
    boost::json::array named_apps;
    /// Every resource's compact JSON, one after another (`prepare_to_serve`).
    std::string rendered;
    std::tuple<collection<Kinds>...> collections;

    dataset_of() = default;
    dataset_of(dataset_of const&) = delete;
    dataset_of& operator=(dataset_of const&) = delete;

    template <class Kind>
    collection<Kind>& of() {
        return std::get<collection<Kind>>(collections);
    }
    template <class Kind>
    collection<Kind> const& of() const {
        return std::get<collection<Kind>>(collections);
    }
    /// Calls `f(collection<Kind>&, Kind{})` for each kind, in the route table's order.
    template <class F>
    void for_each(F&& f) {
        (f(of<Kinds>(), Kinds{}), ...);
    }
    template <class F>
    void for_each(F&& f) const {
        (f(of<Kinds>(), Kinds{}), ...);
    }
    std::size_t size() const { return (of<Kinds>().all.size() + ...); }
};

using dataset = dataset_of<kinds>;

namespace detail {

template <class Kind>
bool read_collection(boost::json::value const* v, std::string const& at, collection<Kind>& c, load_error& err) {
    if (!v)
        return true;
    if (!v->is_array()) {
        err = {at, "must be an array"};
        return false;
    }
    c.all.reserve(v->as_array().size()); // resources stay put
    for (std::size_t i = 0; i < v->as_array().size(); ++i) {
        auto const& item = v->as_array()[i];
        std::string const item_at = at + "/" + std::to_string(i);
        if (!item.is_object()) {
            err = {item_at, "must be an object"};
            return false;
        }
        typename Kind::type r;
        json_reader in(item.as_object(), item_at, err);
        if (!in.common(r) || !Kind::read(in, r))
            return false;
        c.all.push_back(std::move(r));
    }
    return true;
}

} // namespace detail

/// Loads a data file's text: one optional array per kind (`apps`, `packages`, …); without
/// `apps`, the apps are those some resource names (`links.app.href`), in order of first mention.
/// On a problem returns null and fills `err`.
inline std::unique_ptr<dataset> load(std::string_view text, load_error& err) {
    auto data = std::make_unique<dataset>();
    boost::system::error_code ec;
    data->document = boost::json::parse(text, ec);
    if (ec) {
        err = {"", "not valid JSON: " + ec.message()};
        return nullptr;
    }
    if (!data->document.is_object()) {
        err = {"", "must be a JSON object"};
        return nullptr;
    }
    auto const& root = data->document.as_object();
    bool ok = true;
    data->for_each([&](auto& c, auto kind) {
        using Kind = decltype(kind);
        ok = ok && detail::read_collection<Kind>(root.if_contains(Kind::name), "/" + std::string(Kind::name), c, err);
    });
    if (!ok)
        return nullptr;
    if (!root.contains("apps")) {
        std::vector<std::string_view> named;
        data->for_each([&](auto const& c, auto) {
            for (auto const& r : c.all)
                if constexpr (requires { r.app_guid; })
                    if (r.app_guid && std::find(named.begin(), named.end(), *r.app_guid) == named.end())
                        named.push_back(*r.app_guid);
        });
        for (auto guid : named)
            data->named_apps.push_back(boost::json::object{{"guid", guid}});
        auto& all = data->of<apps>().all;
        all.reserve(data->named_apps.size());
        for (auto const& o : data->named_apps) { // no more pushes: the views stay valid
            app a;
            json_reader in(o.as_object(), "", err);
            in.common(a); // a guid, and nothing else
            all.push_back(a);
        }
    }
    return data;
}

/// The JSON text of a resource: rendered at load (`prepare_to_serve`), or now into `buffer`.
template <class T>
std::string_view render(T const& r, std::string& buffer) {
    if (!r.rendered.empty())
        return r.rendered;
    buffer = boost::json::serialize(*r.json);
    return buffer;
}

/** What a server does once at load, so that each request costs little: writes each resource's
    compact JSON, which responses then echo without serializing it again, and indexes each kind
    for its orders and filters (the CLI answers once: it renders only the page it prints, and
    indexes nothing).
*/
inline void prepare_to_serve(dataset& data) {
    std::vector<std::size_t> ends;
    data.for_each([&](auto const& c, auto) {
        for (auto const& r : c.all) {
            data.rendered += boost::json::serialize(*r.json);
            ends.push_back(data.rendered.size());
        }
    });
    std::size_t i = 0, begin = 0; // views only now: the text no longer moves
    data.for_each([&](auto& c, auto kind) {
        for (auto& r : c.all) {
            r.rendered = std::string_view(data.rendered).substr(begin, ends[i] - begin);
            begin = ends[i++];
        }
        using T = typename decltype(kind)::type;
        c.index.emplace(listquery::resource_index<T>::make(c.all, decltype(kind)::index()).value()); // declared names
    });
}

} // namespace cf_api
