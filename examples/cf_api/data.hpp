// SPDX-License-Identifier: BSL-1.0
// The CLI's and the server's data: Cloud Foundry packages, droplets and builds loaded from JSON
// once, into structs the pipeline declares. Every view points into the loaded document.
#pragma once

#include <listquery/listquery.hpp>

#include <boost/json.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace cf_api {

/// Stored times: microseconds reach every year 0000-9999 (nanoseconds overflow before 1678).
using stored_time = std::chrono::sys_time<std::chrono::microseconds>;

/// One stored package, droplet or build. Fields a kind lacks are null.
struct resource {
    std::string_view guid;
    std::optional<std::string_view> state, type, package_guid, app_guid;
    std::optional<stored_time> created_at, updated_at;
    /// metadata.labels; a value that is not a string is null and matches nothing.
    std::vector<std::pair<std::string_view, std::optional<std::string_view>>> labels;
    /// The resource as stored, echoed as it is.
    boost::json::object const* json = nullptr;
    /// Its compact JSON text, once `prepare_to_serve` has written it; empty before.
    std::string_view rendered;
};

constexpr auto listquery_fields(listquery::tag<resource>) {
    return listquery::fields(
        listquery::guid_field(&resource::guid),
        listquery::timestamp_field("created_ats", &resource::created_at).sortable("created_at"),
        listquery::timestamp_field("updated_ats", &resource::updated_at).sortable("updated_at"),
        listquery::list_field("states", &resource::state), listquery::list_field("types", &resource::type),
        listquery::list_field("app_guids", &resource::app_guid),
        listquery::list_field("package_guids", &resource::package_guid),
        listquery::labels_field(&resource::labels));
}

/// The resources of one kind, in the file's order.
struct collection {
    std::vector<resource> all;
    /// An index of `all` for every filter and order (`prepare_to_serve`); none before.
    std::optional<listquery::resource_index<resource>> index;
};

/// A loaded data file. Not movable: the resources point into `document` (and `rendered`).
struct dataset {
    boost::json::value document;
    /// Every resource's compact JSON, one after another (`prepare_to_serve`).
    std::string rendered;
    collection packages, droplets, builds;
    std::vector<std::string_view> apps;

    dataset() = default;
    dataset(dataset const&) = delete;
    dataset& operator=(dataset const&) = delete;

    bool has_app(std::string_view guid) const {
        return std::find(apps.begin(), apps.end(), guid) != apps.end();
    }
};

/// Why a data file was refused: where (a JSON Pointer) and what.
struct load_error {
    std::string location;
    std::string problem;
};

namespace detail {

/// RFC 3339 in UTC: `YYYY-MM-DDThh:mm:ss[.fraction]Z`, a real calendar instant. The whole
/// seconds are a listquery timestamp (`parse_timestamp` checks the calendar); the fraction is
/// kept to the microsecond, finer digits dropped.
inline std::optional<stored_time> parse_rfc3339(std::string_view s) {
    constexpr std::size_t seconds_end = 19; // "YYYY-MM-DDThh:mm:ss"
    if (s.size() < seconds_end + 1 || s.back() != 'Z')
        return std::nullopt;
    std::array<char, seconds_end + 1> whole{}; // the seconds and 'Z', without an allocation
    std::copy_n(s.begin(), seconds_end, whole.begin());
    whole.back() = 'Z';
    auto const seconds = listquery::parse_timestamp({whole.data(), whole.size()});
    std::string_view fraction = s.substr(seconds_end, s.size() - 1 - seconds_end);
    if (!seconds || (!fraction.empty() && (fraction.size() < 2 || fraction.front() != '.')))
        return std::nullopt;
    std::int64_t micros = 0;
    fraction.remove_prefix(fraction.empty() ? 0 : 1);
    for (std::size_t i = 0; i < fraction.size(); ++i) {
        if (fraction[i] < '0' || fraction[i] > '9')
            return std::nullopt;
        if (i < 6)
            micros = micros * 10 + (fraction[i] - '0');
    }
    for (std::size_t i = fraction.size(); i < 6; ++i)
        micros *= 10;
    return stored_time(*seconds) + std::chrono::microseconds(micros);
}

/// Reads one resource object; on a problem fills `err` and returns false.
inline bool read_resource(boost::json::object const& o, std::string const& at, resource& r, load_error& err) {
    auto fail = [&](std::string const& where, std::string problem) {
        err = {at + where, std::move(problem)};
        return false;
    };
    r.json = &o;
    auto const* guid = o.if_contains("guid");
    if (!guid || !guid->is_string())
        return fail("/guid", "must be a string");
    r.guid = guid->as_string();
    auto optional_string = [&](char const* key, std::optional<std::string_view>& out) {
        auto const* v = o.if_contains(key);
        if (!v || v->is_null())
            return true;
        if (!v->is_string())
            return fail(std::string("/") + key, "must be a string or null");
        out = v->as_string();
        return true;
    };
    auto optional_time = [&](char const* key, std::optional<stored_time>& out) {
        auto const* v = o.if_contains(key);
        if (!v || v->is_null())
            return true;
        if (v->is_string() && (out = parse_rfc3339(v->as_string())))
            return true;
        return fail(std::string("/") + key, "must be an RFC 3339 UTC timestamp (YYYY-MM-DDThh:mm:ss[.fraction]Z) or null");
    };
    if (!optional_string("state", r.state) || !optional_string("type", r.type) ||
        !optional_time("created_at", r.created_at) || !optional_time("updated_at", r.updated_at))
        return false;
    if (auto const* package = o.if_contains("package"); package && !package->is_null()) {
        auto const* g = package->is_object() ? package->as_object().if_contains("guid") : nullptr;
        if (!g || !g->is_string())
            return fail("/package/guid", "must be a string");
        r.package_guid = g->as_string();
    }
    if (auto const* metadata = o.if_contains("metadata"); metadata && !metadata->is_null()) {
        if (!metadata->is_object())
            return fail("/metadata", "must be an object");
        if (auto const* labels = metadata->as_object().if_contains("labels"); labels && !labels->is_null()) {
            if (!labels->is_object())
                return fail("/metadata/labels", "must be an object");
            for (auto const& [key, value] : labels->as_object())
                r.labels.emplace_back(key, value.is_string() ? std::optional<std::string_view>(value.as_string()) : std::nullopt);
        }
    }
    // The app is the last path segment of links.app.href; without it the resource has none.
    if (auto const* links = o.if_contains("links"); links && links->is_object())
        if (auto const* app = links->as_object().if_contains("app"); app && app->is_object())
            if (auto const* href = app->as_object().if_contains("href"); href && href->is_string()) {
                std::string_view const h = href->as_string();
                r.app_guid = h.substr(h.rfind('/') + 1);
            }
    return true;
}

inline bool read_collection(boost::json::object const& root, char const* key, collection& c, load_error& err) {
    auto const* v = root.if_contains(key);
    if (!v)
        return true;
    std::string const at = std::string("/") + key;
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
        resource r;
        if (!read_resource(item.as_object(), item_at, r, err))
            return false;
        c.all.push_back(std::move(r));
    }
    return true;
}

} // namespace detail

/// Loads a data file's text; on a problem returns null and fills `err`.
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
    if (!detail::read_collection(root, "packages", data->packages, err) ||
        !detail::read_collection(root, "droplets", data->droplets, err) ||
        !detail::read_collection(root, "builds", data->builds, err))
        return nullptr;
    if (auto const* apps = root.if_contains("apps")) {
        if (!apps->is_array()) {
            err = {"/apps", "must be an array"};
            return nullptr;
        }
        for (std::size_t i = 0; i < apps->as_array().size(); ++i) {
            auto const& app = apps->as_array()[i];
            auto const* guid = app.is_object() ? app.as_object().if_contains("guid") : nullptr;
            if (!guid || !guid->is_string()) {
                err = {"/apps/" + std::to_string(i) + "/guid", "must be a string"};
                return nullptr;
            }
            data->apps.push_back(guid->as_string());
        }
    } else { // the apps some resource references, in order of first reference
        for (auto const* c : {&data->packages, &data->droplets, &data->builds})
            for (auto const& r : c->all)
                if (r.app_guid && !data->has_app(*r.app_guid))
                    data->apps.push_back(*r.app_guid);
    }
    return data;
}

/** What a server does once at load, so that each request costs little: writes each resource's
    compact JSON, which responses then echo without serializing it again, and indexes each
    collection for every filter and order. (The CLI answers once: it renders only the page it
    prints, and indexes nothing.)
*/
inline void prepare_to_serve(dataset& data) {
    std::vector<std::size_t> ends;
    for (auto* c : {&data.packages, &data.droplets, &data.builds})
        for (auto const& r : c->all) {
            data.rendered += boost::json::serialize(*r.json);
            ends.push_back(data.rendered.size());
        }
    std::size_t i = 0, begin = 0; // views only now: the text no longer moves
    for (auto* c : {&data.packages, &data.droplets, &data.builds})
        for (auto& r : c->all) {
            r.rendered = std::string_view(data.rendered).substr(begin, ends[i] - begin);
            begin = ends[i++];
        }
    for (auto* c : {&data.packages, &data.droplets, &data.builds})
        c->index.emplace(listquery::resource_index<resource>::make(
                             c->all, {{"created_at", "updated_at"},
                                      {"guids", "states", "types", "app_guids", "package_guids", "created_ats",
                                       "updated_ats", "label_selector"}})
                             .value()); // every name is declared
}

} // namespace cf_api
