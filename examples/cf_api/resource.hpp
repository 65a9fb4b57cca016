// SPDX-License-Identifier: BSL-1.0
// What every V3 resource of the example has (a guid, its times, its labels, its JSON as loaded),
// and the helpers a resource kind's declaration uses (kinds/*.hpp): its common fields and
// columns, and reading its own fields from its JSON.
#pragma once

#include <listquery/listquery.hpp>
#include <listquery/sql/table.hpp>

#include <boost/json.hpp>

#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cf_api {

/// Stored times: microseconds reach every year 0000-9999 (nanoseconds overflow before 1678).
using stored_time = std::chrono::sys_time<std::chrono::microseconds>;

/// The part of every V3 resource the routes read. Every view points into the loaded document.
struct v3_resource {
    std::string_view guid;
    std::optional<stored_time> created_at, updated_at;
    /// metadata.labels; a value that is not a string is null and matches nothing.
    std::vector<std::pair<std::string_view, std::optional<std::string_view>>> labels;
    /// The resource as loaded, echoed as it is.
    boost::json::object const* json = nullptr;
    /// Its compact JSON text, once `prepare_to_serve` has written it; empty before.
    std::string_view rendered;
};

/// A kind's fields: the guid, the two times (sortable), the labels, then `own...`.
template <class T, class... Own>
constexpr auto v3_fields(Own... own) {
    return listquery::fields(listquery::guid_field(&T::guid),
                             listquery::timestamp_field("created_ats", &T::created_at).sortable("created_at"),
                             listquery::timestamp_field("updated_ats", &T::updated_at).sortable("updated_at"),
                             listquery::labels_field(&T::labels), own...);
}

/// A kind's table: `table` with its labels table, its document column `resource`, the common
/// columns, then `own` (the kind's filters and sortable fields, each `{filter name, column}`).
template <std::size_t N>
constexpr listquery::sql::table_mapping v3_table(std::string_view table, std::string_view labels,
                                                 std::array<listquery::sql::column, N> const& own) {
    listquery::sql::table_mapping m{.table = table, .document = "resource", .labels = labels};
    m.columns[0] = {"guids", "guid"};
    m.columns[1] = {"created_ats", "created_at"};
    m.columns[2] = {"updated_ats", "updated_at"};
    for (std::size_t i = 0; i < N; ++i)
        m.columns[3 + i] = own[i];
    return m;
}

/// The indexes a kind wants, memory and SQL alike: both times in order, every filter.
inline listquery::index_fields v3_index(std::vector<std::string> own_filters) {
    own_filters.insert(own_filters.end(), {"guids", "created_ats", "updated_ats", "label_selector"});
    return {{"created_at", "updated_at"}, std::move(own_filters)};
}

/// Why a data file was refused: where (a JSON Pointer) and what.
struct load_error {
    std::string location;
    std::string problem;
};

/// Reads one resource object's fields, recording the first problem (with its JSON Pointer).
class json_reader {
public:
    json_reader(boost::json::object const& o, std::string at, load_error& err) : o_(o), at_(std::move(at)), err_(err) {}

    /// `key`: a string, or absent or null.
    bool string(char const* key, std::optional<std::string_view>& out) {
        auto const* v = o_.if_contains(key);
        if (!v || v->is_null())
            return true;
        if (!v->is_string())
            return fail(std::string("/") + key, "must be a string or null");
        out = v->as_string();
        return true;
    }

    /// `outer.inner` (`package.guid`, `relationships.space.data.guid`): a string, when `outer`
    /// is there and not null.
    bool nested_string(std::initializer_list<char const*> path, std::optional<std::string_view>& out) {
        boost::json::value const* v = nullptr;
        boost::json::object const* at = &o_;
        std::string where;
        for (char const* key : path) {
            where += std::string("/") + key;
            v = at ? at->if_contains(key) : nullptr;
            if (!v || v->is_null())
                return true;
            at = v->if_object();
        }
        if (!v->is_string())
            return fail(where, "must be a string");
        out = v->as_string();
        return true;
    }

    /// The last path segment of `links.<link>.href` (`links.app.href` names the app), if any.
    void link_target(char const* link, std::optional<std::string_view>& out) const {
        if (auto const* links = o_.if_contains("links"); links && links->is_object())
            if (auto const* l = links->as_object().if_contains(link); l && l->is_object())
                if (auto const* href = l->as_object().if_contains("href"); href && href->is_string()) {
                    std::string_view const h = href->as_string();
                    out = h.substr(h.rfind('/') + 1);
                }
    }

    /// The common part: the guid (required), the times, the labels.
    bool common(v3_resource& r);

    bool fail(std::string const& where, std::string problem) {
        err_ = {at_ + where, std::move(problem)};
        return false;
    }

private:
    bool time(char const* key, std::optional<stored_time>& out);

    boost::json::object const& o_;
    std::string at_;
    load_error& err_;
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

} // namespace detail

inline bool json_reader::time(char const* key, std::optional<stored_time>& out) {
    auto const* v = o_.if_contains(key);
    if (!v || v->is_null())
        return true;
    if (v->is_string() && (out = detail::parse_rfc3339(v->as_string())))
        return true;
    return fail(std::string("/") + key, "must be an RFC 3339 UTC timestamp (YYYY-MM-DDThh:mm:ss[.fraction]Z) or null");
}

inline bool json_reader::common(v3_resource& r) {
    r.json = &o_;
    auto const* guid = o_.if_contains("guid");
    if (!guid || !guid->is_string())
        return fail("/guid", "must be a string");
    r.guid = guid->as_string();
    if (!time("created_at", r.created_at) || !time("updated_at", r.updated_at))
        return false;
    if (auto const* metadata = o_.if_contains("metadata"); metadata && !metadata->is_null()) {
        if (!metadata->is_object())
            return fail("/metadata", "must be an object");
        if (auto const* labels = metadata->as_object().if_contains("labels"); labels && !labels->is_null()) {
            if (!labels->is_object())
                return fail("/metadata/labels", "must be an object");
            for (auto const& [key, value] : labels->as_object())
                r.labels.emplace_back(key, value.is_string() ? std::optional<std::string_view>(value.as_string()) : std::nullopt);
        }
    }
    return true;
}

} // namespace cf_api
