// SPDX-License-Identifier: BSL-1.0
// listquery 0.1.0: GENERATED from include/ by tools/amalgamate.py. Do not edit.
#ifndef LISTQUERY_SINGLE_INCLUDE_LISTQUERY_HPP
#define LISTQUERY_SINGLE_INCLUDE_LISTQUERY_HPP
// begin file listquery/listquery.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_LISTQUERY_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_LISTQUERY_HPP

// Umbrella header: every public header of listquery, nothing else.
// The Boost.JSON integration is separate: <listquery/json.hpp>.
// begin file listquery/version.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_VERSION_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_VERSION_HPP

/// listquery's version; CMake reads these three lines.
#define LISTQUERY_VERSION_MAJOR 0
#define LISTQUERY_VERSION_MINOR 1
#define LISTQUERY_VERSION_PATCH 0

/// The version as one number: MAJOR * 10000 + MINOR * 100 + PATCH.
#define LISTQUERY_VERSION                                                                          \
    (LISTQUERY_VERSION_MAJOR * 10000 + LISTQUERY_VERSION_MINOR * 100 + LISTQUERY_VERSION_PATCH)
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_VERSION_HPP
// end file listquery/version.hpp

// begin file listquery/error.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_ERROR_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_ERROR_HPP

#include <boost/system/error_category.hpp>
#include <boost/system/error_code.hpp>

#include <string>
#include <type_traits>

namespace listquery {

//------------------------------------------------
/** What is wrong with a query parameter.

    Each enumerator names one Cloud Controller validation; the full Cloud Foundry message, which
    often quotes the request, is carried by `query_error::message`. The codes are registered with
    Boost.System (category name `"listquery"`), so they compare equal to a
    `boost::system::error_code` made from them in any shared object.
*/
enum class error {
    /// Not an error.
    success = 0,

    /// `Page must be a positive integer`
    invalid_page,
    /// `Per page must be a positive integer`
    invalid_per_page,
    /// `Per page must be between 1 and 5000`
    per_page_out_of_range,
    /// `Maximum result (page * per_page) must be less than <max>`
    maximum_result_exceeded,
    /// `Order by can only be: '<v1>', '<v2>'`
    invalid_order_by,

    /// `<Attr> has an invalid timestamp format. Timestamps should be formatted as 'YYYY-MM-DDThh:mm:ssZ'`
    invalid_timestamp,
    /// `<Attr> Invalid relational operator: '<op>'`
    invalid_relational_operator,
    /// `<Attr> only accepts one value when using a relational operator`
    relational_operator_takes_one_value,
    /// `<Attr> cannot mix equality and relational operators`
    mixed_timestamp_operators,
    /// `<Attr> must be an array`
    not_an_array,

    /// `Missing label_selector value`
    missing_label_selector,
    /// `Too many label_selector requirements (maximum is 50)`
    too_many_label_requirements,
    /// `Invalid label_selector value`
    invalid_label_selector,
    /// `key cannot be empty string`
    label_key_empty,
    /// `key has more than one '/'`
    label_key_too_many_slashes,
    /// `prefix '<prefix>' must be in valid dns format`
    label_prefix_invalid,
    /// `prefix '<prefix[0...8]>...' is greater than 253 characters`
    label_prefix_too_long,
    /// `prefix 'cloudfoundry.org' is reserved`
    label_prefix_reserved,
    /// `'<name>' contains invalid characters`
    label_name_invalid_characters,
    /// `'<name>' starts or ends with invalid characters`
    label_name_invalid_ends,
    /// `'<name[0...8]>...' is greater than 63 characters`
    label_name_too_long,
    /// `'<value>' contains invalid characters`
    label_value_invalid_characters,
    /// `'<value>' starts or ends with invalid characters`
    label_value_invalid_ends,
    /// `'<value[0...8]>...' is greater than 63 characters`
    label_value_too_long,

    /// `Unknown query parameter(s): 'a', 'b'. Valid parameters are: '…'`
    unknown_parameter,
    /// `Unknown query parameter(s): 'app_guids'` (a filter the endpoint's route rules out)
    parameter_not_allowed,
    /// `Invalid percent-encoding in query parameter '<key>'`
    invalid_percent_encoding,
    /// `Query string is too long (maximum is <n> bytes)` (a listquery limit; Cloud Controller has Rack's)
    query_too_long,
    /// `<Attr> has too many values (maximum is <n>)` (a listquery limit)
    too_many_list_elements,
    /// `Page and page_token cannot be used together` (keyset paging, docs/keyset.md)
    page_with_page_token,
    /// `Page token is invalid: …` (keyset paging: damaged, under an unknown key, or issued for
    /// another query or version)
    invalid_page_token,

    /// The database cannot be reached: it refused the connection, or the connection broke. The
    /// message is the database's own; the response is 503 (`error_response_kind::service_unavailable`).
    database_unavailable,
    /// The database refused a statement (a missing table, a constraint); the message is the
    /// database's own, the response 500 (`error_response_kind::unknown_error`).
    database_error,
    /// An index was asked for a field the resource does not declare (`sort_index::make`,
    /// `resource_index::make`).
    unknown_field,
    /// A keyset endpoint was answered without the keys that sign its page tokens (`respond`).
    missing_token_keys,
    /// The database did not answer within its timeout (a statement, or a connection being
    /// opened); the response is 503, as for `database_unavailable` (docs/sql.md#timeouts).
    database_timeout,
};

namespace detail {

class error_category_impl final : public boost::system::error_category {
public:
    // A fixed id makes codes from different shared objects compare equal (as Boost.URL does).
    constexpr error_category_impl() noexcept : error_category(0xC3A1'5E2B'7F04'9D68ULL) {}

    char const* name() const noexcept override { return "listquery"; }

    std::string message(int ev) const override { return message(ev, nullptr, 0); }

    char const* message(int ev, char*, std::size_t) const noexcept override {
        switch (static_cast<error>(ev)) {
        case error::success: return "success";
        case error::invalid_page: return "page is not a positive integer";
        case error::invalid_per_page: return "per_page is not a positive integer";
        case error::per_page_out_of_range: return "per_page is not between 1 and 5000";
        case error::maximum_result_exceeded: return "page * per_page exceeds the maximum result";
        case error::invalid_order_by: return "order_by is not one of the allowed values";
        case error::invalid_timestamp: return "timestamp is not formatted as YYYY-MM-DDThh:mm:ssZ";
        case error::invalid_relational_operator: return "relational operator is not lt, lte, gt or gte";
        case error::relational_operator_takes_one_value:
            return "a relational operator takes exactly one value";
        case error::mixed_timestamp_operators:
            return "equality and relational operators are mixed on one timestamp";
        case error::not_an_array: return "filter is not a comma-delimited list";
        case error::missing_label_selector: return "label_selector is empty";
        case error::too_many_label_requirements: return "label_selector has over 50 requirements";
        case error::invalid_label_selector: return "label_selector requirement cannot be parsed";
        case error::label_key_empty: return "label key is empty";
        case error::label_key_too_many_slashes: return "label key has more than one '/'";
        case error::label_prefix_invalid: return "label key prefix is not a DNS subdomain";
        case error::label_prefix_too_long: return "label key prefix is longer than 253 characters";
        case error::label_prefix_reserved: return "label key prefix is reserved";
        case error::label_name_invalid_characters: return "label key name has invalid characters";
        case error::label_name_invalid_ends:
            return "label key name does not start and end alphanumeric";
        case error::label_name_too_long: return "label key name is longer than 63 characters";
        case error::label_value_invalid_characters: return "label value has invalid characters";
        case error::label_value_invalid_ends:
            return "label value does not start and end alphanumeric";
        case error::label_value_too_long: return "label value is longer than 63 characters";
        case error::unknown_parameter: return "unknown query parameter";
        case error::parameter_not_allowed: return "query parameter not allowed on this route";
        case error::invalid_percent_encoding: return "invalid percent-encoding";
        case error::query_too_long: return "query string is too long";
        case error::too_many_list_elements: return "list filter has too many values";
        case error::page_with_page_token: return "page and page_token given together";
        case error::invalid_page_token: return "page token is invalid";
        case error::database_unavailable: return "the database cannot be reached";
        case error::database_error: return "the database refused a statement";
        case error::unknown_field: return "the resource declares no field of that name";
        case error::missing_token_keys: return "keyset paging without token keys";
        case error::database_timeout: return "the database did not answer in time";
        }
        return "unknown listquery error";
    }
};

} // namespace detail

/// The Boost.System category of `listquery::error`.
inline boost::system::error_category const& error_category() noexcept {
    static constexpr detail::error_category_impl instance;
    return instance;
}

/// Makes an error code of `listquery::error_category()`; found by ADL.
inline boost::system::error_code make_error_code(error e) noexcept {
    return {static_cast<int>(e), error_category()};
}

} // namespace listquery

template <>
struct boost::system::is_error_code_enum<listquery::error> : std::true_type {};
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_ERROR_HPP
// end file listquery/error.hpp
// begin file listquery/query_error.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_QUERY_ERROR_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_QUERY_ERROR_HPP

// #include <listquery/error.hpp> (already inlined)

#include <cstddef>
#include <string>

namespace listquery {

//------------------------------------------------
/** One problem found in one query parameter.

    @par Example
    @code
    listquery::query_error e{listquery::error::invalid_page, "page", 1,
                             "Page must be a positive integer"};   // from `page=2abc`
    @endcode
*/
struct query_error {
    /// What kind of problem this is.
    error code = error::success;
    /// The decoded key of the query parameter at fault, e.g. `per_page` or `created_ats[lt]`.
    std::string parameter;
    /// Byte offset inside that parameter's decoded value where the problem was found.
    std::size_t offset = 0;
    /// Cloud Foundry's full message, exactly as Cloud Controller words it.
    std::string message;

    /// `code` as a Boost.System error code.
    boost::system::error_code ec() const noexcept { return make_error_code(code); }

    friend bool operator==(query_error const&, query_error const&) = default;
};

namespace detail {
/// The one error of a page token that is not valid, whatever is wrong with it (docs/keyset.md).
inline query_error bad_page_token_error() {
    return {error::invalid_page_token, "page_token", 0,
            "Page token is invalid: it is damaged, expired, or was issued for another query"};
}
} // namespace detail

} // namespace listquery
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_QUERY_ERROR_HPP
// end file listquery/query_error.hpp
// begin file listquery/query_errors.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_QUERY_ERRORS_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_QUERY_ERRORS_HPP

// #include <listquery/query_error.hpp> (already inlined)

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace listquery {

//------------------------------------------------
/** The Cloud Foundry error response a failure makes (docs/semantics.md#errors-envelope).

    A bad query is 400 `CF-BadQueryParameter` on most Cloud Foundry list endpoints, and 422
    `CF-UnprocessableEntity` (without the detail prefix) on a few. A failure of the database is
    Cloud Controller's 500 or 503, whose detail never shows the database's message.
*/
enum class error_response_kind {
    /// HTTP 400, title `CF-BadQueryParameter`, code 10005, detail prefixed with
    /// `The query parameter is invalid: `.
    bad_query_parameter,
    /// HTTP 422, title `CF-UnprocessableEntity`, code 10008, no detail prefix.
    unprocessable_entity,
    /// HTTP 500, title `UnknownError`, code 10001, detail `An unknown error occurred.`
    unknown_error,
    /// HTTP 503, title `CF-ServiceUnavailable`, code 10015, detail
    /// `The database cannot be reached; try again later.`
    service_unavailable,
};

//------------------------------------------------
/** Why a call failed, as every `listquery::result` says it: every problem found in one request's
    query, in Cloud Controller's order (or the one failure of the database or of a name), and the
    Cloud Foundry error response they make.

    @par Example
    @code
    listquery::query_errors errs;
    errs.errors.push_back({listquery::error::invalid_page, "page", 0,
                           "Page must be a positive integer"});
    errs.errors.push_back({listquery::error::per_page_out_of_range, "per_page", 0,
                           "Per page must be between 1 and 5000"});
    // errs.http_status() == 400, errs.title() == "CF-BadQueryParameter", errs.cf_code() == 10005
    // errs.detail() == "The query parameter is invalid: Page must be a positive integer, "
    //                  "Per page must be between 1 and 5000"
    @endcode
*/
struct query_errors {
    /// The problems, in the order Cloud Controller reports them.
    std::vector<query_error> errors;
    /// The response they make.
    error_response_kind kind = error_response_kind::bad_query_parameter;

    query_errors() = default;
    /// One problem: a single parameter's, or a database's.
    query_errors(query_error e, error_response_kind k = error_response_kind::bad_query_parameter)
        : errors{std::move(e)}, kind(k) {}
    /// Every problem of a query.
    query_errors(std::vector<query_error> e, error_response_kind k = error_response_kind::bad_query_parameter)
        : errors(std::move(e)), kind(k) {}

    /// True when no problem was found.
    bool empty() const noexcept { return errors.empty(); }

    /// The first problem's code as a Boost.System error code (success when there is none).
    boost::system::error_code ec() const noexcept {
        return make_error_code(errors.empty() ? error::success : errors.front().code);
    }

    /// 400, 422, 500 or 503.
    unsigned http_status() const noexcept {
        switch (kind) {
        case error_response_kind::bad_query_parameter: return 400;
        case error_response_kind::unprocessable_entity: return 422;
        case error_response_kind::unknown_error: return 500;
        case error_response_kind::service_unavailable: return 503;
        }
        return 500;
    }

    /// `CF-BadQueryParameter`, `CF-UnprocessableEntity`, `UnknownError` or `CF-ServiceUnavailable`.
    std::string_view title() const noexcept {
        switch (kind) {
        case error_response_kind::bad_query_parameter: return "CF-BadQueryParameter";
        case error_response_kind::unprocessable_entity: return "CF-UnprocessableEntity";
        case error_response_kind::unknown_error: return "UnknownError";
        case error_response_kind::service_unavailable: return "CF-ServiceUnavailable";
        }
        return "UnknownError";
    }

    /// Cloud Foundry's numeric error code: 10005, 10008, 10001 or 10015 (each `errors[i].code`
    /// says what went wrong with one parameter).
    int cf_code() const noexcept {
        switch (kind) {
        case error_response_kind::bad_query_parameter: return 10005;
        case error_response_kind::unprocessable_entity: return 10008;
        case error_response_kind::unknown_error: return 10001;
        case error_response_kind::service_unavailable: return 10015;
        }
        return 10001;
    }

    /// The response's detail: the messages joined with `", "`, behind `The query parameter is
    /// invalid: ` for 400; for 500 and 503 Cloud Controller's fixed text, which never shows the
    /// database's message to a client.
    std::string detail() const {
        switch (kind) {
        case error_response_kind::bad_query_parameter: return "The query parameter is invalid: " + diagnostic();
        case error_response_kind::unprocessable_entity: return diagnostic();
        case error_response_kind::unknown_error: return "An unknown error occurred.";
        case error_response_kind::service_unavailable: return "The database cannot be reached; try again later.";
        }
        return diagnostic();
    }

    /// What went wrong, for a log: the messages joined with `", "` (a database's own message,
    /// which `detail` leaves out).
    std::string diagnostic() const {
        std::string out;
        for (std::size_t i = 0; i < errors.size(); ++i) {
            if (i != 0)
                out += ", ";
            out += errors[i].message;
        }
        return out;
    }

    friend bool operator==(query_errors const&, query_errors const&) = default;
    /// Writes `diagnostic()` (for a test's or a log's message).
    friend std::ostream& operator<<(std::ostream& os, query_errors const& e) { return os << e.diagnostic(); }
};

} // namespace listquery
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_QUERY_ERRORS_HPP
// end file listquery/query_errors.hpp
// begin file listquery/result.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_RESULT_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_RESULT_HPP

// #include <listquery/query_error.hpp> (already inlined)
// #include <listquery/query_errors.hpp> (already inlined)

#include <boost/assert/source_location.hpp>
#include <boost/system/result.hpp>
#include <boost/system/system_error.hpp>

namespace listquery {

//------------------------------------------------
/** The exception thrown by `result<T>::value()` when it holds an error.

    Nothing in listquery throws on bad input or a database's failure; exceptions are opt-in through
    `value()`.
*/
class query_exception : public boost::system::system_error {
public:
    /// Wraps every problem of one call; `what()` includes their messages (`diagnostic()`).
    explicit query_exception(query_errors errors) : system_error(errors.ec(), errors.diagnostic()), errors_(std::move(errors)) {}

    /// The problems that were found.
    query_errors const& errors() const noexcept { return errors_; }

private:
    query_errors errors_;
};

/// Throws `query_exception`; `result<T>::value()` finds it by ADL.
[[noreturn]] inline void throw_exception_from_error(query_errors const& e,
                                                    boost::source_location const& loc) {
    boost::throw_exception(query_exception(e), loc);
}

/** What every fallible call of listquery returns: the value, or why there is none (the parsers,
    the page-token checks, the indexes' factories, the SQL executors, the stores). A parser of one
    parameter reports its one problem; a whole query every problem, in Cloud Controller's order.
*/
template <class T>
using result = boost::system::result<T, query_errors>;

} // namespace listquery
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_RESULT_HPP
// end file listquery/result.hpp

// begin file listquery/endpoint.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_ENDPOINT_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_ENDPOINT_HPP

// begin file listquery/limits.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_LIMITS_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_LIMITS_HPP
// Every default and limit of listquery, in one place (docs/semantics.md#limits). A message that
// names one is checked against it where it is written.

#include <cstddef>
#include <cstdint>

namespace listquery {

/// The page shown when `page` is absent.
inline constexpr std::uint64_t default_page = 1;
/// The page size when `per_page` is absent.
inline constexpr std::uint64_t default_per_page = 50;
/// The largest `per_page` Cloud Controller accepts.
inline constexpr std::uint64_t max_per_page = 5000;
/// Cloud Controller's default bound on `page * per_page` (Ruby's largest fixnum).
inline constexpr std::uint64_t default_maximum_result = 9223372036854775807ULL;

/// Cloud Controller's limit on the requirements of one `label_selector`.
inline constexpr std::size_t max_label_requirements = 50;
/// The longest label key prefix (a DNS subdomain), in bytes.
inline constexpr std::size_t max_label_prefix_length = 253;
/// The longest label key name, and the longest label value, in bytes.
inline constexpr std::size_t max_label_name_length = 63;

/// The longest query string `parse_list_query` reads by default (`parse_options`), in bytes:
/// Rack's limit, which Cloud Controller leaves it to.
inline constexpr std::size_t default_max_query_length = std::size_t{4} * 1024 * 1024;
/// The most elements one list filter may hold by default (`parse_options`).
inline constexpr std::size_t default_max_list_elements = 5000;

} // namespace listquery
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_LIMITS_HPP
// end file listquery/limits.hpp
// #include <listquery/query_errors.hpp> (already inlined)
// begin file listquery/scope.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_SCOPE_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_SCOPE_HPP

#include <string_view>

namespace listquery {

//------------------------------------------------
/** What a nested route lists within: `/v3/apps/:guid/droplets` is the droplets endpoint within
    one app, the scope `{"app_guids", guid}` (docs/semantics.md#scopes).

    The field is named as its filter (`app_guids`), so a scope is one more filter that a request
    does not spell: the pipeline applies it before the query's own filters, SQL binds it as one
    more parameter, and links leave it out of their query string (the path holds it). A parsed
    query is never changed to hold it. The nested endpoint declares the field
    (`endpoint::scoped_by`); `endpoint::within(value)` makes the scope.
*/
struct scope {
    /// The filter name of the field, e.g. `app_guids`.
    std::string_view field;
    /// The value every resource listed has in that field, byte for byte.
    std::string_view value;

    friend bool operator==(scope const&, scope const&) = default;
};

} // namespace listquery
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_SCOPE_HPP
// end file listquery/scope.hpp

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace listquery {

//------------------------------------------------
/** What one list endpoint accepts, declared once at compile time.

    Every endpoint takes `page`, `per_page`, `order_by`, its timestamp filters, its common list
    filters (`guids`), its own list filters, then `label_selector`: that is the order of Cloud
    Controller's `Valid parameters are:` list and of its checks. Unused array slots stay empty.

    @par Example
    @code
    // GET /v3/apps/:guid/packages
    inline constexpr listquery::endpoint app_packages{
        .filters = {"states", "types"},
        .rejected = {"app_guids"},  // Unknown query parameter(s): 'app_guids'
        .scoped_by = "app_guids",   // the packages within one app: app_packages.within(guid)
    };
    auto q = listquery::parse_list_query<app_packages>("states=READY&order_by=-created_at");
    @endcode
    Use it as a template argument (`parse_list_query<E>`), which checks the declaration at compile
    time with a readable `static_assert`: wire names are non-empty `[a-z0-9_]`, unique, and listed
    without gaps.
*/
struct endpoint {
    /// The endpoint's own comma-delimited list filters, in Cloud Controller's registration order.
    std::array<std::string_view, 24> filters{};
    /// Filters this route rejects with `Unknown query parameter(s): '<name>'` (no "Valid
    /// parameters" list), as the nested `/v3/apps/:guid/…` routes reject `app_guids`.
    std::array<std::string_view, 4> rejected{};
    /// The values `order_by` accepts, in the order Cloud Controller's message lists them.
    std::array<std::string_view, 8> order_by{"created_at", "updated_at"};
    /// Whether `label_selector` is accepted.
    bool accepts_label_selector = true;
    /// 400 `CF-BadQueryParameter` or 422 `CF-UnprocessableEntity`.
    error_response_kind error_kind = error_response_kind::bad_query_parameter;
    /// The bound on `page * per_page`; a parse may override it at run time.
    std::uint64_t maximum_result = default_maximum_result;
    /// List filters every Cloud Controller list takes; checked before `label_selector`.
    std::array<std::string_view, 4> common_filters{"guids"};
    /// Timestamp filters (`=T1,T2` and `[lt|lte|gt|gte]=T`).
    std::array<std::string_view, 4> timestamp_filters{"created_ats", "updated_ats"};
    /// Keyset paging, an extension (docs/keyset.md): `page_token` is accepted instead of
    /// `page`, and a query without `order_by` is ordered by the first `order_by` value,
    /// ascending. A parse may override it at run time.
    bool keyset_paging = false;
    /// For a nested route, the filter name of the field it lists within (`app_guids` for
    /// `/v3/apps/:guid/packages`): a resource type serving the endpoint must declare it, and a
    /// request gives the value, `within(guid)` (docs/semantics.md#scopes).
    std::string_view scoped_by{};

    /// The scope of a nested route's request: the resources whose `scoped_by` field is `value`.
    constexpr scope within(std::string_view value) const noexcept { return {scoped_by, value}; }
};

namespace detail {

/// The declared (non-empty) names at the front of `a`.
template <std::size_t N>
constexpr std::span<std::string_view const> declared(std::array<std::string_view, N> const& a) {
    std::size_t n = 0;
    while (n < N && !a[n].empty())
        ++n;
    return {a.data(), n};
}

/// No name is declared after an empty slot.
template <std::size_t N>
constexpr bool no_gaps(std::array<std::string_view, N> const& a) {
    for (std::size_t i = declared(a).size(); i < N; ++i)
        if (!a[i].empty())
            return false;
    return true;
}

constexpr bool is_wire_name(std::string_view s) {
    if (s.empty())
        return false;
    for (char c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
            return false;
    return true;
}

constexpr bool all_wire_names(std::span<std::string_view const> names) {
    for (auto n : names)
        if (!is_wire_name(n))
            return false;
    return true;
}

constexpr bool unique(std::span<std::string_view const> a, std::span<std::string_view const> b = {}) {
    for (std::size_t i = 0; i < a.size(); ++i) {
        for (std::size_t j = i + 1; j < a.size(); ++j)
            if (a[i] == a[j])
                return false;
        for (auto n : b)
            if (a[i] == n)
                return false;
    }
    return true;
}

inline constexpr std::array<std::string_view, 4> pagination_names{"page", "per_page", "order_by",
                                                                  "label_selector"};

/// Every name the endpoint accepts, plus the ones it rejects, is unique.
constexpr bool parameter_names_unique(endpoint const& e) {
    std::array<std::string_view, 24 + 4 + 4 + 4 + 4> all{};
    std::size_t n = 0;
    for (auto list : {declared(e.filters), declared(e.rejected), declared(e.common_filters),
                      declared(e.timestamp_filters), std::span<std::string_view const>(pagination_names)})
        for (auto name : list)
            all[n++] = name;
    return unique({all.data(), n});
}

} // namespace detail

} // namespace listquery
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_ENDPOINT_HPP
// end file listquery/endpoint.hpp
// begin file listquery/label_selector.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_LABEL_SELECTOR_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_LABEL_SELECTOR_HPP

// begin file listquery/detail/small_vector.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_DETAIL_SMALL_VECTOR_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_DETAIL_SMALL_VECTOR_HPP

#include <boost/container/small_vector.hpp>

// g++ 12 at -O3 reports a false -Wstringop-overread in the implicit move constructor of a
// struct that holds a small_vector of trivially copyable elements: it cannot see that elements
// held in place fit in place. Such structs are defined between these two macros, which silences
// it for their implicit members wherever they are used.
#if defined(__GNUC__) && !defined(__clang__)
#define LISTQUERY_DETAIL_SMALL_VECTOR_HOLDERS_BEGIN                                                      \
    _Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \"-Wstringop-overread\"")
#define LISTQUERY_DETAIL_SMALL_VECTOR_HOLDERS_END _Pragma("GCC diagnostic pop")
#else
#define LISTQUERY_DETAIL_SMALL_VECTOR_HOLDERS_BEGIN
#define LISTQUERY_DETAIL_SMALL_VECTOR_HOLDERS_END
#endif
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_DETAIL_SMALL_VECTOR_HPP
// end file listquery/detail/small_vector.hpp

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <string>
#include <string_view>

namespace listquery {

/// The operator of one `label_selector` requirement.
enum class selector_op {
    in,         ///< `key in (v1,v2)`: has the key with one of the values
    not_in,     ///< `key notin (v1,v2)`: lacks the key, or has another value
    equal,      ///< `key=v` or `key==v`
    not_equal,  ///< `key!=v`: lacks the key, or has another value
    exists,     ///< `key`: has the key
    not_exists, ///< `!key`: lacks the key
};

/** What an operator asks of a resource's labels (docs/semantics.md#selector-match), the one
    table that matching in memory, the indexes and the SQL compiler all read: the fact it tests
    (that the resource has the key, or has the key with one of the values), and whether that
    fact must be absent instead. The negated operators so also match a resource without the key.
*/
struct selector_op_meaning {
    /// The fact is "has the key with one of the values"; else "has the key".
    bool tests_value = false;
    /// The requirement holds when the fact does not.
    bool negated = false;
};

/// The meaning of `op`.
constexpr selector_op_meaning meaning_of(selector_op op) noexcept {
    switch (op) {
    case selector_op::in:
    case selector_op::equal: return {true, false};
    case selector_op::not_in:
    case selector_op::not_equal: return {true, true};
    case selector_op::exists: return {false, false};
    case selector_op::not_exists: return {false, true};
    }
    return {};
}

/// Whether a requirement with operator `op` holds for a resource that has the key or not, and
/// has it with one of the requirement's values or not.
constexpr bool requirement_holds(selector_op op, bool has_key, bool has_value) noexcept {
    auto const m = meaning_of(op);
    return (m.tests_value ? has_value : has_key) != m.negated;
}

/// A label key split as Cloud Controller splits it, `key.split('/')`'s first two fields.
struct label_key_parts {
    /// Whether the key has a prefix at all: it holds a `/` and is not `/` alone.
    bool has_prefix = false;
    /// The part before the first `/`; empty without one (Cloud Controller stores unprefixed
    /// labels with the prefix `""`, and `/b` has it too).
    std::string_view prefix;
    /// The part after the first `/` up to the next, or the whole key without one.
    std::string_view name;
};

/** Splits a label key as Cloud Controller does, for a requirement's key and a stored label's
    alike: `a/b` is (`a`, `b`), `b` and `/b` are (``, `b`), `a/b/c` is (`a`, `b`), `a/` is
    (`a`, ``), and `/` alone has no prefix and the name ``.
*/
constexpr label_key_parts split_label_key(std::string_view key) noexcept {
    auto const slash = key.find('/');
    if (slash == std::string_view::npos)
        return {false, {}, key};
    std::string_view const rest = key.substr(slash + 1);
    return {key != "/", key.substr(0, slash), rest.substr(0, rest.find('/'))};
}

//------------------------------------------------
/** The values of one requirement, split as Ruby's `String#split(',')` does: inner and leading
    empty values are kept, trailing ones dropped (`"a,,b"` → `a`, ``, `b`; `"a,"` → `a`;
    `","` → nothing). A lazy forward range of `std::string_view`; it allocates nothing.
*/
class label_values {
public:
    /// A forward iterator over the values.
    class iterator {
    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = std::string_view;
        using difference_type = std::ptrdiff_t;
        using pointer = void;
        using reference = std::string_view;

        iterator() = default;
        std::string_view operator*() const { return text_.substr(pos_, text_.find(',', pos_) - pos_); }
        iterator& operator++() {
            auto const comma = text_.find(',', pos_);
            pos_ = comma == std::string_view::npos ? std::string_view::npos : comma + 1;
            return *this;
        }
        iterator operator++(int) {
            auto copy = *this;
            ++*this;
            return copy;
        }
        friend bool operator==(iterator const& a, iterator const& b) { return a.pos_ == b.pos_; }

    private:
        friend class label_values;
        iterator(std::string_view text, std::size_t pos) : text_(text), pos_(pos) {}
        std::string_view text_;
        std::size_t pos_ = std::string_view::npos;
    };

    label_values() = default;
    /// The values in `text`, e.g. `"web,api"`.
    explicit label_values(std::string_view text) : text_(text) {
        while (!text_.empty() && text_.back() == ',')
            text_.remove_suffix(1); // Ruby's split drops trailing empty fields
    }

    iterator begin() const { return {text_, text_.empty() ? std::string_view::npos : 0}; }
    iterator end() const { return {}; }
    bool empty() const noexcept { return text_.empty(); }
    /// How many values there are.
    std::size_t size() const noexcept {
        return text_.empty() ? 0 : 1 + static_cast<std::size_t>(std::count(text_.begin(), text_.end(), ','));
    }
    /// The values joined by `,` (trailing empty values dropped).
    std::string_view text() const noexcept { return text_; }

    friend bool operator==(label_values const& a, label_values const& b) { return a.text_ == b.text_; }

private:
    std::string_view text_;
};

//------------------------------------------------
/** One requirement of a `label_selector`. Its views refer to the parsed text. */
struct label_requirement {
    /// The operator.
    selector_op op = selector_op::exists;
    /// The key as written, e.g. `example.com/env`.
    std::string_view key;
    /// The part of the key before `/`; empty when the key has none (Cloud Controller stores
    /// unprefixed labels with the prefix `""`, so they match it).
    std::string_view prefix;
    /// The part of the key after `/`, or the whole key.
    std::string_view name;
    /// The values; empty for `exists` and `not_exists`, and for `key=` or `key in ()`.
    label_values values;

    /// Same operator, key and values.
    friend bool operator==(label_requirement const& a, label_requirement const& b) {
        return a.op == b.op && a.key == b.key && a.values == b.values;
    }
};

//------------------------------------------------
LISTQUERY_DETAIL_SMALL_VECTOR_HOLDERS_BEGIN
/** A parsed `label_selector`: requirements that are ANDed. Views refer to the parsed text,
    which must outlive this object.
*/
struct label_selector {
    /// How many requirements a selector holds in place, without allocating.
    static constexpr std::size_t inline_requirements = 8;
    /// The requirements, in the order written. A `std::vector`-like container
    /// (Boost.Container's `small_vector`) that stores up to `inline_requirements` in place.
    boost::container::small_vector<label_requirement, inline_requirements> requirements;

    /// Same requirements in the same order.
    friend bool operator==(label_selector const&, label_selector const&) = default;
};
LISTQUERY_DETAIL_SMALL_VECTOR_HOLDERS_END

//------------------------------------------------
/** The canonical text of a selector: requirements joined by `,`, written `k in (a,b)`,
    `k notin (a,b)`, `k=v`, `k!=v`, `k`, `!k`. It parses back to an equal selector.
*/
inline std::string to_string(label_selector const& s) {
    std::string out;
    for (auto const& r : s.requirements) {
        if (!out.empty())
            out += ',';
        if (r.op == selector_op::not_exists)
            out += '!';
        out += r.key;
        switch (r.op) {
        case selector_op::in: (out += " in (").append(r.values.text()) += ')'; break;
        case selector_op::not_in: (out += " notin (").append(r.values.text()) += ')'; break;
        case selector_op::equal: (out += '=').append(r.values.text()); break;
        case selector_op::not_equal: (out += "!=").append(r.values.text()); break;
        case selector_op::exists:
        case selector_op::not_exists: break;
        }
    }
    return out;
}

} // namespace listquery
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_LABEL_SELECTOR_HPP
// end file listquery/label_selector.hpp
// begin file listquery/order_by.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_ORDER_BY_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_ORDER_BY_HPP

#include <string_view>

namespace listquery {

/// The direction of an ordering.
enum class direction {
    asc,  ///< ascending: `order_by=created_at` or `order_by=%2Bcreated_at`
    desc, ///< descending: `order_by=-created_at`
};

//------------------------------------------------
/// A requested ordering: a field name and a direction.
struct order_by {
    /// The field's wire name, e.g. `created_at`; refers to the caller's list of allowed values.
    std::string_view field;
    /// Ascending unless the value started with `-`.
    direction dir = direction::asc;

    friend bool operator==(order_by const&, order_by const&) = default;
};

} // namespace listquery
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_ORDER_BY_HPP
// end file listquery/order_by.hpp
// #include <listquery/limits.hpp> (already inlined)
// begin file listquery/query.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_QUERY_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_QUERY_HPP

// #include <listquery/label_selector.hpp> (already inlined)
// #include <listquery/order_by.hpp> (already inlined)
// #include <listquery/limits.hpp> (already inlined)
// begin file listquery/timestamp.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_TIMESTAMP_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_TIMESTAMP_HPP

// #include <listquery/detail/small_vector.hpp> (already inlined)

#include <chrono>
#include <cstdio>
#include <string>
#include <string_view>

namespace listquery {

/// A timestamp filter's instant: whole seconds, UTC.
using timestamp = std::chrono::sys_seconds;

/// A relational operator of a timestamp filter: `created_ats[lt]=…`.
enum class timestamp_op {
    lt,  ///< `[lt]`: before the second
    lte, ///< `[lte]`: before the end of the second
    gt,  ///< `[gt]`: after the end of the second
    gte, ///< `[gte]`: at or after the start of the second
};

/// The wire name of an operator: `lt`, `lte`, `gt`, `gte`.
constexpr std::string_view to_string(timestamp_op op) noexcept {
    switch (op) {
    case timestamp_op::lt: return "lt";
    case timestamp_op::lte: return "lte";
    case timestamp_op::gt: return "gt";
    case timestamp_op::gte: return "gte";
    }
    return "";
}

/// One relational condition: `[op]=value`.
struct timestamp_condition {
    timestamp_op op = timestamp_op::lt;
    timestamp value;
    friend bool operator==(timestamp_condition const&, timestamp_condition const&) = default;
};

LISTQUERY_DETAIL_SMALL_VECTOR_HOLDERS_BEGIN
//------------------------------------------------
/** A requested timestamp filter (`created_ats`, `updated_ats`), compared at whole seconds.

    Either the equality form, `created_ats=T1,T2` (a resource matches when its time, floored to
    the second, equals one of them), or the relational form, `created_ats[gt]=T&created_ats[lt]=U`
    (all conditions must hold), never both.
*/
struct timestamp_filter {
    /// The wire name, e.g. `created_ats`; refers to the endpoint declaration.
    std::string_view name;
    /// The equality form's instants, ORed; the first 2 are held in place.
    boost::container::small_vector<timestamp, 2> any_of;
    /// The relational form's conditions, ANDed, in order of first appearance; one per
    /// operator at most, so never more than 4, all held in place.
    boost::container::small_vector<timestamp_condition, 4> all_of;

    friend bool operator==(timestamp_filter const&, timestamp_filter const&) = default;
};

LISTQUERY_DETAIL_SMALL_VECTOR_HOLDERS_END
/// `YYYY-MM-DDThh:mm:ssZ`, the one format Cloud Controller accepts.
inline std::string to_string(timestamp t) {
    auto const day = std::chrono::floor<std::chrono::days>(t);
    std::chrono::year_month_day const ymd{day};
    std::chrono::hh_mm_ss const time{t - day};
    char buf[32];
    // The buffer holds every year chrono allows; nothing to check.
    (void)std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    (void)std::snprintf(buf + 10, sizeof buf - 10, "T%02d:%02d:%02dZ", static_cast<int>(time.hours().count()),
                  static_cast<int>(time.minutes().count()), static_cast<int>(time.seconds().count()));
    return buf;
}

} // namespace listquery
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_TIMESTAMP_HPP
// end file listquery/timestamp.hpp

// #include <listquery/detail/small_vector.hpp> (already inlined)

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace listquery {

LISTQUERY_DETAIL_SMALL_VECTOR_HOLDERS_BEGIN
/// A requested comma-delimited list filter: `states=STAGED,FAILED`.
struct list_filter {
    /// The wire name, e.g. `states`; refers to the endpoint declaration.
    std::string_view name;
    /// The decoded elements, ORed; `states=` gives one empty element. A `std::vector`-like
    /// container (Boost.Container's `small_vector`) holding the first 4 in place.
    boost::container::small_vector<std::string_view, 4> values;

    friend bool operator==(list_filter const&, list_filter const&) = default;
};

//------------------------------------------------
/** A validated list query: plain data, independent of how it is executed (in memory, or
    compiled to SQL).

    Filters appear only when requested. Every view refers either to the endpoint declaration
    (names, the `order_by` field) or to the decoded request bytes that `storage` owns, which
    copies share: copies stay valid on their own. A typical query (up to 4 list filters of up
    to 4 values, 2 timestamp filters, 8 selector requirements) holds everything in place, so
    parsing it allocates once, for the bytes.
*/
struct list_query {
    /// The page, from 1.
    std::uint64_t page = default_page;
    /// The page size, 1 to 5000.
    std::uint64_t per_page = default_per_page;
    /// The ordering; empty for the container's own order (no `order_by`, or a blank one).
    std::optional<order_by> order;
    /// Requested list filters, in the endpoint's order (common filters first); the first 4
    /// are held in place.
    boost::container::small_vector<list_filter, 4> filters;
    /// Requested timestamp filters, in the endpoint's order; the first 2 are held in place.
    boost::container::small_vector<timestamp_filter, 2> timestamps;
    /// The requested label selector.
    std::optional<label_selector> selector;
    /// The selector's text as given, which pagination links echo.
    std::string_view selector_text;
    /// The `page_token` as given (keyset paging, docs/keyset.md); empty without one. Opaque
    /// until `decode_page_token` checks it.
    std::string_view page_token;
    /// Whether the query pages by keyset (the endpoint, or the parse, turned it on): its pages
    /// link to each other by token, and it always has an order.
    bool keyset_paging = false;
    /// Owns the decoded request bytes that the views above refer to (one allocation, shared
    /// by copies). What it points to is not part of the interface.
    std::shared_ptr<void const> storage;

    /// The list filter named `name`, or null if it was not requested.
    list_filter const* filter(std::string_view name) const noexcept {
        for (auto const& f : filters)
            if (f.name == name)
                return &f;
        return nullptr;
    }

    /// The timestamp filter named `name`, or null if it was not requested.
    timestamp_filter const* timestamp(std::string_view name) const noexcept {
        for (auto const& f : timestamps)
            if (f.name == name)
                return &f;
        return nullptr;
    }

    /// Same query; where the bytes are stored does not matter.
    friend bool operator==(list_query const& a, list_query const& b) {
        return a.page == b.page && a.per_page == b.per_page && a.order == b.order &&
               a.filters == b.filters && a.timestamps == b.timestamps && a.selector == b.selector &&
               a.selector_text == b.selector_text && a.page_token == b.page_token &&
               a.keyset_paging == b.keyset_paging;
    }
};
LISTQUERY_DETAIL_SMALL_VECTOR_HOLDERS_END

/// Whether `q` filters at all (by a list filter, a timestamp filter or a selector), or keeps
/// every resource (an index can then answer from its counts alone).
inline bool has_filters(list_query const& q) noexcept {
    return !q.filters.empty() || !q.timestamps.empty() || q.selector;
}

} // namespace listquery
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_QUERY_HPP
// end file listquery/query.hpp
// #include <listquery/scope.hpp> (already inlined)
// #include <listquery/timestamp.hpp> (already inlined)

// begin file listquery/parse/filter_list.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_PARSE_FILTER_LIST_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_PARSE_FILTER_LIST_HPP

// begin file listquery/detail/config.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_DETAIL_CONFIG_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_DETAIL_CONFIG_HPP

// The parsers' functions are declared with LISTQUERY_DECL and defined in parse/impl/*.ipp.
// Header-only (the default) they are inline, and each parse header includes its .ipp. With
// LISTQUERY_SEPARATE_COMPILATION they are declared only, and compiled once, in the one
// translation unit that includes <listquery/src.hpp>: the others compile no parser internals
// (and no Spirit X3). See docs/building.md.
#if defined(LISTQUERY_SEPARATE_COMPILATION)
#define LISTQUERY_DECL
#else
#define LISTQUERY_DECL inline
#endif
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_DETAIL_CONFIG_HPP
// end file listquery/detail/config.hpp

#include <string>
#include <string_view>
#include <vector>

namespace listquery {


//------------------------------------------------
/** Split the value of a comma-delimited list filter (`states=STAGED,FAILED`) as Cloud Controller
    does (docs/semantics.md#list-split).

    The value has been form-decoded once already (`+` is a space, `%XX` a byte). It splits at
    each `,` together with the white space after it; trailing empty elements are kept; each
    element is then percent-decoded once more, leaving `+` and malformed escapes alone. So
    `a%2Cb` on the wire splits, and a literal comma is sent as `%252C`.

    @par Example
    @code
    assert((listquery::filter_list_elements("STAGED, FAILED,") ==
            std::vector<std::string>{"STAGED", "FAILED", ""}));
    assert((listquery::filter_list_elements("a%2Cb") == std::vector<std::string>{"a,b"}));
    @endcode
    @return The elements; `""` gives one empty element. Never fails.
*/
LISTQUERY_DECL std::vector<std::string> filter_list_elements(std::string_view value);

} // namespace listquery

#if !defined(LISTQUERY_SEPARATE_COMPILATION)
// begin file listquery/parse/impl/filter_list.ipp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_PARSE_IMPL_FILTER_LIST_IPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_PARSE_IMPL_FILTER_LIST_IPP

// #include <listquery/parse/filter_list.hpp> (already inlined)

// begin file listquery/detail/grammar/x3.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_DETAIL_GRAMMAR_X3_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_DETAIL_GRAMMAR_X3_HPP

// The one place that includes Spirit X3. Grammars classify bytes with x3::ascii only:
// x3's standard classes pass sign-extended bytes >= 0x80 to std::isdigit & co (undefined).
#include <boost/spirit/home/x3.hpp>
#include <boost/url/grammar/alnum_chars.hpp>
#include <boost/url/grammar/lut_chars.hpp>

#include <array>
#include <cstddef>
#include <string_view>

namespace listquery::detail::grammar {

namespace x3 = boost::spirit::x3;

/// Runs `p` on a prefix of `s`; returns how many bytes it consumed, or npos if it failed.
template <class Parser>
std::size_t parse_prefix(std::string_view s, Parser const& p) {
    char const* first = s.data();
    if (!x3::parse(first, s.data() + s.size(), p))
        return std::string_view::npos;
    return static_cast<std::size_t>(first - s.data());
}

using boost::urls::grammar::lut_chars;

/// An X3 parser of one byte in `Chars`, tested with one load from a byte table. Not
/// `lut_chars::operator()` (a shift, a mask and a load): the table runs 10% fewer instructions
/// over whole parses (callgrind, selector plus two queries), and `x3::char_("a-z")` tests a
/// `std::bitset`, several instructions a byte.
template <lut_chars const& Chars>
struct byte_class : x3::char_parser<byte_class<Chars>> {
    using attribute_type = char;
    static bool const has_attribute = true;

    template <class Char, class Context>
    bool test(Char c, Context const&) const noexcept {
        return table[static_cast<unsigned char>(c)];
    }

private:
    static constexpr std::array<bool, 256> table = [] {
        std::array<bool, 256> t{};
        for (unsigned c = 0; c != 256; ++c)
            t[c] = Chars(static_cast<unsigned char>(c));
        return t;
    }();
};

/// `[A-Za-z0-9]`
inline constexpr lut_chars alphanumeric = boost::urls::grammar::alnum_chars;

} // namespace listquery::detail::grammar
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_DETAIL_GRAMMAR_X3_HPP
// end file listquery/detail/grammar/x3.hpp
// begin file listquery/detail/percent.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_DETAIL_PERCENT_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_DETAIL_PERCENT_HPP

#include <boost/url/grammar/hexdig_chars.hpp>

#include <cstddef>
#include <string_view>

namespace listquery::detail {

/// Whether `s[i]`, a `%`, starts a valid escape: two hex digits follow it.
inline bool is_valid_escape(std::string_view s, std::size_t i) noexcept {
    return i + 2 < s.size() && boost::urls::grammar::hexdig_value(s[i + 1]) >= 0 &&
           boost::urls::grammar::hexdig_value(s[i + 2]) >= 0;
}

} // namespace listquery::detail
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_DETAIL_PERCENT_HPP
// end file listquery/detail/percent.hpp
// begin file listquery/detail/text_buffer.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_DETAIL_TEXT_BUFFER_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_DETAIL_TEXT_BUFFER_HPP

#include <boost/url/grammar/string_token.hpp>

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string_view>

namespace listquery::detail {

/** Bytes appended to one buffer, allocated at the first append with room for all of them, so
    views into it stay valid (a `std::string` moves its bytes when it grows). The parsers size it
    by the input they decode, and decoding never lengthens; overflowing it would be a bug in the
    library, which stops the program rather than write past the end. */
class text_buffer {
public:
    explicit text_buffer(std::size_t capacity) noexcept : capacity_(capacity) {}

    std::size_t size() const noexcept { return size_; }

    /// The bytes appended since `size()` was `start`.
    std::string_view since(std::size_t start) const noexcept {
        return start == size_ ? std::string_view{} : std::string_view{bytes_.get() + start, size_ - start};
    }

    /// The bytes, for whoever keeps views into them; null if nothing was appended.
    std::shared_ptr<char[]> take() noexcept { return std::move(bytes_); }

    /// Makes room for `n` more bytes, which the caller writes; returns where they go.
    char* extend(std::size_t n) {
        if (n > capacity_ - size_)
            std::abort();
        if (!bytes_)
            bytes_ = std::make_shared_for_overwrite<char[]>(capacity_);
        char* const at = bytes_.get() + size_;
        size_ += n;
        return at;
    }

    /// Appends `s`; returns the copy.
    std::string_view append(std::string_view s) {
        std::size_t const start = size_;
        if (!s.empty())
            std::memcpy(extend(s.size()), s.data(), s.size());
        return since(start);
    }

    /// A Boost.URL string token that appends what a decode writes; its result is the decoded text.
    struct token : boost::urls::string_token::arg {
        using result_type = std::string_view;
        explicit token(text_buffer& b) noexcept : buffer(b), start(b.size()) {}
        char* prepare(std::size_t n) override { return buffer.extend(n); }
        result_type result() const noexcept { return buffer.since(start); }

        text_buffer& buffer;
        std::size_t start;
    };

private:
    std::shared_ptr<char[]> bytes_;
    std::size_t capacity_, size_ = 0;
};

} // namespace listquery::detail
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_DETAIL_TEXT_BUFFER_HPP
// end file listquery/detail/text_buffer.hpp

#include <boost/url/pct_string_view.hpp>

#include <algorithm>

namespace listquery {

namespace detail {

/// Addressable::URI.unescape: decodes each valid `%XX` and keeps every other byte (`+`, and a
/// `%` not followed by two hex digits) as it is; appends the result to `out` and returns it.
inline std::string_view unescape_append(std::string_view s, text_buffer& out) {
    namespace urls = boost::urls;
    std::size_t const start = out.size();
    auto decode_chunk = [&out](std::string_view chunk) { // holds only valid escapes
        urls::make_pct_string_view(chunk)->decode({}, text_buffer::token(out));
    };
    std::size_t chunk_start = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '%')
            continue;
        if (is_valid_escape(s, i)) {
            i += 2;
            continue;
        }
        decode_chunk(s.substr(chunk_start, i - chunk_start));
        out.append("%");
        chunk_start = i + 1;
    }
    decode_chunk(s.substr(chunk_start));
    return out.since(start);
}

/// How many elements a list filter's value splits into: each `,` splits (`""` is one element).
inline std::size_t filter_list_size(std::string_view value) {
    return 1 + static_cast<std::size_t>(std::ranges::count(value, ','));
}

/// Cloud Controller's `to_array!` on a form-decoded value: `""` is one empty element; otherwise
/// split on `,` and the white space after it (Ruby's `split(/,\s*/, -1)`, trailing empty
/// elements kept), each element percent-decoded once more. Calls `f(decoded, offset)` for each
/// element (filter_list_size of them), where `offset` is the element's in `value`. `decoded` is
/// a view into `value` when the element holds no `%`, and is appended to `storage` otherwise
/// (which needs room for `value.size()` bytes).
template <class F>
void split_filter_list(std::string_view value, text_buffer& storage, F&& f) {
    namespace x3 = grammar::x3;
    auto const element = [&](auto& ctx) {
        auto const& range = x3::_attr(ctx);
        std::string_view const raw(range.begin(), static_cast<std::size_t>(range.end() - range.begin()));
        std::size_t const offset = static_cast<std::size_t>(raw.data() - value.data());
        f(raw.find('%') == std::string_view::npos ? raw : unescape_append(raw, storage), offset);
    };
    // '\v' is white space to Ruby's \s and to isspace, so x3::ascii::space matches Ruby here.
    grammar::parse_prefix(value, x3::raw[*(x3::char_ - ',')][element] % (',' >> *x3::ascii::space));
}

} // namespace detail

std::vector<std::string> filter_list_elements(std::string_view value) {
    detail::text_buffer storage(value.size());
    std::vector<std::string> out;
    detail::split_filter_list(value, storage,
                              [&out](std::string_view e, std::size_t) { out.emplace_back(e); });
    return out;
}

} // namespace listquery
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_PARSE_IMPL_FILTER_LIST_IPP
// end file listquery/parse/impl/filter_list.ipp
#endif
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_PARSE_FILTER_LIST_HPP
// end file listquery/parse/filter_list.hpp
// begin file listquery/parse/label_selector.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_PARSE_LABEL_SELECTOR_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_PARSE_LABEL_SELECTOR_HPP

// #include <listquery/detail/config.hpp> (already inlined)
// #include <listquery/label_selector.hpp> (already inlined)
// #include <listquery/limits.hpp> (already inlined)
// #include <listquery/result.hpp> (already inlined)

#include <cstddef>
#include <string_view>

namespace listquery {

//------------------------------------------------
/** Parse and validate the value of the `label_selector` query parameter.

    Cloud Controller's rules exactly (docs/semantics.md#selector-split): the selector splits at commas
    outside `(…)`; empty segments vanish; each requirement matches the first of six patterns;
    keys and values are then validated in Cloud Controller's order and wording.

    @par BNF (informal; the exact rules: docs/semantics.md#selector-forms)
    @code
    selector    = requirement *( "," requirement )                 ; at most 50
    requirement = key " in (" values ")" / key " notin (" values ")"
                / key ( "=" / "==" / "!=" ) value / key / "!" key
    key         = [ prefix "/" ] name        ; prefix: DNS subdomain <= 253, not cloudfoundry.org
    name, value = [A-Za-z0-9] [ *61[A-Za-z0-9_.-] [A-Za-z0-9] ]   ; 1 to 63; a value may be empty
    @endcode

    @par Example
    @code
    auto s = listquery::parse_label_selector("env=prod,tier in (web,api),!deprecated");
    assert(s && s->requirements.size() == 3);
    @endcode
    @param text The decoded value. The result's views refer to it.
    @return The requirements, or the first problem: its code, Cloud Foundry's message and the
    offset in `text` of the requirement, key, name or value at fault.
    @par Complexity
    Linear in `text.size()`; no recursion. No allocation for up to
    `label_selector::inline_requirements` (8) requirements, one beyond.
*/
LISTQUERY_DECL result<label_selector> parse_label_selector(std::string_view text);

/** As above, into `out`, reusing its storage: once `out` has held as many requirements, a
    parse allocates nothing. For servers that parse many selectors on one thread.

    @par Example
    @code
    listquery::label_selector s; // kept, e.g. one per worker thread
    for (std::string_view text : {"env=prod", "tier in (web,api)"})
        if (auto r = listquery::parse_label_selector(text, s); r)
            assert(s.requirements.size() == 1);
    @endcode
    @return Nothing, or the first problem; on a problem `out` holds the valid requirements
    before it, which the caller should ignore.
*/
LISTQUERY_DECL result<void> parse_label_selector(std::string_view text, label_selector& out);

} // namespace listquery

#if !defined(LISTQUERY_SEPARATE_COMPILATION)
// begin file listquery/parse/impl/label_selector.ipp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_PARSE_IMPL_LABEL_SELECTOR_IPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_PARSE_IMPL_LABEL_SELECTOR_IPP

// #include <listquery/parse/label_selector.hpp> (already inlined)

// begin file listquery/detail/blank.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_DETAIL_BLANK_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_DETAIL_BLANK_HPP

// begin file listquery/detail/grammar/white_space.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_DETAIL_GRAMMAR_WHITE_SPACE_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_DETAIL_GRAMMAR_WHITE_SPACE_HPP

// #include <listquery/detail/grammar/x3.hpp> (already inlined)

namespace listquery::detail::grammar {

// Ruby's [[:space:]] on a UTF-8 string: ASCII white space and Unicode White_Space, UTF-8 encoded.
inline auto const white_space = x3::ascii::space | "\xC2\x85" | "\xC2\xA0" | "\xE1\x9A\x80" |
                                (x3::lit("\xE2\x80") >> x3::char_('\x80', '\x8A')) |
                                "\xE2\x80\xA8" | "\xE2\x80\xA9" | "\xE2\x80\xAF" |
                                "\xE2\x81\x9F" | "\xE3\x80\x80";

} // namespace listquery::detail::grammar
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_DETAIL_GRAMMAR_WHITE_SPACE_HPP
// end file listquery/detail/grammar/white_space.hpp

#include <string_view>

namespace listquery::detail {

/// ActiveSupport's `blank?`: empty, or only white space.
inline bool is_blank(std::string_view s) {
    // Most text starts with a printable ASCII byte, which no white space does.
    if (!s.empty() && s[0] > ' ' && s[0] < '\x7F')
        return false;
    return grammar::parse_prefix(s, *grammar::white_space) == s.size();
}

} // namespace listquery::detail
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_DETAIL_BLANK_HPP
// end file listquery/detail/blank.hpp
// begin file listquery/detail/concat.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_DETAIL_CONCAT_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_DETAIL_CONCAT_HPP

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>

namespace listquery::detail {

/// The parts joined, in one allocation. Also keeps messages clear of `"…" + std::string(…)`,
/// which g++ 12 at -O3 wrongly flags with -Wrestrict.
inline std::string concat(std::initializer_list<std::string_view> parts) {
    std::size_t size = 0;
    for (auto p : parts)
        size += p.size();
    std::string out;
    out.reserve(size);
    for (auto p : parts)
        out.append(p);
    return out;
}

} // namespace listquery::detail
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_DETAIL_CONCAT_HPP
// end file listquery/detail/concat.hpp
// begin file listquery/detail/error_sink.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_DETAIL_ERROR_SINK_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_DETAIL_ERROR_SINK_HPP

// #include <listquery/query_error.hpp> (already inlined)
// #include <listquery/query_errors.hpp> (already inlined)

#include <vector>

namespace listquery::detail {

/// Where a parser reports problems: every one of them (Cloud Controller's way), or only the first.
struct error_sink {
    std::vector<query_error>& errors;
    bool first_only = false;

    /// Records `e`; returns whether parsing should go on.
    bool add(query_error e) {
        errors.push_back(std::move(e));
        return !first_only;
    }
    /// Records the problems of a parameter's parse.
    bool add(query_errors const& e) {
        errors.insert(errors.end(), e.errors.begin(), e.errors.end());
        return !first_only;
    }
    /// True once a first-only sink has its error.
    bool done() const noexcept { return first_only && !errors.empty(); }
};

} // namespace listquery::detail
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_DETAIL_ERROR_SINK_HPP
// end file listquery/detail/error_sink.hpp
// begin file listquery/detail/grammar/label_selector.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_DETAIL_GRAMMAR_LABEL_SELECTOR_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_DETAIL_GRAMMAR_LABEL_SELECTOR_HPP

// #include <listquery/detail/grammar/x3.hpp> (already inlined)
// #include <listquery/label_selector.hpp> (already inlined)
// #include <listquery/limits.hpp> (already inlined)

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string_view>

namespace listquery::detail::grammar {

/// Calls `f(offset, text)` for each requirement of a selector, split as Cloud Controller's
/// `scan(/(?:\(.*?\)|[^,])+/)`: commas inside `(…)` (closed before any newline) do not split;
/// empty segments give nothing. Hand-written rather than X3 because that regex, run naively,
/// is quadratic (`((((…` with no `)`); the next `)` and `\n` are cached, so this is linear.
template <class F>
void split_requirements(std::string_view s, F&& f) {
    constexpr auto npos = std::string_view::npos;
    // The first ')' and '\n' at or after the last look-up. Look-ups only move forward, so each
    // byte is searched at most once for each.
    std::size_t close = 0, newline = 0;
    auto group_closes = [&](std::size_t from) {
        if (close != npos && close < from)
            close = s.find(')', from);
        if (newline != npos && newline < from)
            newline = s.find('\n', from);
        return close != npos && close < newline;
    };
    std::size_t pos = 0;
    while (pos < s.size()) {
        if (s[pos] == ',') {
            ++pos;
            continue;
        }
        std::size_t const start = pos;
        while (pos < s.size() && s[pos] != ',') {
            if (s[pos] == '(' && group_closes(pos + 1))
                pos = close; // the group, lazily up to the first ')', may hold commas
            ++pos;
        }
        f(start, s.substr(start, pos - start));
    }
}

/// One requirement matched against Cloud Controller's six patterns, in their order.
struct requirement_match {
    selector_op op;
    std::string_view key;
    std::string_view values;
};

// The grammars are built once, as constants: building X3 expressions on every call costs more
// than running them. Actions are stateless; they write the rule's
// attribute.
namespace selector_rules {

inline constexpr lut_chars key_byte = alphanumeric + "_./-"; // /[\w\.\/\-]/
inline constexpr lut_chars label_byte = key_byte - "/";        // not /[^\w\-.]/
inline constexpr byte_class<key_byte> key_char{};
inline constexpr byte_class<label_byte> label_char{};
inline constexpr lut_chars not_newline = ~lut_chars('\n'); // Ruby's `.`
// Neither '\n', ' ' nor ')': bytes after which no pattern can end or turn.
inline constexpr lut_chars plain_byte = ~lut_chars("\n )");
inline constexpr byte_class<not_newline> any{};
inline constexpr byte_class<plain_byte> plain{};

template <class Range>
std::string_view to_view(Range const& r) {
    return {r.begin(), static_cast<std::size_t>(r.end() - r.begin())};
}
inline auto const set_key = [](auto& ctx) { x3::_val(ctx).key = to_view(x3::_attr(ctx)); };
inline auto const set_values = [](auto& ctx) { x3::_val(ctx).values = to_view(x3::_attr(ctx)); };
// Sets the operator; a failed earlier attempt may have left values behind.
template <selector_op Op>
inline auto const set_op = [](auto& ctx) {
    x3::_val(ctx).op = Op;
    x3::_val(ctx).values = {};
};

// /\A(?<key>.*?) in \((?<values>.*)\)\z/: the key ends at the first " in (". The word is looked
// for only at spaces, and the end only at ')', so most bytes cost one table load.
template <selector_op Op>
auto list_requirement(char const* word) {
    auto const key_byte = plain | ')' | (x3::lit(' ') - x3::lit(word));
    auto const value_byte = plain | ' ' | (x3::lit(')') >> !x3::eoi);
    return x3::rule<struct list_id, requirement_match>{"list requirement"} =
               x3::eps[set_op<Op>] >> x3::raw[*key_byte][set_key] >> x3::lit(word) >>
               x3::raw[*value_byte][set_values] >> ')' >> x3::eoi;
}
inline auto const in_requirement = list_requirement<selector_op::in>(" in (");
inline auto const not_in_requirement = list_requirement<selector_op::not_in>(" notin (");

// The other four patterns all start with the key's characters, or with '!' and then them, so
// one pass decides: `k==v` / `k=v`, `k!=v`, `k`, `!k`.
inline auto const key = x3::raw[+key_char][set_key];
inline auto const rest = x3::raw[*any][set_values];
inline auto const simple_requirement =
    x3::rule<struct simple_id, requirement_match>{"requirement"} =
        (key >> ((x3::lit("==") | '=')[set_op<selector_op::equal>] >> rest |
                 x3::lit("!=")[set_op<selector_op::not_equal>] >> rest | x3::eps[set_op<selector_op::exists>]) |
         x3::lit('!')[set_op<selector_op::not_exists>] >> key) >>
        x3::eoi;

// A DNS label: letters, digits and '-', not at either end; at most 63 bytes.
inline constexpr lut_chars dns_byte = alphanumeric + "-";
inline auto const dns_label_ok = [](auto& ctx) {
    auto const& label = x3::_attr(ctx);
    x3::_pass(ctx) = label.size() <= max_label_name_length && *label.begin() != '-' && *(label.end() - 1) != '-';
};
inline auto const dns_label = x3::raw[+byte_class<dns_byte>{}][dns_label_ok];
inline auto const dns_labels = dns_label >> +('.' >> dns_label);
inline auto const dns_subdomain = dns_labels >> x3::eoi;

/// Whether a key prefix is Cloud Controller's reserved `cloudfoundry.org`, in any case.
inline bool is_reserved_prefix(std::string_view prefix) {
    return prefix.size() == 16 && std::equal(prefix.begin(), prefix.end(), "cloudfoundry.org", [](char c, char reserved) {
        return (c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) == reserved;
    });
}

// The fast path: one requirement that matches a pattern AND passes every check, in one pass.
// What it accepts, Cloud Controller accepts with the same key, operator and values; anything
// else goes the long way (match_requirement, then the checks in order), which finds the error.
inline auto const label_text_ok = [](auto& ctx) { // not too long, alphanumeric at both ends
    auto const& r = x3::_attr(ctx);
    x3::_pass(ctx) = r.size() <= max_label_name_length && alphanumeric(static_cast<unsigned char>(*(r.end() - 1)));
};
inline auto const label_text = x3::raw[byte_class<alphanumeric>{} >> *label_char][label_text_ok];
inline auto const prefix_ok = [](auto& ctx) {
    auto const prefix = to_view(x3::_attr(ctx));
    x3::_pass(ctx) = prefix.size() <= max_label_prefix_length && !is_reserved_prefix(prefix);
};
inline auto const valid_key = x3::raw[-(x3::raw[dns_labels][prefix_ok] >> '/') >> label_text][set_key];
inline auto const valid_value = x3::raw[-label_text][set_values];
inline auto const valid_values = x3::raw[-label_text % ','][set_values];
inline auto const valid_requirement =
    x3::rule<struct valid_id, requirement_match>{"valid requirement"} =
        valid_key >> (x3::lit(" in (")[set_op<selector_op::in>] >> valid_values >> ')' |
                      x3::lit(" notin (")[set_op<selector_op::not_in>] >> valid_values >> ')' |
                      (x3::lit("==") | '=')[set_op<selector_op::equal>] >> valid_value |
                      x3::lit("!=")[set_op<selector_op::not_equal>] >> valid_value |
                      x3::eps[set_op<selector_op::exists>]) |
        x3::lit('!')[set_op<selector_op::not_exists>] >> valid_key;

} // namespace selector_rules

/// The fast path for a selector whose every requirement is valid: calls `f(offset, match)` for
/// each and returns true, or returns false as soon as something is not plainly valid (after
/// which the caller must start over on the long way). Commas split as split_requirements does:
/// in a valid requirement '(' only opens its value list, which the next ')' closes.
template <class F>
bool for_each_valid_requirement(std::string_view s, F&& f) {
    char const* it = s.data();
    char const* const end = it + s.size();
    while (it != end) {
        if (*it == ',') {
            ++it;
            continue;
        }
        requirement_match m{};
        char const* const start = it;
        if (!x3::parse(it, end, selector_rules::valid_requirement, m) || (it != end && *it != ','))
            return false;
        if (!f(static_cast<std::size_t>(start - s.data()), m))
            return false;
    }
    return true;
}

inline std::optional<requirement_match> match_requirement(std::string_view r) {
    requirement_match m{};
    auto const full = [&](auto const& rule) {
        char const* first = r.data();
        return x3::parse(first, r.data() + r.size(), rule, m);
    };
    // Both list patterns end with ')', so anything else skips them at once.
    if (r.ends_with(')') &&
        (full(selector_rules::in_requirement) || full(selector_rules::not_in_requirement)))
        return m;
    if (full(selector_rules::simple_requirement))
        return m;
    return std::nullopt;
}

/// Cloud Controller's DOMAIN_REGEX (case-insensitive): two or more dot-separated labels of
/// 1 to 63 letters, digits and '-', none starting or ending with '-'.
inline bool is_dns_subdomain(std::string_view s) {
    return parse_prefix(s, selector_rules::dns_subdomain) == s.size();
}

/// Whether `s` holds only `[A-Za-z0-9_.-]` (Cloud Controller's `/[^\w\-.]/` does not match).
inline bool has_only_label_characters(std::string_view s) {
    return parse_prefix(s, *selector_rules::label_char) == s.size();
}

} // namespace listquery::detail::grammar
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_DETAIL_GRAMMAR_LABEL_SELECTOR_HPP
// end file listquery/detail/grammar/label_selector.hpp

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace listquery {

namespace detail {

// A failed check: its code, the offset in the selector, and the text its message quotes. The
// message itself is built only when a check fails (selector_error).
struct label_fault {
    error code;
    std::size_t offset;
    std::string_view subject;
};
using label_check = std::optional<label_fault>;

inline query_error selector_error(error code, std::size_t offset, std::string message) {
    return {code, "label_selector", offset, std::move(message)};
}

// Cloud Controller's message for a failed check. Ruby's s[0...8]: by the length checks the text
// is ASCII, so bytes are characters.
[[gnu::cold]] inline query_error selector_error(label_fault const& f) {
    std::string_view const s = f.subject, first_8 = f.subject.substr(0, 8);
    auto message = [&]() -> std::string {
        switch (f.code) {
        case error::label_key_empty: return "key cannot be empty string";
        case error::label_key_too_many_slashes: return "key has more than one '/'";
        case error::label_prefix_invalid: return concat({"prefix '", s, "' must be in valid dns format"});
        case error::label_prefix_too_long: return concat({"prefix '", first_8, "...' is greater than 253 characters"});
        case error::label_prefix_reserved: return "prefix 'cloudfoundry.org' is reserved";
        case error::label_name_invalid_characters:
        case error::label_value_invalid_characters: return concat({"'", s, "' contains invalid characters"});
        case error::label_name_invalid_ends:
        case error::label_value_invalid_ends: return concat({"'", s, "' starts or ends with invalid characters"});
        default: return concat({"'", first_8, "...' is greater than 63 characters"}); // name or value too long
        }
    };
    static_assert(max_label_prefix_length == 253 && max_label_name_length == 63, "the messages above name them");
    return selector_error(f.code, f.offset, message());
}

inline bool starts_and_ends_alphanumeric(std::string_view s) {
    using grammar::alphanumeric;
    return !s.empty() && alphanumeric(static_cast<unsigned char>(s.front())) &&
           alphanumeric(static_cast<unsigned char>(s.back()));
}

// The checks a key's name and a value share: characters, alphanumeric ends, at most 63.
// `first` is the name's or value's first code; the other two follow it.
inline label_check label_text_check(std::string_view s, std::size_t offset, error first) {
    static_assert(int(error::label_name_invalid_ends) == int(error::label_name_invalid_characters) + 1 &&
                  int(error::label_name_too_long) == int(error::label_name_invalid_characters) + 2 &&
                  int(error::label_value_invalid_ends) == int(error::label_value_invalid_characters) + 1 &&
                  int(error::label_value_too_long) == int(error::label_value_invalid_characters) + 2);
    auto const nth = [first](int n) { return static_cast<error>(static_cast<int>(first) + n); };
    if (!grammar::has_only_label_characters(s))
        return label_fault{nth(0), offset, s};
    if (!starts_and_ends_alphanumeric(s))
        return label_fault{nth(1), offset, s};
    if (s.size() > max_label_name_length)
        return label_fault{nth(2), offset, s};
    return std::nullopt;
}

// MetadataValidatorHelper#key_error: the first failing check, in Cloud Controller's order.
inline label_check label_key_check(std::string_view key, std::size_t offset) {
    if (is_blank(key))
        return label_fault{error::label_key_empty, offset, key};
    if (std::ranges::count(key, '/') > 1)
        return label_fault{error::label_key_too_many_slashes, offset, key};
    auto const [has_prefix, prefix, name] = split_label_key(key); // at most one '/' here
    if (has_prefix) {
        if (!grammar::is_dns_subdomain(prefix))
            return label_fault{error::label_prefix_invalid, offset, prefix};
        if (prefix.size() > max_label_prefix_length)
            return label_fault{error::label_prefix_too_long, offset, prefix};
        if (grammar::selector_rules::is_reserved_prefix(prefix))
            return label_fault{error::label_prefix_reserved, offset, prefix};
    }
    std::size_t const name_offset = offset + (key.size() - name.size());
    if (is_blank(name))
        return label_fault{error::label_key_empty, name_offset, name};
    return label_text_check(name, name_offset, error::label_name_invalid_characters);
}

// MetadataValidatorHelper#value_error on each of `values` (at `offset`), split as label_values
// does; the empty value is valid.
inline label_check label_values_check(label_values const& values, std::size_t offset) {
    std::string_view rest = values.text();
    while (!rest.empty()) {
        std::size_t const size = std::min(rest.find(','), rest.size());
        if (size > 0)
            if (auto f = label_text_check(rest.substr(0, size), offset, error::label_value_invalid_characters))
                return f;
        std::size_t const next = std::min(size + 1, rest.size());
        rest.remove_prefix(next);
        offset += next;
    }
    return std::nullopt;
}

// Offset of `part` inside `whole`, which holds it.
inline std::size_t offset_in(std::string_view whole, std::string_view part) {
    return static_cast<std::size_t>(part.data() - whole.data());
}

/** Parses and validates a selector the way LabelSelectorRequirementValidator does: missing,
    then too many (counting unparseable requirements), then one error at most per requirement.
    Returns whether `out` is valid; errors go to `sink`.

    Requirements go straight to `out`: in place up to label_selector::inline_requirements, else
    into room for every requirement the text can hold, made once. Errors of a selector that
    turns out to have too many requirements are taken back, as Cloud Controller checks the count
    first. */
inline bool parse_label_selector(std::string_view text, label_selector& out, error_sink& sink) {
    auto& found = out.requirements;
    found.clear();
    auto const store = [&](grammar::requirement_match const& m) {
        if (found.size() == found.capacity()) // no more than one comma-separated part each
            found.reserve(std::min<std::size_t>(max_label_requirements, 1 + std::ranges::count(text, ',')));
        auto const parts = split_label_key(m.key); // a valid key: at most one '/', never "/" alone
        found.push_back({m.op, m.key, parts.prefix, parts.name, label_values(m.values)});
    };
    // Most selectors are valid: one pass, and done.
    if (grammar::for_each_valid_requirement(text, [&](std::size_t, grammar::requirement_match const& m) {
            return found.size() < max_label_requirements && (store(m), true);
        }) && !found.empty())
        return true;
    // The long way, which finds the error: split, match, check in Cloud Controller's order.
    found.clear();
    std::size_t const errors_before = sink.errors.size();
    std::size_t count = 0;
    bool valid = true;
    auto const fail = [&](query_error e) {
        valid = false;
        sink.add(std::move(e));
    };
    grammar::split_requirements(text, [&](std::size_t offset, std::string_view r) {
        if (++count > max_label_requirements || sink.done())
            return; // only counting from here on
        auto const match = grammar::match_requirement(r);
        if (!match)
            return fail(selector_error(error::invalid_label_selector, offset, "Invalid label_selector value"));
        if (auto f = label_key_check(match->key, offset_in(text, match->key)))
            return fail(selector_error(*f));
        label_values const values(match->values);
        if (auto f = label_values_check(values, offset_in(text, values.text())))
            return fail(selector_error(*f));
        store(*match);
    });
    if (count == 0) {
        sink.add(selector_error(error::missing_label_selector, 0, "Missing label_selector value"));
        return false;
    }
    if (count > max_label_requirements) { // nothing of it counts
        found.clear();
        sink.errors.resize(errors_before);
        static_assert(max_label_requirements == 50, "the message names it");
        sink.add(selector_error(error::too_many_label_requirements, 0,
                                "Too many label_selector requirements (maximum is 50)"));
        return false;
    }
    return valid;
}

} // namespace detail

result<label_selector> parse_label_selector(std::string_view text) {
    result<label_selector> r(boost::system::in_place_value); // filled in place, not moved
    std::vector<query_error> errors;
    detail::error_sink sink{errors, true};
    if (!detail::parse_label_selector(text, *r, sink))
        r = std::move(errors.front());
    return r;
}

result<void> parse_label_selector(std::string_view text, label_selector& out) {
    std::vector<query_error> errors;
    detail::error_sink sink{errors, true};
    if (!detail::parse_label_selector(text, out, sink))
        return std::move(errors.front());
    return {};
}

} // namespace listquery
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_PARSE_IMPL_LABEL_SELECTOR_IPP
// end file listquery/parse/impl/label_selector.ipp
#endif
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_PARSE_LABEL_SELECTOR_HPP
// end file listquery/parse/label_selector.hpp
// begin file listquery/parse/list_query.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_PARSE_LIST_QUERY_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_PARSE_LIST_QUERY_HPP

// #include <listquery/detail/config.hpp> (already inlined)
// #include <listquery/endpoint.hpp> (already inlined)
// #include <listquery/limits.hpp> (already inlined)
// #include <listquery/query.hpp> (already inlined)
// #include <listquery/query_errors.hpp> (already inlined)
// #include <listquery/result.hpp> (already inlined)

#include <boost/system/result.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace listquery {

/// How `parse_list_query` works.
struct parse_options {
    /// Collect every problem, in Cloud Controller's order (its behaviour); `false` stops at the
    /// first one, for callers who only need to know that the query is bad.
    bool all_errors = true;
    /// Overrides the endpoint's `maximum_result` (Cloud Controller's `max_total_results`).
    std::optional<std::uint64_t> maximum_result;
    /// The longest query string accepted, in bytes (Cloud Controller leaves it to Rack, 4 MiB).
    std::size_t max_query_length = default_max_query_length;
    /// The most elements one list filter (or timestamp equality list) may hold.
    std::size_t max_list_elements = default_max_list_elements;
    /// Overrides the endpoint's `keyset_paging`, as a server that turns it on by configuration
    /// does (docs/keyset.md).
    std::optional<bool> keyset_paging;
};

//------------------------------------------------
/** Parse and validate a whole list query for an endpoint declared at run time.

    Prefer `parse_list_query<E>`, which checks the declaration at compile time; this form is for
    routers that pick the endpoint at run time, and expects a declaration that passes those checks.

    @param query The raw query string, without `?`, as it arrived (percent-encoded); for a URL
    Boost.URL has parsed, `url_view::encoded_query()`.
*/
LISTQUERY_DECL result<list_query> parse_list_query(std::string_view query, endpoint const& e,
                                     parse_options const& opts = {});


//------------------------------------------------
/** Parse and validate a whole list query for endpoint `E` (docs/semantics.md).

    The query string is split on `&`; keys and values are form-decoded (`+` is a space); the last
    of repeated keys wins; then every parameter is validated in Cloud Controller's order: page,
    per_page, maximum result, order_by, timestamp filters, common filters, label_selector,
    unknown parameters, the endpoint's own filters, parameters its route rejects. All problems
    are collected (or only the first, with `parse_options::all_errors = false`) into the
    Cloud Foundry error response; malformed percent-encoding alone makes a 400 whose detail names
    the first offending parameter.

    @par Example
    @code
    auto q = listquery::parse_list_query<listquery::cf::droplets>(
        "states=STAGED%2CFAILED&order_by=-created_at&per_page=2");
    assert(q && q->per_page == 2 && q->filter("states")->values.size() == 2);
    @endcode
    @par Complexity
    Linear in `query.size()`; no recursion.
*/
template <endpoint const& E>
result<list_query> parse_list_query(std::string_view query, parse_options const& opts = {}) {
    static_assert(detail::no_gaps(E.filters) && detail::no_gaps(E.rejected) &&
                      detail::no_gaps(E.order_by) && detail::no_gaps(E.common_filters) &&
                      detail::no_gaps(E.timestamp_filters),
                  "listquery: an endpoint declares a name after an empty slot");
    static_assert(detail::all_wire_names(detail::declared(E.filters)) &&
                      detail::all_wire_names(detail::declared(E.rejected)) &&
                      detail::all_wire_names(detail::declared(E.common_filters)) &&
                      detail::all_wire_names(detail::declared(E.timestamp_filters)),
                  "listquery: an endpoint's parameter names must hold only a-z, 0-9 and '_'");
    static_assert(detail::parameter_names_unique(E),
                  "listquery: an endpoint declares one parameter name twice (or reuses page, "
                  "per_page, order_by or label_selector)");
    static_assert(detail::all_wire_names(detail::declared(E.order_by)) &&
                      detail::unique(detail::declared(E.order_by)),
                  "listquery: an endpoint's order_by values must be unique and hold only a-z, "
                  "0-9 and '_'");
    return parse_list_query(query, E, opts);
}


} // namespace listquery

#if !defined(LISTQUERY_SEPARATE_COMPILATION)
// begin file listquery/parse/impl/list_query.ipp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_PARSE_IMPL_LIST_QUERY_IPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_PARSE_IMPL_LIST_QUERY_IPP

// #include <listquery/parse/list_query.hpp> (already inlined)

// #include <listquery/detail/concat.hpp> (already inlined)
// #include <listquery/detail/error_sink.hpp> (already inlined)
// begin file listquery/detail/first_seen.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_DETAIL_FIRST_SEEN_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_DETAIL_FIRST_SEEN_HPP

#include <boost/unordered/unordered_flat_set.hpp>

#include <cstddef>
#include <cstdint>
#include <span>
#include <type_traits>
#include <utility>
#include <vector>

namespace listquery::detail {

/** Items with distinct keys, in order of first appearance; finding an item's key costs the
    same however many came before (a request may bring hundreds of thousands of names).

    The hash table holds 4-byte positions in `items()`, not the keys, so that it stays small
    enough for the cache at that size (a table of the keys themselves made the largest queries
    2.5x slower per byte). `KeyOf` projects an item to its key; `Hash` hashes keys. */
template <class Item, class KeyOf, class Hash>
class first_seen {
public:
    first_seen() = default;
    first_seen(first_seen const&) = delete; // the table refers to items_
    first_seen& operator=(first_seen const&) = delete;

    /// The item whose key is `item`'s, now `item` if there was none; whether it was added.
    std::pair<Item*, bool> insert(Item const& item) {
        if (auto const at = positions_.find(lookup{KeyOf{}(item)}); at != positions_.end())
            return {&items_[*at], false};
        items_.push_back(item);
        positions_.insert(static_cast<std::uint32_t>(items_.size() - 1));
        return {&items_.back(), true};
    }

    /// Makes room for `n` items, so that no insert moves the others or rehashes the table
    /// (rehashing reads every item again, in random order).
    void reserve(std::size_t n) {
        items_.reserve(n);
        positions_.reserve(n);
    }

    std::span<Item const> items() const noexcept { return items_; }
    bool empty() const noexcept { return items_.empty(); }

private:
    using key_type = std::remove_cvref_t<decltype(KeyOf{}(std::declval<Item const&>()))>;
    struct lookup { // a key not (yet) in items_
        key_type key;
    };
    struct position_hash {
        using is_transparent = void;
        std::vector<Item> const* items;
        std::size_t operator()(std::uint32_t i) const noexcept { return Hash{}(KeyOf{}((*items)[i])); }
        std::size_t operator()(lookup const& k) const noexcept { return Hash{}(k.key); }
    };
    struct position_equal {
        using is_transparent = void;
        std::vector<Item> const* items;
        key_type key(std::uint32_t i) const noexcept { return KeyOf{}((*items)[i]); }
        key_type key(lookup const& k) const noexcept { return k.key; }
        bool operator()(auto const& a, auto const& b) const noexcept { return key(a) == key(b); }
    };

    std::vector<Item> items_;
    boost::unordered_flat_set<std::uint32_t, position_hash, position_equal> positions_{
        0, position_hash{&items_}, position_equal{&items_}};
};

} // namespace listquery::detail
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_DETAIL_FIRST_SEEN_HPP
// end file listquery/detail/first_seen.hpp
// begin file listquery/detail/grammar/query_string.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_DETAIL_GRAMMAR_QUERY_STRING_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_DETAIL_GRAMMAR_QUERY_STRING_HPP

// #include <listquery/detail/grammar/x3.hpp> (already inlined)

#include <string_view>

namespace listquery::detail::grammar {

/// One `&`-separated segment of a query string, still percent-encoded.
struct raw_param {
    std::string_view key, value;
    bool has_value = false;
    /// Whether the key, or the value, holds a `%` (may need decoding, may be malformed) or a
    /// `+` (a space): the others are their own text.
    bool key_escaped = false, value_escaped = false;
};

namespace query_string_rules {

inline constexpr lut_chars key_byte = ~lut_chars("&=%+"); // ends at '&' or '='; '%' and '+' are noted
inline constexpr lut_chars value_byte = ~lut_chars("&%+");
inline constexpr lut_chars escape_byte = "%+";
inline auto const view_of = [](auto const& range) {
    return std::string_view(range.begin(), static_cast<std::size_t>(range.end() - range.begin()));
};
inline auto const set_key = [](auto& ctx) { x3::_val(ctx).key = view_of(x3::_attr(ctx)); };
inline auto const set_value = [](auto& ctx) {
    x3::_val(ctx).value = view_of(x3::_attr(ctx));
    x3::_val(ctx).has_value = true;
};
inline auto const key_escaped = [](auto& ctx) { x3::_val(ctx).key_escaped = true; };
inline auto const value_escaped = [](auto& ctx) { x3::_val(ctx).value_escaped = true; };
// A segment never fails: the key runs to the first '=' or '&', the value to the next '&'.
inline auto const segment =
    x3::rule<struct segment_id, raw_param>{"query segment"} =
        x3::raw[*(+byte_class<key_byte>{} | byte_class<escape_byte>{}[key_escaped])][set_key] >>
        -('=' >> x3::raw[*(+byte_class<value_byte>{} | byte_class<escape_byte>{}[value_escaped])][set_value]);
} // namespace query_string_rules

/// Calls `f(raw_param)` for each non-empty segment, split on `&` only (docs/semantics.md#query-split), the key
/// ending at the first `=`; one pass over the bytes.
template <class F>
void for_each_raw_param(std::string_view query, F&& f) {
    char const* it = query.data();
    char const* const end = it + query.size();
    while (it != end) {
        if (*it == '&') {
            ++it;
            continue;
        }
        raw_param p;
        x3::parse(it, end, query_string_rules::segment, p); // stops at '&' or the end
        f(p);
    }
}

} // namespace listquery::detail::grammar
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_DETAIL_GRAMMAR_QUERY_STRING_HPP
// end file listquery/detail/grammar/query_string.hpp
// begin file listquery/detail/humanize.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_DETAIL_HUMANIZE_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_DETAIL_HUMANIZE_HPP

#include <string>
#include <string_view>

namespace listquery::detail {

/// ActiveSupport's `humanize` of a wire name, as error messages print it:
/// `created_ats` → `Created ats`, `app_guids` → `App guids`.
inline std::string humanize(std::string_view name) {
    std::string out(name);
    for (char& c : out)
        if (c == '_')
            c = ' ';
    if (!out.empty() && out.front() >= 'a' && out.front() <= 'z')
        out.front() = static_cast<char>(out.front() - 'a' + 'A');
    return out;
}

} // namespace listquery::detail
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_DETAIL_HUMANIZE_HPP
// end file listquery/detail/humanize.hpp
// #include <listquery/detail/percent.hpp> (already inlined)
// begin file listquery/detail/quoted_list.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_DETAIL_QUOTED_LIST_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_DETAIL_QUOTED_LIST_HPP

#include <string>
#include <string_view>

namespace listquery::detail {

/// Appends Cloud Controller's list of names, each quoted: `'a', 'b', 'c'`.
template <class Names>
void append_quoted_list(std::string& out, Names const& names) {
    bool first = true;
    for (std::string_view name : names) {
        (out += first ? "'" : ", '").append(name) += '\'';
        first = false;
    }
}

} // namespace listquery::detail
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_DETAIL_QUOTED_LIST_HPP
// end file listquery/detail/quoted_list.hpp
// begin file listquery/detail/seeded_hash.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_DETAIL_SEEDED_HASH_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_DETAIL_SEEDED_HASH_HPP

#include <boost/container_hash/hash.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace listquery::detail {

/// A string hash seeded once per process, for sets of names taken from requests: a client
/// cannot pick keys that collide (which would make each look-up linear) without knowing the
/// seed. boost::hash_range mixes the seed into every step.
struct seeded_hash {
    static std::size_t seed() noexcept {
        static std::size_t const value = [] {
            static char const anchor = 0; // differs between runs under ASLR
            auto const now = static_cast<std::size_t>(std::chrono::steady_clock::now().time_since_epoch().count());
            return now ^ reinterpret_cast<std::uintptr_t>(&anchor);
        }();
        return value;
    }

    std::size_t operator()(std::string_view s) const noexcept {
        std::size_t h = seed();
        boost::hash_range(h, s.begin(), s.end());
        return h;
    }
};

} // namespace listquery::detail
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_DETAIL_SEEDED_HASH_HPP
// end file listquery/detail/seeded_hash.hpp
// #include <listquery/detail/text_buffer.hpp> (already inlined)
// #include <listquery/parse/impl/filter_list.ipp> (already inlined)
// #include <listquery/parse/impl/label_selector.ipp> (already inlined)
// begin file listquery/parse/impl/order_by.ipp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_PARSE_IMPL_ORDER_BY_IPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_PARSE_IMPL_ORDER_BY_IPP

// begin file listquery/parse/order_by.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_PARSE_ORDER_BY_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_PARSE_ORDER_BY_HPP

// #include <listquery/detail/config.hpp> (already inlined)
// #include <listquery/order_by.hpp> (already inlined)
// #include <listquery/result.hpp> (already inlined)

#include <optional>
#include <span>
#include <string_view>

namespace listquery {


//------------------------------------------------
/** Parse the value of the `order_by` query parameter.

    Cloud Controller's rule is `/\A(\+|-)?(v1|v2|…)\z/`, case-sensitive. A blank value (empty or
    only white space, as ActiveSupport's `blank?`) is ignored: the result is an empty optional.
    A `+` written literally in a URL decodes to a space, so clients must send `%2B`.

    @par BNF
    @code
    order-by = [ "+" / "-" ] allowed-value
    @endcode

    @par Example
    @code
    std::string_view const allowed[] = {"created_at", "updated_at"};
    auto r = listquery::parse_order_by("-created_at", allowed);
    assert(r && *r == listquery::order_by{"created_at", listquery::direction::desc});
    @endcode
    @param value The decoded value.
    @param allowed The field names the endpoint can order by; the result refers to them.
    @return The ordering, nothing for a blank value, or `error::invalid_order_by` at the first byte
    where no allowed value can continue.
*/
LISTQUERY_DECL result<std::optional<order_by>> parse_order_by(std::string_view value,
                                                     std::span<std::string_view const> allowed);

} // namespace listquery

#if !defined(LISTQUERY_SEPARATE_COMPILATION)
// #include <listquery/parse/impl/order_by.ipp> (already inlined)
#endif
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_PARSE_ORDER_BY_HPP
// end file listquery/parse/order_by.hpp

// #include <listquery/detail/blank.hpp> (already inlined)
// #include <listquery/detail/quoted_list.hpp> (already inlined)

#include <algorithm>
#include <string>

namespace listquery {

namespace detail {
// Cloud Controller's message, listing every allowed value quoted and in the caller's order.
inline std::string order_by_message(std::span<std::string_view const> allowed) {
    std::string m = "Order by can only be: ";
    append_quoted_list(m, allowed);
    return m;
}
} // namespace detail

result<std::optional<order_by>> parse_order_by(std::string_view value,
                                                     std::span<std::string_view const> allowed) {
    if (detail::is_blank(value))
        return std::optional<order_by>{};
    order_by out;
    std::string_view name = value;
    if (name.front() == '+' || name.front() == '-') {
        out.dir = name.front() == '-' ? direction::desc : direction::asc;
        name.remove_prefix(1);
    }
    std::size_t longest_match = 0; // the offset of the error: how far some allowed value agrees
    for (std::string_view candidate : allowed) {
        if (candidate == name) {
            out.field = candidate;
            return std::optional<order_by>{out};
        }
        auto const mismatch = std::ranges::mismatch(candidate, name);
        longest_match =
            std::max(longest_match, static_cast<std::size_t>(mismatch.in2 - name.begin()));
    }
    return query_error{error::invalid_order_by, "order_by",
                       value.size() - name.size() + longest_match,
                       detail::order_by_message(allowed)};
}

} // namespace listquery
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_PARSE_IMPL_ORDER_BY_IPP
// end file listquery/parse/impl/order_by.ipp
// begin file listquery/parse/impl/paging.ipp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_PARSE_IMPL_PAGING_IPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_PARSE_IMPL_PAGING_IPP

// begin file listquery/parse/paging.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_PARSE_PAGING_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_PARSE_PAGING_HPP

// #include <listquery/detail/config.hpp> (already inlined)
// #include <listquery/limits.hpp> (already inlined)
// #include <listquery/result.hpp> (already inlined)

#include <cstdint>
#include <string_view>

namespace listquery {

//------------------------------------------------
/** Parse the value of the `page` query parameter.

    @par BNF
    @code
    page = 1*DIGIT   ; ASCII digits only, value > 0, leading zeros allowed
    @endcode
    Values that do not fit in 64 bits are still positive integers: they saturate to 2^64-1 and are
    rejected by `check_maximum_result`, which every whole-query parse runs.

    @par Example
    @code
    assert(listquery::parse_page("007").value() == 7);
    assert(listquery::parse_page("2abc").error().errors[0].offset == 1); // Page must be a positive integer
    @endcode
    @return The page number, or `error::invalid_page` at the first byte that is not a digit (or 0
    for a zero value).
*/
LISTQUERY_DECL result<std::uint64_t> parse_page(std::string_view value);

//------------------------------------------------
/** Parse the value of the `per_page` query parameter.

    @par BNF
    @code
    per-page = 1*DIGIT   ; ASCII digits only, 1 <= value <= 5000, leading zeros allowed
    @endcode

    @par Example
    @code
    assert(listquery::parse_per_page("5000").value() == 5000);
    assert(listquery::parse_per_page("5001").error().errors[0].code ==
           listquery::error::per_page_out_of_range); // Per page must be between 1 and 5000
    @endcode
    @return The page size, or `error::invalid_per_page` (not digits, or zero) or
    `error::per_page_out_of_range` (above 5000).
*/
LISTQUERY_DECL result<std::uint64_t> parse_per_page(std::string_view value);

//------------------------------------------------
/** Check Cloud Controller's bound on how deep a client may page.

    Fails when `page * per_page > maximum_result` (equality is allowed, although Cloud Foundry's
    message says "less than"). The product is never computed, so no input overflows. A
    `maximum_result` of 2^64-1 is treated as 2^64-2, so that saturated inputs are always rejected.
    Callers pass 0 for a value that was given but is not all digits: it adds no error.

    @par Example
    @code
    assert(listquery::check_maximum_result(3, 50, 100).error().errors[0].message ==
           "Maximum result (page * per_page) must be less than 100");
    @endcode
*/
LISTQUERY_DECL result<void> check_maximum_result(std::uint64_t page, std::uint64_t per_page,
                                         std::uint64_t maximum_result = default_maximum_result);

} // namespace listquery

#if !defined(LISTQUERY_SEPARATE_COMPILATION)
// #include <listquery/parse/impl/paging.ipp> (already inlined)
#endif
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_PARSE_PAGING_HPP
// end file listquery/parse/paging.hpp

// begin file listquery/detail/grammar/number.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_DETAIL_GRAMMAR_NUMBER_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_DETAIL_GRAMMAR_NUMBER_HPP

// #include <listquery/detail/grammar/x3.hpp> (already inlined)

#include <cstdint>
#include <limits>
#include <string_view>

namespace listquery::detail::grammar {

/// A run of ASCII digits read as a number that saturates instead of overflowing.
struct digit_run {
    /// Length of the digits that start the input; the first non-digit is at this offset.
    std::size_t length = 0;
    /// Their value; any value above 2^64-1 reads as 2^64-1.
    std::uint64_t value = 0;
};

inline constexpr std::uint64_t saturated = std::numeric_limits<std::uint64_t>::max();

/// Reads the digits that start `s`, saturating at `saturated`.
inline digit_run read_digits(std::string_view s) {
    digit_run run;
    auto add_digit = [&run](auto& ctx) {
        auto const d = static_cast<std::uint64_t>(x3::_attr(ctx) - '0');
        run.value = run.value > (saturated - d) / 10 ? saturated : run.value * 10 + d;
    };
    run.length = parse_prefix(s, *x3::ascii::digit[add_digit]);
    return run;
}

} // namespace listquery::detail::grammar
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_DETAIL_GRAMMAR_NUMBER_HPP
// end file listquery/detail/grammar/number.hpp

#include <string>

namespace listquery {

result<std::uint64_t> parse_page(std::string_view value) {
    auto const run = detail::grammar::read_digits(value);
    if (run.length == value.size() && run.value != 0)
        return run.value;
    return query_error{error::invalid_page, "page", run.length == value.size() ? 0 : run.length,
                       "Page must be a positive integer"};
}

result<std::uint64_t> parse_per_page(std::string_view value) {
    auto const run = detail::grammar::read_digits(value);
    if (run.length != value.size() || run.value == 0)
        return query_error{error::invalid_per_page, "per_page",
                           run.length == value.size() ? 0 : run.length,
                           "Per page must be a positive integer"};
    static_assert(max_per_page == 5000, "the message names it");
    if (run.value > max_per_page)
        return query_error{error::per_page_out_of_range, "per_page", 0,
                           "Per page must be between 1 and 5000"};
    return run.value;
}

result<void> check_maximum_result(std::uint64_t page, std::uint64_t per_page,
                                         std::uint64_t maximum_result) {
    if (maximum_result == detail::grammar::saturated)
        maximum_result = detail::grammar::saturated - 1;
    if (page == 0 || per_page == 0 || page <= maximum_result / per_page)
        return {};
    return query_error{error::maximum_result_exceeded, "page", 0,
                       "Maximum result (page * per_page) must be less than " +
                           std::to_string(maximum_result)};
}

} // namespace listquery
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_PARSE_IMPL_PAGING_IPP
// end file listquery/parse/impl/paging.ipp
// begin file listquery/parse/impl/timestamp.ipp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_PARSE_IMPL_TIMESTAMP_IPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_PARSE_IMPL_TIMESTAMP_IPP

// begin file listquery/parse/timestamp.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_PARSE_TIMESTAMP_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_PARSE_TIMESTAMP_HPP

// #include <listquery/detail/config.hpp> (already inlined)
// #include <listquery/result.hpp> (already inlined)
// #include <listquery/timestamp.hpp> (already inlined)

#include <string_view>

namespace listquery {


//------------------------------------------------
/** Parse one timestamp of a timestamp filter.

    Strictly `YYYY-MM-DDThh:mm:ssZ` (Cloud Controller's `/\A\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z\Z/`),
    and a real calendar instant: month 01-12, a day that exists in that month and year, hour
    00-23, minute and second 00-59 (docs/semantics.md#timestamp-format: Cloud Controller checks only the shape). No
    fractions, offsets, lower-case `t`/`z`, or trailing newline.

    @par Example
    @code
    auto t = listquery::parse_timestamp("2020-02-29T23:59:59Z");
    assert(t && listquery::to_string(*t) == "2020-02-29T23:59:59Z");
    @endcode
    @param value The decoded value.
    @param parameter The filter's wire name, for the message: `Created ats has an invalid …`.
    @return The instant, or `error::invalid_timestamp` at the first byte that does not fit the
    format, or at the calendar field that does not exist.
*/
LISTQUERY_DECL result<timestamp> parse_timestamp(std::string_view value,
                                         std::string_view parameter = "created_ats");

} // namespace listquery

#if !defined(LISTQUERY_SEPARATE_COMPILATION)
// #include <listquery/parse/impl/timestamp.ipp> (already inlined)
#endif
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_PARSE_TIMESTAMP_HPP
// end file listquery/parse/timestamp.hpp

// #include <listquery/detail/grammar/x3.hpp> (already inlined)
// #include <listquery/detail/humanize.hpp> (already inlined)

#include <algorithm>
#include <chrono>
#include <string>

namespace listquery {

namespace detail {

inline constexpr std::string_view timestamp_shape = "0000-00-00T00:00:00Z"; // 0 = a digit

// Offset of the first byte that does not fit `YYYY-MM-DDThh:mm:ssZ`; the cold path only.
inline std::size_t timestamp_shape_mismatch(std::string_view s) {
    for (std::size_t i = 0; i < s.size() && i < timestamp_shape.size(); ++i) {
        bool const digit = s[i] >= '0' && s[i] <= '9';
        if (timestamp_shape[i] == '0' ? !digit : s[i] != timestamp_shape[i])
            return i;
    }
    return std::min(s.size(), timestamp_shape.size());
}

/// The message Cloud Controller gives a malformed timestamp of `parameter` (`created_ats`).
inline std::string invalid_timestamp_message(std::string_view parameter) {
    return detail::humanize(parameter) +
           " has an invalid timestamp format. Timestamps should be formatted as "
           "'YYYY-MM-DDThh:mm:ssZ'";
}

} // namespace detail

result<timestamp> parse_timestamp(std::string_view value,
                                         std::string_view parameter) {
    namespace x3 = detail::grammar::x3;
    unsigned y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    auto const field = [](unsigned& out) {
        return x3::uint_parser<unsigned, 10, 2, 2>()[([&out](auto& ctx) { out = x3::_attr(ctx); })];
    };
    auto const year = x3::uint_parser<unsigned, 10, 4, 4>()[([&y](auto& ctx) { y = x3::_attr(ctx); })];
    auto const grammar = year >> '-' >> field(mo) >> '-' >> field(d) >> 'T' >> field(h) >> ':' >>
                         field(mi) >> ':' >> field(s) >> 'Z' >> x3::eoi;
    auto fail = [&](std::size_t offset) {
        return query_error{error::invalid_timestamp, std::string(parameter), offset,
                           detail::invalid_timestamp_message(parameter)};
    };
    if (detail::grammar::parse_prefix(value, grammar) != value.size())
        return fail(detail::timestamp_shape_mismatch(value));
    std::chrono::year_month_day const date{std::chrono::year(static_cast<int>(y)),
                                           std::chrono::month(mo), std::chrono::day(d)};
    if (!date.month().ok())
        return fail(5);
    if (!date.ok())
        return fail(8);
    if (h > 23)
        return fail(11);
    if (mi > 59)
        return fail(14);
    if (s > 59)
        return fail(17);
    return std::chrono::sys_days(date) + std::chrono::hours(h) + std::chrono::minutes(mi) +
           std::chrono::seconds(s);
}

} // namespace listquery
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_PARSE_IMPL_TIMESTAMP_IPP
// end file listquery/parse/impl/timestamp.ipp

#include <boost/container/static_vector.hpp>
#include <boost/url/grammar/string_token.hpp>
#include <boost/url/pct_string_view.hpp>

#include <algorithm>
#include <functional>
#include <array>
#include <memory>
#include <span>
#include <string>
#include <tuple>
#include <vector>

namespace listquery {

namespace detail {

/// Offset of the first `%` not followed by two hex digits.
inline std::size_t bad_escape_offset(std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i)
        if (s[i] == '%' && !is_valid_escape(s, i))
            return i;
    return s.size();
}

/// docs/semantics.md#query-percent: the error for `malformed`, the key or value of the parameter `name` (the
/// decoded key, or the key as written when it is the key that is malformed).
inline query_error percent_encoding_error(std::string_view name, std::string_view malformed) {
    return {error::invalid_percent_encoding, std::string(name), bad_escape_offset(malformed),
            concat({"Invalid percent-encoding in query parameter '", name, "'"})};
}

/// Everything the request said about one parameter name.
struct parameter_slot {
    bool present = false;
    /// The first bracketed key (`states[]`), which Cloud Controller cannot take as a list.
    std::string_view bracketed_key;
    /// A plain `name=…` was given; the last one wins.
    bool plain = false;
    /// The last plain value; empty for a bare `name` with no '='.
    std::optional<std::string_view> value;
    /// Whether `value` is in the query's storage already (it was decoded), or still refers to
    /// the query string.
    bool value_stored = false;
    /// For timestamp filters: some `name[op]=v` was given (query_parser keeps them).
    bool has_relations = false;
};

enum class slot_kind { page, page_token, per_page, order_by, label_selector, timestamp, common_filter, filter, rejected };

/// The most names an endpoint can know: page, page_token, per_page, order_by, label_selector
/// and its arrays.
inline constexpr std::size_t max_parameters =
    5 + std::tuple_size_v<decltype(endpoint::timestamp_filters)> + std::tuple_size_v<decltype(endpoint::common_filters)> +
    std::tuple_size_v<decltype(endpoint::filters)> + std::tuple_size_v<decltype(endpoint::rejected)>;

/// The names an endpoint knows, each with its slot, in the endpoint's order; only the
/// endpoint's own are built (a parse must not pay for all max_parameters of them).
class parameter_table {
public:
    struct entry {
        std::string_view name;
        slot_kind kind = slot_kind::page;
        parameter_slot slot;
    };

    parameter_table(endpoint const& e, bool keyset) {
        add("page", slot_kind::page);
        if (keyset)
            add("page_token", slot_kind::page_token);
        add("per_page", slot_kind::per_page);
        add("order_by", slot_kind::order_by);
        for (auto n : declared(e.timestamp_filters))
            add(n, slot_kind::timestamp);
        for (auto n : declared(e.common_filters))
            add(n, slot_kind::common_filter);
        for (auto n : declared(e.filters))
            add(n, slot_kind::filter);
        if (e.accepts_label_selector)
            add("label_selector", slot_kind::label_selector);
        for (auto n : declared(e.rejected))
            add(n, slot_kind::rejected);
    }

    std::span<entry> entries() noexcept { return entries_; }
    std::span<entry const> entries() const noexcept { return entries_; }

    entry* find(std::string_view name) {
        for (auto& en : entries())
            if (en.name == name)
                return &en;
        return nullptr;
    }

    /// The slot of page, per_page, order_by or label_selector (present in every table).
    parameter_slot& at(slot_kind kind) {
        for (auto& en : entries())
            if (en.kind == kind)
                return en.slot;
        return absent_; // label_selector when not accepted
    }

private:
    void add(std::string_view name, slot_kind kind) { entries_.push_back({name, kind, {}}); }

    boost::container::static_vector<entry, max_parameters> entries_;
    parameter_slot absent_;
};

/// `Unknown query parameter(s): 'a', 'b'`
inline std::string unknown_parameters_message(std::span<std::string_view const> names) {
    std::string m = "Unknown query parameter(s): ";
    append_quoted_list(m, names);
    return m;
}

/// ` Valid parameters are: 'page', …`, in the endpoint's order.
inline std::string valid_parameters_suffix(parameter_table const& table) {
    boost::container::static_vector<std::string_view, max_parameters> names;
    for (auto const& en : table.entries())
        if (en.kind != slot_kind::rejected)
            names.push_back(en.name);
    std::string m = ". Valid parameters are: ";
    append_quoted_list(m, names);
    return m;
}

/// Parses and validates a query. Decoded bytes go to one buffer, allocated when first needed
/// with room for twice the query (the form decoding and the second decoding of list elements
/// each write at most the query's size).
class query_parser {
public:
    query_parser(endpoint const& e, parse_options const& opts, std::size_t query_size,
                 std::vector<query_error>& errors)
        : endpoint_(e), options_(opts), buffer_(2 * query_size),
          table_(e, opts.keyset_paging.value_or(e.keyset_paging)), sink_{errors, !opts.all_errors} {}

    /// Takes in every parameter; stops at, and returns, the first malformed percent-encoding.
    std::optional<query_error> collect(std::string_view query) {
        query_ = query;
        std::optional<query_error> bad;
        grammar::for_each_raw_param(query, [&](grammar::raw_param const& p) {
            if (bad)
                return;
            // Escaped parts are checked once by Boost.URL, then decoded from the checked view.
            std::string_view key = p.key;
            if (p.key_escaped) {
                auto const checked = boost::urls::make_pct_string_view(p.key);
                if (!checked)
                    return void(bad = percent_encoding_error(p.key, p.key));
                key = decode(*checked);
            }
            std::optional<std::string_view> value;
            if (p.has_value && p.value_escaped) {
                auto const checked = boost::urls::make_pct_string_view(p.value);
                if (!checked)
                    return void(bad = percent_encoding_error(key, p.value));
                value = decode(*checked);
            } else if (p.has_value) {
                value = p.value;
            }
            add(key, value, p.value_escaped);
        });
        return bad;
    }

    /// Validates in Cloud Controller's order (docs/semantics.md#errors-order) and fills `q`.
    void validate(list_query& q) {
        check_pagination(q);
        if (!sink_.done())
            check_page_token(q);
        if (!sink_.done())
            check_order_by(q);
        for (auto& en : table_.entries())
            if (en.kind == slot_kind::timestamp && en.slot.present && !sink_.done())
                check_timestamp(en, q);
        for (auto& en : table_.entries())
            if (en.kind == slot_kind::common_filter && en.slot.present && !sink_.done())
                check_filter(en, q);
        if (!sink_.done())
            check_label_selector(q);
        if (!unknown_.empty() && !sink_.done())
            sink_.add({error::unknown_parameter, std::string(unknown_.items().front()), 0,
                       unknown_parameters_message(unknown_.items()) + valid_parameters_suffix(table_)});
        for (auto& en : table_.entries())
            if (en.kind == slot_kind::filter && en.slot.present && !sink_.done())
                check_filter(en, q);
        check_rejected();
    }

    /// The decoded bytes, for the query to keep; null if nothing needed storing.
    std::shared_ptr<char[]> take_storage() noexcept { return buffer_.take(); }

private:
    std::string_view decode(boost::urls::pct_string_view encoded) {
        return encoded.decode({true}, text_buffer::token(buffer_)); // form decoding: '+' is a space
    }
    /// A slot's value in storage, where the query's views may refer to it.
    std::string_view stored_value(parameter_slot const& slot) {
        std::string_view const value = slot.value.value_or(std::string_view{});
        return slot.value_stored ? value : buffer_.append(value);
    }

    /// One decoded parameter: `key` and, unless it came without '=', `value` (in storage if
    /// `stored`, else in the query string).
    void add(std::string_view key, std::optional<std::string_view> value, bool stored) {
        if (key.empty())
            return; // docs/semantics.md#query-split
        // docs/semantics.md#query-brackets: "base[rest" with '[' at index 1 or later; the operator drops one ']'.
        auto const bracket = key.find('[');
        bool const bracketed = bracket != std::string_view::npos && bracket != 0;
        std::string_view const base = bracketed ? key.substr(0, bracket) : key;
        auto* en = table_.find(base);
        if (!en) {
            if (unknown_.empty()) // room for every segment's name: no growth, whatever follows
                unknown_.reserve(1 + static_cast<std::size_t>(std::ranges::count(query_, '&')));
            return void(unknown_.insert(base));
        }
        auto& slot = en->slot;
        slot.present = true;
        if (!bracketed) {
            slot.plain = true;
            slot.value = value;
            slot.value_stored = stored;
            return;
        }
        if (en->kind == slot_kind::timestamp) {
            std::string_view op = key.substr(bracket + 1);
            if (op.ends_with(']'))
                op.remove_suffix(1);
            auto const v = value.value_or(std::string_view{});
            if (relations_.empty()) // room for every bracketed key
                relations_.reserve(static_cast<std::size_t>(std::ranges::count(query_, '[')));
            if (auto const [same, added] = relations_.insert({&slot, op, v}); !added)
                same->value = v;
            slot.has_relations = true;
        } else if (slot.bracketed_key.empty()) {
            slot.bracketed_key = key;
        }
    }

    void check_pagination(list_query& q) {
        auto& page = table_.at(slot_kind::page);
        auto& per_page = table_.at(slot_kind::per_page);
        // For the maximum-result check: absent or bare counts as the default, not digits as 0.
        std::uint64_t page_count = default_page, per_page_count = default_per_page;
        if (!page.bracketed_key.empty()) {
            sink_.add({error::invalid_page, std::string(page.bracketed_key), 0, "Page must be a positive integer"});
            page_count = 0;
        } else if (page.value) {
            auto r = parse_page(*page.value);
            page_count = r ? *r : 0;
            if (r)
                q.page = *r;
            else
                sink_.add(r.error());
        }
        if (sink_.done())
            return;
        if (!per_page.bracketed_key.empty()) {
            sink_.add({error::invalid_per_page, std::string(per_page.bracketed_key), 0,
                       "Per page must be a positive integer"});
            per_page_count = 0;
        } else if (per_page.value) {
            auto r = parse_per_page(*per_page.value);
            auto const digits = grammar::read_digits(*per_page.value);
            per_page_count = digits.length == per_page.value->size() ? digits.value : 0;
            if (r)
                q.per_page = *r;
            else
                sink_.add(r.error());
        }
        if ((page.present || per_page.present) && !sink_.done()) {
            auto r = check_maximum_result(page_count, per_page_count,
                                          options_.maximum_result.value_or(endpoint_.maximum_result));
            if (!r)
                sink_.add(r.error());
        }
    }

    /// Keyset paging (docs/keyset.md): a token instead of a page, never both; the token stays
    /// opaque here (decode_page_token checks it).
    void check_page_token(list_query& q) {
        if (!options_.keyset_paging.value_or(endpoint_.keyset_paging))
            return;
        q.keyset_paging = true;
        auto& token = table_.at(slot_kind::page_token);
        if (!token.present)
            return;
        if (table_.at(slot_kind::page).present)
            sink_.add({error::page_with_page_token, "page_token", 0, "Page and page_token cannot be used together"});
        else if (!token.bracketed_key.empty() || !token.value || token.value->empty())
            sink_.add(detail::bad_page_token_error());
        else
            q.page_token = stored_value(token);
    }

    void check_order_by(list_query& q) {
        auto const& slot = table_.at(slot_kind::order_by);
        auto const allowed = declared(endpoint_.order_by);
        if (!slot.bracketed_key.empty()) {
            sink_.add({error::invalid_order_by, std::string(slot.bracketed_key), 0, order_by_message(allowed)});
        } else if (slot.value) {
            auto r = parse_order_by(*slot.value, allowed);
            if (r)
                q.order = *r;
            else
                sink_.add(r.error());
        }
        // Keyset pages need a total order: the first order_by value, ascending, by default.
        if (!q.order && options_.keyset_paging.value_or(endpoint_.keyset_paging) && !allowed.empty())
            q.order = order_by{allowed.front(), direction::asc};
    }

    void check_timestamp(parameter_table::entry const& en, list_query& q) {
        auto const& slot = en.slot;
        std::string const attr = humanize(en.name);
        if (slot.plain && slot.has_relations) { // docs/semantics.md#timestamp-operators
            sink_.add({error::mixed_timestamp_operators, std::string(en.name), 0,
                       attr + " cannot mix equality and relational operators"});
            return;
        }
        timestamp_filter f{en.name, {}, {}};
        bool valid = true;
        auto reject = [&](query_error e) {
            valid = false;
            sink_.add(std::move(e));
        };
        if (slot.plain) {
            std::string_view const value = slot.value.value_or(std::string_view{});
            if (filter_list_size(value) > options_.max_list_elements)
                reject(too_many_elements(en.name));
            else
                split_filter_list(value, buffer_, [&](std::string_view element, std::size_t offset) {
                    if (sink_.done())
                        return;
                    if (auto t = parse_timestamp(element, en.name))
                        f.any_of.push_back(*t);
                    else
                        reject({error::invalid_timestamp, std::string(en.name), offset, t.error().errors.front().message});
                });
        }
        for (auto const& relation : relations_.items()) {
            if (relation.slot != &slot)
                continue;
            std::string_view const op_text = relation.op, value = relation.value;
            if (sink_.done())
                return;
            std::string const key = concat({en.name, "[", op_text, "]"});
            constexpr timestamp_op ops[] = {timestamp_op::lt, timestamp_op::lte, timestamp_op::gt,
                                            timestamp_op::gte};
            auto const op = std::find_if(std::begin(ops), std::end(ops),
                                         [&](timestamp_op o) { return to_string(o) == op_text; });
            if (op == std::end(ops))
                reject({error::invalid_relational_operator, key, 0,
                        concat({attr, " Invalid relational operator: '", op_text, "'"})});
            if (sink_.done())
                return;
            if (value.find(',') != std::string_view::npos) {
                reject({error::relational_operator_takes_one_value, key, value.find(','),
                        attr + " only accepts one value when using a relational operator"});
                continue;
            }
            if (auto t = parse_timestamp(value, en.name); !t)
                reject({error::invalid_timestamp, key, t.error().errors.front().offset, t.error().errors.front().message});
            else if (op != std::end(ops))
                f.all_of.push_back({*op, *t});
        }
        if (valid)
            q.timestamps.push_back(std::move(f));
    }

    void check_filter(parameter_table::entry const& en, list_query& q) {
        if (!en.slot.bracketed_key.empty()) {
            sink_.add({error::not_an_array, std::string(en.slot.bracketed_key), 0,
                       humanize(en.name) + " must be an array"});
            return;
        }
        std::size_t const elements = filter_list_size(en.slot.value.value_or(std::string_view{}));
        if (elements > options_.max_list_elements)
            return void(sink_.add(too_many_elements(en.name)));
        q.filters.push_back({en.name, {}});
        auto& f = q.filters.back();
        f.values.reserve(elements);
        split_filter_list(stored_value(en.slot), buffer_,
                          [&f](std::string_view element, std::size_t) { f.values.push_back(element); });
    }

    query_error too_many_elements(std::string_view name) const {
        return {error::too_many_list_elements, std::string(name), 0,
                concat({humanize(name), " has too many values (maximum is ", std::to_string(options_.max_list_elements), ")"})};
    }

    void check_label_selector(list_query& q) {
        if (!endpoint_.accepts_label_selector)
            return;
        auto const& slot = table_.at(slot_kind::label_selector);
        if (!slot.present)
            return;
        if (!slot.bracketed_key.empty()) {
            sink_.add(selector_error(error::invalid_label_selector, 0, "Invalid label_selector value"));
            return;
        }
        std::string_view const text = stored_value(slot);
        if (!parse_label_selector(text, q.selector.emplace(), sink_))
            return q.selector.reset();
        q.selector_text = text;
    }

    void check_rejected() {
        std::array<std::string_view, 4> given;
        std::size_t n = 0;
        for (auto const& en : table_.entries())
            if (en.kind == slot_kind::rejected && en.slot.present)
                given[n++] = en.name;
        if (n != 0 && !sink_.done())
            sink_.add({error::parameter_not_allowed, std::string(given[0]), 0,
                       unknown_parameters_message({given.data(), n})});
    }

    endpoint const& endpoint_;
    parse_options const& options_;
    std::string_view query_;
    text_buffer buffer_;
    parameter_table table_;
    error_sink sink_;
    // `name[op]=v` of timestamp filters: operators in order of first appearance, last value wins.
    struct relation {
        parameter_slot const* slot;
        std::string_view op, value;
    };
    struct relation_key {
        parameter_slot const* slot;
        std::string_view op;
        friend bool operator==(relation_key const&, relation_key const&) = default;
    };
    struct key_of_relation {
        relation_key operator()(relation const& r) const noexcept { return {r.slot, r.op}; }
    };
    struct relation_hash {
        std::size_t operator()(relation_key const& k) const noexcept {
            std::size_t h = seeded_hash{}(k.op);
            boost::hash_combine(h, k.slot);
            return h;
        }
    };
    first_seen<relation, key_of_relation, relation_hash> relations_;
    first_seen<std::string_view, std::identity, seeded_hash> unknown_; // by base name
};

} // namespace detail

result<list_query> parse_list_query(std::string_view query, endpoint const& e,
                                     parse_options const& opts) {
    // One result, filled in place and returned without a move: a list_query holds its first
    // elements in place, so a move copies them.
    result<list_query> r(boost::system::in_place_value);
    auto const fail = [&r](std::vector<query_error> errors, error_response_kind kind) {
        r = query_errors{std::move(errors), kind};
    };
    if (query.size() > opts.max_query_length) { // like Rack's limits: 400 and the whole detail
        fail({{error::query_too_long, "", opts.max_query_length,
               detail::concat({"Query string is too long (maximum is ", std::to_string(opts.max_query_length),
                               " bytes)"})}},
             error_response_kind::bad_query_parameter);
        return r;
    }
    std::vector<query_error> errors;
    detail::query_parser parser(e, opts, query.size(), errors);
    if (auto bad = parser.collect(query)) { // always 400 and the whole detail
        fail({std::move(*bad)}, error_response_kind::bad_query_parameter);
        return r;
    }
    parser.validate(*r);
    if (!errors.empty())
        fail(std::move(errors), e.error_kind);
    else
        r->storage = parser.take_storage();
    return r;
}


} // namespace listquery
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_PARSE_IMPL_LIST_QUERY_IPP
// end file listquery/parse/impl/list_query.ipp
#endif
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_PARSE_LIST_QUERY_HPP
// end file listquery/parse/list_query.hpp
// #include <listquery/parse/order_by.hpp> (already inlined)
// #include <listquery/parse/paging.hpp> (already inlined)
// #include <listquery/parse/timestamp.hpp> (already inlined)

// begin file listquery/cf_endpoints.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_CF_ENDPOINTS_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_CF_ENDPOINTS_HPP

// #include <listquery/endpoint.hpp> (already inlined)

/// The list endpoints of the seed documents, declared with the parameters Cloud Controller
/// accepts there (order_by `created_at`, `updated_at`; 400 errors). The nested routes list
/// within one app: `cf::app_droplets.within(guid)`.
namespace listquery::cf {

/// `GET /v3/packages`
inline constexpr endpoint packages{.filters = {"states", "types", "app_guids"}};
/// `GET /v3/apps/:guid/packages`
inline constexpr endpoint app_packages{.filters = {"states", "types"}, .rejected = {"app_guids"}, .scoped_by = "app_guids"};
/// `GET /v3/droplets`
inline constexpr endpoint droplets{.filters = {"app_guids", "states"}};
/// `GET /v3/apps/:guid/droplets`
inline constexpr endpoint app_droplets{.filters = {"states"}, .rejected = {"app_guids"}, .scoped_by = "app_guids"};
/// `GET /v3/builds`
inline constexpr endpoint builds{.filters = {"app_guids", "package_guids", "states"}};
/// `GET /v3/apps/:guid/builds`
inline constexpr endpoint app_builds{.filters = {"package_guids", "states"}, .rejected = {"app_guids"},
                                     .scoped_by = "app_guids"};

} // namespace listquery::cf
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_CF_ENDPOINTS_HPP
// end file listquery/cf_endpoints.hpp

// begin file listquery/resource.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_RESOURCE_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_RESOURCE_HPP

#include <cstddef>
#include <string_view>
#include <tuple>
#include <type_traits>

namespace listquery {

/// Names a resource type for `listquery_fields`, which ADL finds in the type's namespace.
template <class T>
struct tag {};

/// What a declared field does.
enum class field_kind {
    guid,      ///< the resource's guid: answers `guids` and breaks ties when sorting
    list,      ///< answers a comma-delimited list filter (`states`)
    timestamp, ///< answers a timestamp filter (`created_ats`)
    sort_only, ///< only sortable (`order_by=name`)
    labels,    ///< the resource's labels, for `label_selector`
};

//------------------------------------------------
/** One field of a resource declaration: which filter it answers, how to read it from a
    resource (a member pointer or any callable taking the resource), and under which `order_by`
    value it sorts. Made by `guid_field`, `list_field`, `timestamp_field`, `sort_field`,
    `labels_field`.
*/
template <field_kind Kind, class Access>
struct field {
    static constexpr field_kind kind = Kind;
    /// The filter it answers (`guids`, `states`, `created_ats`), or empty.
    std::string_view filter_name;
    /// Member pointer or projection, called with `std::invoke(access, resource)`.
    Access access;
    /// The `order_by` value it sorts under, or empty.
    std::string_view sort_name;

    /// The same field, also sortable as `order_by=name`.
    constexpr field sortable(std::string_view name) const {
        field copy = *this;
        copy.sort_name = name;
        return copy;
    }
};

/// The guid: answers `guids`, is echoed nowhere, and breaks ties in every ordering.
template <class Access>
constexpr auto guid_field(Access access) {
    return field<field_kind::guid, Access>{"guids", access, {}};
}
/// A string field that answers the list filter `filter` (`states` → `&droplet::state`).
template <class Access>
constexpr auto list_field(std::string_view filter, Access access) {
    return field<field_kind::list, Access>{filter, access, {}};
}
/// A `std::chrono::sys_time` field that answers the timestamp filter `filter`.
template <class Access>
constexpr auto timestamp_field(std::string_view filter, Access access) {
    return field<field_kind::timestamp, Access>{filter, access, {}};
}
/// A field that only sorts, as `order_by=name`.
template <class Access>
constexpr auto sort_field(std::string_view name, Access access) {
    return field<field_kind::sort_only, Access>{{}, access, name};
}
/// The labels: an associative container or a range of pairs of strings.
template <class Access>
constexpr auto labels_field(Access access) {
    return field<field_kind::labels, Access>{{}, access, {}};
}

//------------------------------------------------
/** A resource's fields, declared once.

    @par Example
    @code
    namespace my {
    struct droplet { std::string guid, state, app_guid; listquery::timestamp created_at;
                     std::map<std::string, std::string> labels; };
    constexpr auto listquery_fields(listquery::tag<droplet>) {   // found by ADL
        return listquery::fields(
            listquery::guid_field(&droplet::guid),
            listquery::timestamp_field("created_ats", &droplet::created_at).sortable("created_at"),
            listquery::list_field("states", &droplet::state),
            listquery::list_field("app_guids", [](droplet const& d) { return std::string_view(d.app_guid); }),
            listquery::labels_field(&droplet::labels));
    }
    }
    @endcode
*/
template <class... Fields>
struct resource_fields {
    std::tuple<Fields...> fields;
    static constexpr std::size_t size = sizeof...(Fields);
};

/// Collects field declarations into a `resource_fields`.
template <class... Fields>
constexpr resource_fields<Fields...> fields(Fields... f) {
    return {{f...}};
}

/// For a type whose namespace you cannot add to: specialise with `static constexpr auto fields`.
template <class T>
struct resource_traits;

namespace detail {
template <class T>
concept has_adl_fields = requires { listquery_fields(tag<T>{}); };
template <class T>
concept has_traits_fields = requires { resource_traits<T>::fields; };

template <class T>
constexpr auto find_fields() {
    if constexpr (has_adl_fields<T>)
        return listquery_fields(tag<T>{});
    else
        return resource_traits<T>::fields;
}
} // namespace detail

/// Whether `T` has a declaration: `listquery_fields(tag<T>)` or `resource_traits<T>::fields`.
template <class T>
concept declared_resource = detail::has_adl_fields<T> || detail::has_traits_fields<T>;

/// The declaration of `T`'s fields.
template <declared_resource T>
inline constexpr auto fields_v = detail::find_fields<T>();

} // namespace listquery
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_RESOURCE_HPP
// end file listquery/resource.hpp

// begin file listquery/pipeline/apply.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_PIPELINE_APPLY_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_PIPELINE_APPLY_HPP

// begin file listquery/pipeline/filter.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_PIPELINE_FILTER_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_PIPELINE_FILTER_HPP

// #include <listquery/endpoint.hpp> (already inlined)
// begin file listquery/pipeline/match.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_PIPELINE_MATCH_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_PIPELINE_MATCH_HPP

// begin file listquery/detail/field_value.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_DETAIL_FIELD_VALUE_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_DETAIL_FIELD_VALUE_HPP

#include <chrono>
#include <compare>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>
#include <type_traits>

namespace listquery::detail {

template <class X>
inline constexpr bool is_optional_v = false;
template <class Y>
inline constexpr bool is_optional_v<std::optional<Y>> = true;

template <class X>
concept char_pointer = std::is_pointer_v<X> && std::is_same_v<std::remove_cv_t<std::remove_pointer_t<X>>, char>;

template <class X>
concept smart_pointer = requires(X const& x) {
    x.get();
    static_cast<bool>(x);
    typename X::element_type;
};

/// A value that may be null: `std::optional`, a pointer (not `char const*`), a smart pointer.
template <class X>
concept nullable = is_optional_v<X> || (std::is_pointer_v<X> && !char_pointer<X>) || smart_pointer<X>;

/// What a nullable holds (or `X` itself).
template <class X>
struct held {
    using type = X;
};
template <nullable X>
struct held<X> {
    using type = std::remove_cvref_t<decltype(*std::declval<X const&>())>;
};
template <class X>
using held_t = typename held<X>::type;

/// Address of the value `x` holds; null when `x` is null. Plain values are never null.
template <class X>
auto const* present(X const& x) {
    if constexpr (is_optional_v<X>)
        return x ? &*x : nullptr;
    else if constexpr (std::is_pointer_v<X> && !char_pointer<X>)
        return static_cast<std::remove_pointer_t<X> const*>(x);
    else if constexpr (smart_pointer<X>)
        return static_cast<typename X::element_type const*>(x.get());
    else
        return &x;
}

/// A string field: anything convertible to `std::string_view`, or `char const*`.
template <class X>
concept string_like = std::convertible_to<X const&, std::string_view>;

/// A string field's value; empty when it is null (a null `char const*`, an empty optional).
template <class X>
std::optional<std::string_view> string_value(X const& x) {
    if constexpr (char_pointer<X>) {
        return x ? std::optional<std::string_view>(x) : std::nullopt;
    } else if constexpr (nullable<X>) {
        auto const* p = present(x);
        return p ? string_value(*p) : std::nullopt;
    } else {
        return std::string_view(x);
    }
}

template <class X>
concept string_field = string_like<X> || (nullable<X> && string_like<held_t<X>>);

template <class X>
inline constexpr bool is_sys_time_v = false;
template <class D>
inline constexpr bool is_sys_time_v<std::chrono::sys_time<D>> = true;

template <class X>
concept timestamp_field_type = is_sys_time_v<X> || (nullable<X> && is_sys_time_v<held_t<X>>);

/// A sortable field: totally ordered, or a string, possibly nullable.
template <class X>
concept sortable_field_type = std::totally_ordered<held_t<X>> || string_field<X>;

/// Three-way comparison for sorting: null first, strings bytewise, others by `<`.
template <class X>
int compare_field(X const& a, X const& b) {
    if constexpr (string_field<X>) {
        auto const x = string_value(a), y = string_value(b);
        if (!x || !y)
            return x ? 1 : y ? -1 : 0;
        int const c = x->compare(*y); // char_traits<char>: bytes as unsigned char
        return c < 0 ? -1 : c > 0 ? 1 : 0;
    } else {
        auto const* x = present(a);
        auto const* y = present(b);
        if (!x || !y)
            return x ? 1 : y ? -1 : 0;
        return *x < *y ? -1 : *y < *x ? 1 : 0;
    }
}

} // namespace listquery::detail
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_DETAIL_FIELD_VALUE_HPP
// end file listquery/detail/field_value.hpp
// begin file listquery/detail/resource_checks.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_DETAIL_RESOURCE_CHECKS_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_DETAIL_RESOURCE_CHECKS_HPP
// A resource declaration checked against an endpoint, at compile time: the fields it must have,
// of the types they must be.

// #include <listquery/detail/field_value.hpp> (already inlined)
// #include <listquery/endpoint.hpp> (already inlined)
// #include <listquery/resource.hpp> (already inlined)

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

namespace listquery::detail {

/// Calls `f(field, index)` for each declared field of `T`.
template <class T, class F>
constexpr void for_each_field(F&& f) {
    constexpr auto const& decl = fields_v<T>;
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        (f(std::get<I>(decl.fields), std::integral_constant<std::size_t, I>{}), ...);
    }(std::make_index_sequence<std::remove_cvref_t<decltype(decl)>::size>{});
}

template <class T>
constexpr bool has_field(std::string_view filter, bool timestamp) {
    bool found = false;
    for_each_field<T>([&](auto const& f, auto) {
        bool const kind_fits = timestamp ? f.kind == field_kind::timestamp
                                         : f.kind == field_kind::list || f.kind == field_kind::guid;
        found = found || (kind_fits && f.filter_name == filter);
    });
    return found;
}

template <class T>
constexpr bool has_sort_field(std::string_view name) {
    bool found = false;
    for_each_field<T>([&](auto const& f, auto) { found = found || f.sort_name == name; });
    return found;
}

template <class T>
constexpr std::size_t count_fields(field_kind kind) {
    std::size_t n = 0;
    for_each_field<T>([&](auto const& f, auto) { n += f.kind == kind; });
    return n;
}

template <class T>
constexpr bool names_unique() {
    std::array<std::string_view, 2 * fields_v<T>.size> names{};
    std::size_t n = 0;
    for_each_field<T>([&](auto const& f, auto) {
        if (!f.filter_name.empty())
            names[n++] = f.filter_name;
    });
    std::size_t const filters = n;
    for_each_field<T>([&](auto const& f, auto) {
        if (!f.sort_name.empty())
            names[n++] = f.sort_name;
    });
    return unique({names.data(), filters}) && unique({names.data() + filters, n - filters});
}

template <endpoint const& E, class T>
constexpr bool every_list_filter_declared() {
    for (auto list : {declared(E.common_filters), declared(E.filters)})
        for (auto name : list)
            if (!has_field<T>(name, false))
                return false;
    return true;
}

template <endpoint const& E, class T>
constexpr bool every_timestamp_filter_declared() {
    for (auto name : declared(E.timestamp_filters))
        if (!has_field<T>(name, true))
            return false;
    return true;
}

template <endpoint const& E, class T>
constexpr bool every_order_by_sortable() {
    for (auto name : declared(E.order_by))
        if (!has_sort_field<T>(name))
            return false;
    return true;
}

/// The value type a field's access gives for a `T`.
template <class T, class Field>
using field_value_t = std::remove_cvref_t<std::invoke_result_t<decltype(Field::access) const&, T const&>>;

/// A string that owns its bytes: a view of one returned by value would dangle.
template <class X>
inline constexpr bool owns_string_v = false;
template <class C, class Traits, class A>
inline constexpr bool owns_string_v<std::basic_string<C, Traits, A>> = true;
template <class Y>
inline constexpr bool owns_string_v<std::optional<Y>> = owns_string_v<Y>;

template <class T, class Field>
constexpr bool check_field_type() {
    static_assert(std::is_invocable_v<decltype(Field::access) const&, T const&>,
                  "listquery: a field's access must be a member pointer of the resource or a "
                  "callable taking the resource");
    using X = field_value_t<T, Field>;
    static_assert(std::is_reference_v<std::invoke_result_t<decltype(Field::access) const&, T const&>> ||
                      !owns_string_v<X>,
                  "listquery: a field's projection must not return a std::string by value (the "
                  "pipeline keeps views of it): return a reference, a std::string_view or a pointer");
    if constexpr (Field::kind == field_kind::guid || Field::kind == field_kind::list)
        static_assert(string_field<X>, "listquery: a guid_field or list_field must give a string "
                                       "(std::string, std::string_view, char const*), or an "
                                       "optional or pointer to one");
    if constexpr (Field::kind == field_kind::timestamp)
        static_assert(timestamp_field_type<X>, "listquery: a timestamp_field must give a "
                                               "std::chrono::sys_time<D>, or an optional or pointer to one");
    static_assert(sortable_field_type<X> || Field::kind == field_kind::labels,
                  "listquery: a sortable field must give a totally ordered value");
    return true;
}

/// The compile-time checks of a resource declaration against an endpoint.
template <endpoint const& E, class T>
constexpr bool check_resource() {
    static_assert(declared_resource<T>,
                  "listquery: the resource type has no declaration: define "
                  "listquery_fields(listquery::tag<T>) in its namespace or specialise "
                  "listquery::resource_traits<T>");
    static_assert(names_unique<T>(), "listquery: the resource declares one filter or order_by name twice");
    static_assert(every_list_filter_declared<E, T>(),
                  "listquery: the resource declares no field for one of the endpoint's list filters");
    static_assert(every_timestamp_filter_declared<E, T>(),
                  "listquery: the resource declares no timestamp_field for one of the endpoint's "
                  "timestamp filters");
    static_assert(every_order_by_sortable<E, T>(),
                  "listquery: one of the endpoint's order_by values is sortable by no field of the resource");
    static_assert(!E.accepts_label_selector || count_fields<T>(field_kind::labels) == 1,
                  "listquery: the endpoint accepts label_selector, so the resource must declare "
                  "one labels_field");
    static_assert(count_fields<T>(field_kind::guid) <= 1, "listquery: the resource declares two guid_fields");
    static_assert(E.scoped_by.empty() || has_field<T>(E.scoped_by, false),
                  "listquery: the resource declares no list_field (or guid_field) for the field the endpoint is scoped by");
    for_each_field<T>([](auto const& f, auto) { check_field_type<T, std::remove_cvref_t<decltype(f)>>(); });
    return true;
}

} // namespace listquery::detail
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_DETAIL_RESOURCE_CHECKS_HPP
// end file listquery/detail/resource_checks.hpp
// #include <listquery/detail/small_vector.hpp> (already inlined)
// #include <listquery/endpoint.hpp> (already inlined)
// #include <listquery/query.hpp> (already inlined)
// #include <listquery/resource.hpp> (already inlined)
// #include <listquery/scope.hpp> (already inlined)

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <span>
#include <tuple>
#include <type_traits>
#include <utility>

namespace listquery {

namespace detail {

// Byte equality by an inline loop after a size check: matching runs for every resource, on short
// strings, where a call to memcmp costs more than the comparison.
inline bool same_bytes(std::string_view a, std::string_view b) {
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i] != b[i])
            return false;
    return true;
}

// Whether `v` is one of `values`.
template <class Values>
bool contains(Values const& values, std::string_view v) {
    return std::ranges::any_of(values, [v](std::string_view x) { return same_bytes(x, v); });
}

/// Whether a stored label's key, split by `split_label_key`, gives `r`'s prefix and name; without
/// splitting it, as this runs for every label of every resource (a test requires the two to agree
/// on every shape of key).
inline bool same_label_key(std::string_view key, label_requirement const& r) {
    // Whether `key` starts with `part`, followed by its end or a '/'.
    auto const starts_with_field = [&key](std::string_view part) {
        return key.size() >= part.size() && (key.size() == part.size() || key[part.size()] == '/') &&
               same_bytes(key.substr(0, part.size()), part);
    };
    if (!r.prefix.empty()) { // "<prefix>/<name>[/…]"
        if (key.size() == r.prefix.size() || !starts_with_field(r.prefix))
            return false;
        key.remove_prefix(r.prefix.size() + 1);
    } else if (key.starts_with('/')) { // "/<name>[/…]" has the prefix ""
        key.remove_prefix(1);
    } else { // any other '/' would make a prefix: the key is the name, or no match
        return same_bytes(key, r.name);
    }
    return starts_with_field(r.name);
}

/// Whether a resource's labels satisfy one requirement (docs/semantics.md#selector-match), whose
/// values are `values` (`r.values`, split once per query) and whose operator means `meaning`
/// (`meaning_of(r.op)`, read once per query).
template <class Labels>
bool matches_requirement(Labels const* labels, label_requirement const& r, std::span<std::string_view const> values,
                         selector_op_meaning meaning) {
    bool const need_value = meaning.tests_value;
    bool has_key = false, has_value = false;
    if (labels) {
        for (auto const& label : *labels) {
            auto const key = string_value(label.first);
            if (!key || !same_label_key(*key, r))
                continue;
            has_key = true;
            if (auto const value = string_value(label.second); value && need_value)
                has_value = contains(values, *value);
            if (has_value || !need_value)
                break; // the answer is known
        }
    }
    return (need_value ? has_value : has_key) != meaning.negated; // requirement_holds, with the meaning read once
}

template <class Time>
bool matches_timestamp(Time const& value, timestamp_filter const& f) {
    auto const* t = present(value);
    if (!t)
        return false; // docs/semantics.md#timestamp-seconds: null never matches
    auto const s = std::chrono::floor<std::chrono::seconds>(*t); // docs/semantics.md#timestamp-seconds
    if (!f.any_of.empty() && std::find(f.any_of.begin(), f.any_of.end(), s) == f.any_of.end())
        return false;
    return std::all_of(f.all_of.begin(), f.all_of.end(), [s](timestamp_condition const& c) {
        switch (c.op) {
        case timestamp_op::lt: return s < c.value;
        case timestamp_op::lte: return s <= c.value;
        case timestamp_op::gt: return s > c.value;
        case timestamp_op::gte: return s >= c.value;
        }
        return false;
    });
}


//------------------------------------------------
/** Whether a resource matches a scope, and a query's filters, selector and timestamps (not its
    paging).

    Built once per query; calling it is reentrant. The scope is checked first: the field named by
    its filter name equals its value, byte for byte (a scope naming no field of `T` matches
    nothing). List filters match when the field, byte for byte, equals one of the values (a null
    field never matches, not even `""`); timestamps compare at whole seconds; label requirements
    are ANDed, and `!=`, `notin`, `!key` also match resources without the key. The endpoint's
    checks of `T` are the callers' (`check_resource`), so that one matcher serves every endpoint
    of a type.
*/
LISTQUERY_DETAIL_SMALL_VECTOR_HOLDERS_BEGIN
template <class T>
class matcher {
    static constexpr std::size_t size = fields_v<T>.size;

public:
    explicit matcher(list_query const& q, std::optional<scope> const& within = {}) {
        detail::for_each_field<T>([&](auto const& f, auto i) {
            if (f.kind == field_kind::list || f.kind == field_kind::guid) {
                lists_[i] = q.filter(f.filter_name);
                if (within && f.filter_name == within->field)
                    scope_field_ = i;
            } else if (f.kind == field_kind::timestamp) {
                timestamps_[i] = q.timestamp(f.filter_name);
            }
        });
        if (within)
            scope_ = within->value;
        if (q.selector)
            for (auto const& r : q.selector->requirements) { // values split once, not per resource
                requirements_.push_back({&r, values_.size(), r.values.size(), meaning_of(r.op)});
                values_.insert(values_.end(), r.values.begin(), r.values.end());
            }
    }

    bool operator()(T const& r) const {
        if (scope_ && !in_scope(r))
            return false;
        bool ok = true;
        detail::for_each_field<T>([&](auto const& f, auto i) {
            if (!ok)
                return;
            using F = std::remove_cvref_t<decltype(f)>;
            if constexpr (F::kind == field_kind::list || F::kind == field_kind::guid) {
                if (auto const* filter = lists_[i]) {
                    auto const v = detail::string_value(std::invoke(f.access, r));
                    ok = v && detail::contains(filter->values, *v);
                }
            } else if constexpr (F::kind == field_kind::timestamp) {
                if (auto const* filter = timestamps_[i])
                    ok = detail::matches_timestamp(std::invoke(f.access, r), *filter);
            } else if constexpr (F::kind == field_kind::labels) {
                if (!requirements_.empty()) {
                    auto const& labels = std::invoke(f.access, r);
                    auto const* held = detail::present(labels);
                    for (auto const& req : requirements_)
                        if (!(ok = detail::matches_requirement(held, *req.requirement,
                                                               {values_.data() + req.first, req.count}, req.meaning)))
                            break;
                }
            }
        });
        return ok;
    }

private:
    bool in_scope(T const& r) const {
        bool ok = false;
        detail::for_each_field<T>([&](auto const& f, auto i) {
            using F = std::remove_cvref_t<decltype(f)>;
            if constexpr (F::kind == field_kind::list || F::kind == field_kind::guid)
                if (i == scope_field_) {
                    auto const v = detail::string_value(std::invoke(f.access, r));
                    ok = v && detail::same_bytes(*v, *scope_);
                }
        });
        return ok;
    }

    struct requirement {
        label_requirement const* requirement;
        std::size_t first, count; // its values in values_
        selector_op_meaning meaning;
    };

    std::array<list_filter const*, size> lists_{};
    std::array<timestamp_filter const*, size> timestamps_{};
    std::optional<std::string_view> scope_;
    std::size_t scope_field_ = size; // none: a scope of no field matches nothing
    boost::container::small_vector<requirement, label_selector::inline_requirements> requirements_;
    boost::container::small_vector<std::string_view, 2 * label_selector::inline_requirements> values_;
};
LISTQUERY_DETAIL_SMALL_VECTOR_HOLDERS_END

} // namespace detail

} // namespace listquery
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_PIPELINE_MATCH_HPP
// end file listquery/pipeline/match.hpp
// #include <listquery/query.hpp> (already inlined)

#include <functional>
#include <iterator>
#include <memory>
#include <ranges>
#include <type_traits>
#include <utility>

// The stages use only std::ranges concepts and ranges::begin/end, never std::views: clang 14
// cannot compile libstdc++ 12's range adaptors.

namespace listquery {

namespace detail {

template <class E>
inline constexpr bool is_reference_wrapper_v = false;
template <class U>
inline constexpr bool is_reference_wrapper_v<std::reference_wrapper<U>> = true;

/// The resource an element refers to: the element, `*p` for a pointer, `.get()` for a
/// `std::reference_wrapper`.
template <class Element>
struct element_traits {
    using resource = std::remove_cvref_t<Element>;
    static resource const* address(resource const& e) { return std::addressof(e); }
};
template <class Element>
    requires std::is_pointer_v<std::remove_cvref_t<Element>>
struct element_traits<Element> {
    using resource = std::remove_cv_t<std::remove_pointer_t<std::remove_cvref_t<Element>>>;
    static resource const* address(resource const* p) { return p; } // a null element is skipped
};
template <class Element>
    requires is_reference_wrapper_v<std::remove_cvref_t<Element>>
struct element_traits<Element> {
    using resource = std::remove_cv_t<typename std::remove_cvref_t<Element>::type>;
    static resource const* address(std::remove_cvref_t<Element> const& e) { return std::addressof(e.get()); }
};

template <class R>
using resource_t = typename element_traits<std::ranges::range_reference_t<R>>::resource;

/// A forward range whose elements stay where they are, so results may point at them.
template <class R>
concept stable_range =
    std::ranges::forward_range<R> &&
    (std::is_lvalue_reference_v<std::ranges::range_reference_t<R>> ||
     std::is_pointer_v<std::remove_cvref_t<std::ranges::range_reference_t<R>>> ||
     is_reference_wrapper_v<std::remove_cvref_t<std::ranges::range_reference_t<R>>>);

/// A range passed to a stage: an lvalue is held by address, anything else (a span, a stage's
/// own view) by value.
template <class R>
class range_holder {
public:
    explicit range_holder(R&& r) : stored_(init(std::forward<R>(r))) {}
    decltype(auto) get() const {
        if constexpr (std::is_lvalue_reference_v<R>)
            return *stored_;
        else
            return (stored_);
    }

private:
    using stored = std::conditional_t<std::is_lvalue_reference_v<R>, std::remove_reference_t<R>*, std::remove_cvref_t<R>>;
    static stored init(R&& r) {
        if constexpr (std::is_lvalue_reference_v<R>)
            return std::addressof(r);
        else
            return std::move(r);
    }
    stored stored_;
};

/// Results point at the range's elements, so a temporary container is refused at compile time.
template <class R>
constexpr bool check_lasting_range() {
    static_assert(std::is_lvalue_reference_v<R> || std::ranges::borrowed_range<R>,
                  "listquery: pass the container as an lvalue: results point at its elements");
    return true;
}

/// The filter stage's predicate: the element refers to a resource that matches.
template <class T>
struct keep_matching {
    matcher<T> match;
    template <class Element>
    bool operator()(Element const& e) const {
        auto const* r = element_traits<Element const&>::address(e);
        return r && match(*r);
    }
};

/// A stage waiting for its range: `range | stage`.
template <class F>
struct stage_closure {
    F apply;
};

template <class R, class F>
auto operator|(R&& r, stage_closure<F> const& s) -> decltype(s.apply(std::forward<R>(r))) {
    return s.apply(std::forward<R>(r));
}

template <class Stage, class... Args>
auto make_closure(Args const&... args) {
    auto apply = [&args...](auto&& range) -> decltype(Stage{}(std::forward<decltype(range)>(range), args...)) {
        return Stage{}(std::forward<decltype(range)>(range), args...);
    };
    return stage_closure<decltype(apply)>{apply};
}

} // namespace detail

namespace detail {

//------------------------------------------------
/** The resources of a range that match a query: a lazy forward range, made by the filter stage.
    It refers to the caller's range, which must outlive it (as must the query).
*/
template <class Holder, class Keep>
class filtered_view {
public:
    filtered_view(Holder base, Keep keep) : base_(std::move(base)), keep_(std::move(keep)) {}

    /// An iterator over the matching elements.
    class iterator {
        using base_iterator = decltype(std::ranges::begin(std::declval<Holder const&>().get()));
        using base_sentinel = decltype(std::ranges::end(std::declval<Holder const&>().get()));

    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = std::iter_value_t<base_iterator>;
        using difference_type = std::ptrdiff_t;
        using reference = std::iter_reference_t<base_iterator>;

        iterator() = default;
        iterator(base_iterator it, base_sentinel end, Keep const* keep) : it_(it), end_(end), keep_(keep) { skip(); }
        reference operator*() const { return *it_; }
        iterator& operator++() {
            ++it_;
            skip();
            return *this;
        }
        iterator operator++(int) {
            auto copy = *this;
            ++*this;
            return copy;
        }
        friend bool operator==(iterator const& a, iterator const& b) { return a.it_ == b.it_; }
        friend bool operator==(iterator const& a, std::default_sentinel_t) { return a.it_ == a.end_; }

    private:
        void skip() {
            while (it_ != end_ && !(*keep_)(*it_))
                ++it_;
        }
        base_iterator it_{};
        base_sentinel end_{};
        Keep const* keep_ = nullptr;
    };

    iterator begin() const { return {std::ranges::begin(base_.get()), std::ranges::end(base_.get()), &keep_}; }
    std::default_sentinel_t end() const { return {}; }

    /// The filtered range.
    decltype(auto) base() const { return base_.get(); }
    /// The predicate.
    Keep const& pred() const { return keep_; }

private:
    Holder base_;
    Keep keep_;
};

} // namespace detail

/** The filter stage: `listquery::filter<E>(range, q)` or `range | listquery::filter<E>(q)`, and
    with a nested route's scope `filter<E>(range, q, E.within(guid))`.

    A lazy view of the resources of `range` in the scope that match the query. The range is not
    copied; pass containers as lvalues, since results point at their elements.
*/
template <endpoint const& E>
struct filter_fn {
    template <class R>
        requires detail::stable_range<R>
    auto operator()(R&& range, list_query const& q, std::optional<scope> const& within = {}) const {
        static_assert(detail::check_lasting_range<R>());
        using T = detail::resource_t<R>;
        static_assert(detail::check_resource<E, T>());
        return detail::filtered_view<detail::range_holder<R>, detail::keep_matching<T>>(
            detail::range_holder<R>(std::forward<R>(range)), detail::keep_matching<T>{detail::matcher<T>(q, within)});
    }

    /// The stage, for `range | listquery::filter<E>(q)`; `q` must outlive the view.
    auto operator()(list_query const& q) const { return detail::make_closure<filter_fn>(q); }
    /// The stage within a scope, for `range | listquery::filter<E>(q, s)`; `q` and `s` must
    /// outlive the view.
    auto operator()(list_query const& q, scope const& within) const { return detail::make_closure<filter_fn>(q, within); }
};

/// The filter stage for endpoint `E`.
template <endpoint const& E>
inline constexpr filter_fn<E> filter{};

} // namespace listquery

// A filtered view refers to the caller's elements, so its iterators outlive it.
template <class Holder, class Keep>
inline constexpr bool std::ranges::enable_borrowed_range<listquery::detail::filtered_view<Holder, Keep>> = true;
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_PIPELINE_FILTER_HPP
// end file listquery/pipeline/filter.hpp
// begin file listquery/pipeline/paginate.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_PIPELINE_PAGINATE_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_PIPELINE_PAGINATE_HPP

// #include <listquery/pipeline/filter.hpp> (already inlined)
// begin file listquery/pipeline/order.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_PIPELINE_ORDER_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_PIPELINE_ORDER_HPP

// #include <listquery/detail/field_value.hpp> (already inlined)
// #include <listquery/order_by.hpp> (already inlined)
// #include <listquery/pipeline/match.hpp> (already inlined)
// begin file listquery/pipeline/page.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_PIPELINE_PAGE_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_PIPELINE_PAGE_HPP

// #include <listquery/query.hpp> (already inlined)

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

namespace listquery {

// Every page strategy builds its page_result here: page_frame for those that count first,
// page_in_passing for the one pass in container order.

//------------------------------------------------
/** One page of results: the resources (pointers to the caller's elements, in order) and the
    counts the pagination links need.
*/
template <class T>
struct page_result {
    /// The page's resources, in order; they point into the caller's container.
    std::vector<T const*> resources;
    /// How many resources match, over all pages.
    std::uint64_t total_results = 0;
    /// `max(1, ceil(total_results / per_page))`.
    std::uint64_t total_pages = 1;
    /// The page shown, as requested (it may lie past the last page: then `resources` is empty).
    std::uint64_t page = 1;
    /// The page size.
    std::uint64_t per_page = default_per_page;

    friend bool operator==(page_result const&, page_result const&) = default;
};

namespace detail {
/// A matching resource and its position in the container (ties keep container order).
template <class T>
struct ranked {
    T const* item = nullptr;
    std::size_t index = 0;
};
} // namespace detail

/// The one buffer an ordered query fills; pass your own to reuse its memory across queries.
template <class T>
using sort_buffer = std::vector<detail::ranked<T>>;

namespace detail {

// Where a page lies, written once for every strategy, in memory and in SQL: the products
// saturate, so no page number or size overflows.

/// `a × b`, or the largest value when it does not fit.
inline std::uint64_t saturated_product(std::uint64_t a, std::uint64_t b) {
    constexpr auto most = std::numeric_limits<std::uint64_t>::max();
    return b != 0 && a > most / b ? most : a * b;
}

/// How many of the first results page `page` of `per_page` ends after: page × per_page.
inline std::uint64_t results_through(std::uint64_t page, std::uint64_t per_page) {
    return saturated_product(page, per_page);
}

/// The position of page `page`'s first result: (page - 1) × per_page; page 0 lies past every
/// result.
inline std::uint64_t first_of_page(std::uint64_t page, std::uint64_t per_page) {
    return page == 0 ? std::numeric_limits<std::uint64_t>::max() : saturated_product(page - 1, per_page);
}

/// The positions `[begin, end)` of a page among `total` results.
struct page_window {
    std::uint64_t begin = 0, end = 0;
};

inline page_window window_of(std::uint64_t total, std::uint64_t page, std::uint64_t per_page) {
    std::uint64_t const begin = first_of_page(page, per_page);
    if (per_page == 0 || begin >= total)
        return {total, total}; // past the end
    return {begin, begin + std::min(per_page, total - begin)};
}

inline std::uint64_t total_pages(std::uint64_t total, std::uint64_t per_page) {
    return per_page == 0 || total == 0 ? 1 : (total - 1) / per_page + 1;
}

/// The page every strategy that counts first builds: the counts of `total` matches filled in,
/// room for the page's resources, and the window whose resources the strategy then appends.
template <class T>
struct page_frame {
    page_result<T> result;
    page_window window;
};

template <class T>
page_frame<T> frame_page(std::uint64_t total, list_query const& q) {
    page_frame<T> f{{{}, total, total_pages(total, q.per_page), q.page, q.per_page}, window_of(total, q.page, q.per_page)};
    f.result.resources.reserve(static_cast<std::size_t>(f.window.end - f.window.begin));
    return f;
}

/// The page a one-pass strategy builds as it goes (container order): each match is offered in
/// order, counted, and kept if it falls in the page's window; no second pass, no count first.
template <class T>
class page_in_passing {
public:
    page_in_passing(list_query const& q, std::size_t size_hint)
        : result_{{}, 0, 1, q.page, q.per_page},
          first_(q.per_page == 0 ? std::numeric_limits<std::uint64_t>::max() : first_of_page(q.page, q.per_page)),
          size_hint_(size_hint) {}

    void offer(T const* r) {
        if (result_.total_results >= first_ && result_.total_results - first_ < result_.per_page) {
            if (result_.resources.empty())
                result_.resources.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(result_.per_page, size_hint_)));
            result_.resources.push_back(r);
        }
        ++result_.total_results;
    }

    page_result<T> finish() && {
        result_.total_pages = total_pages(result_.total_results, result_.per_page);
        return std::move(result_);
    }

private:
    page_result<T> result_;
    std::uint64_t first_; // the position of the page's first resource among the matches
    std::size_t size_hint_;
};

} // namespace detail

} // namespace listquery
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_PIPELINE_PAGE_HPP
// end file listquery/pipeline/page.hpp

#include <algorithm>
#include <cstdint>
#include <functional>
#include <limits>
#include <string_view>

namespace listquery::detail {

/// Calls `f(field)` with the field that sorts as `name`; returns whether there is one.
template <class T, class F>
bool with_sort_field(std::string_view name, F&& f) {
    bool found = false;
    for_each_field<T>([&](auto const& field, auto) {
        // Only fields whose values can be ordered get a comparator (not labels, say).
        using Field = std::remove_cvref_t<decltype(field)>;
        if constexpr (Field::kind != field_kind::labels && sortable_field_type<field_value_t<T, Field>>) {
            if (!found && !field.sort_name.empty() && field.sort_name == name) {
                found = true;
                f(field);
            }
        }
    });
    return found;
}

/// The guid of `r`, for ties; empty when the resource declares no guid_field.
template <class T>
std::optional<std::string_view> guid_of(T const& r) {
    std::optional<std::string_view> guid;
    for_each_field<T>([&](auto const& field, auto) {
        if constexpr (std::remove_cvref_t<decltype(field)>::kind == field_kind::guid)
            guid = string_value(std::invoke(field.access, r));
    });
    return guid;
}

/// Ascending order by `field`: nulls first, then by guid (bytewise), then container order.
/// Descending is this with its arguments swapped: the exact reverse (docs/semantics.md#order-ties).
template <class T, class Field>
struct ascending {
    Field const& field;

    bool operator()(detail::ranked<T> const& a, detail::ranked<T> const& b) const {
        if (int const c = compare_field(std::invoke(field.access, *a.item), std::invoke(field.access, *b.item)))
            return c < 0;
        if (int const c = compare_field(guid_of(*a.item), guid_of(*b.item)))
            return c < 0;
        return a.index < b.index;
    }
};

template <class Less>
struct descending {
    Less less;
    template <class A>
    bool operator()(A const& a, A const& b) const {
        return less(b, a);
    }
};

/** Keeps in `buffer`, unordered, the `limit` least under `less` of the entries offered (all of
    them when fewer). When it holds 2 × limit it is cut back to the limit least, and an entry no
    less than the greatest kept is then refused with one comparison: O(1) amortized per entry
    whatever order they come in (a heap costs O(log limit) per entry on sorted input, which
    insertion order by `created_at` often is), and O(limit) memory instead of one entry per match.
*/
template <class T, class Less>
class least_entries {
public:
    least_entries(sort_buffer<T>& buffer, std::uint64_t limit, Less const& less, std::size_t size_hint)
        : buffer_(buffer), limit_(limit), less_(less) {
        buffer_.clear();
        buffer_.reserve(limit >= size_hint / 2 ? size_hint : static_cast<std::size_t>(2 * limit));
    }

    void offer(ranked<T> const& e) {
        if (limit_ == 0 || (cut_ && !less_(e, greatest_)))
            return;
        buffer_.push_back(e);
        if (buffer_.size() / 2 >= limit_)
            cut();
    }

private:
    void cut() {
        auto const kept = buffer_.begin() + static_cast<std::ptrdiff_t>(limit_);
        std::nth_element(buffer_.begin(), kept - 1, buffer_.end(), less_);
        buffer_.erase(kept, buffer_.end());
        greatest_ = buffer_.back();
        cut_ = true;
    }

    sort_buffer<T>& buffer_;
    std::uint64_t limit_;
    Less const& less_;
    ranked<T> greatest_;
    bool cut_ = false;
};

/// Puts the window of `buffer` in its final order, touching the rest only to select it:
/// O(n) selection plus O(k log k) for the k entries of the window.
template <class T, class Less>
void order_window(sort_buffer<T>& buffer, page_window w, Less less) {
    auto const first = buffer.begin();
    auto const begin = first + static_cast<std::ptrdiff_t>(w.begin);
    auto const end = first + static_cast<std::ptrdiff_t>(w.end);
    if (end != buffer.end())
        std::nth_element(first, end, buffer.end(), less);
    if (begin != first)
        std::nth_element(first, begin, end, less);
    std::sort(begin, end, less);
}

/// Calls `f(less)` with the strict order of `order` over ranked entries.
template <class T, class F>
void with_order_less(order_by const& order, F&& f) {
    with_sort_field<T>(order.field, [&](auto const& field) {
        ascending<T, std::remove_cvref_t<decltype(field)>> const asc{field};
        if (order.dir == direction::asc)
            f(asc);
        else
            f(descending<decltype(asc)>{asc});
    });
}

/// Puts the window of `buffer` in the final order of `order`.
template <class T>
void order_window(sort_buffer<T>& buffer, page_window w, order_by const& order) {
    with_order_less<T>(order, [&](auto const& less) { order_window(buffer, w, less); });
}

} // namespace listquery::detail
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_PIPELINE_ORDER_HPP
// end file listquery/pipeline/order.hpp
// #include <listquery/pipeline/page.hpp> (already inlined)

#include <cstdint>
#include <ranges>
#include <type_traits>
#include <utility>

namespace listquery {

namespace detail {

template <class R>
inline constexpr bool is_filtered_view_v = false;
template <class H, class K>
inline constexpr bool is_filtered_view_v<filtered_view<H, K>> = true;

struct keep_all {
    template <class Element>
    bool operator()(Element const&) const {
        return true;
    }
};

/// Calls `f(base, keep)`: a filtered view is taken apart, so that its base's size can size the
/// buffer and its predicate runs once per element.
template <class R, class F>
decltype(auto) with_base(R const& range, F&& f) {
    if constexpr (is_filtered_view_v<R>)
        return f(range.base(), range.pred());
    else
        return f(range, keep_all{});
}

template <class Base>
std::size_t size_hint(Base const& base) {
    if constexpr (std::ranges::sized_range<Base const>)
        return static_cast<std::size_t>(std::ranges::size(base));
    else
        return 0;
}

/// Container order: one pass that counts every match and keeps only the page's.
template <class T, class Base, class Keep>
page_result<T> page_in_order(Base const& base, Keep const& keep, list_query const& q) {
    page_in_passing<T> page(q, size_hint(base));
    for (auto const& e : base)
        if (auto const* r = element_traits<decltype(e)>::address(e); r && keep(e))
            page.offer(r);
    return std::move(page).finish();
}

/// By `q.order`: counts every match, keeps in `buffer` the first of them in order up to the
/// page's end (least_entries), then orders only the page's window.
template <class T, class Base, class Keep>
page_result<T> page_sorted(Base const& base, Keep const& keep, list_query const& q, sort_buffer<T>& buffer) {
    page_frame<T> page;
    with_order_less<T>(*q.order, [&](auto const& less) {
        least_entries<T, std::remove_cvref_t<decltype(less)>> first(buffer, results_through(q.page, q.per_page), less,
                                                                    size_hint(base));
        std::uint64_t total = 0;
        std::size_t index = 0;
        for (auto const& e : base) {
            if (auto const* r = element_traits<decltype(e)>::address(e); r && keep(e)) {
                ++total;
                first.offer({r, index});
            }
            ++index;
        }
        page = frame_page<T>(total, q);
        order_window(buffer, page.window, less);
    });
    for (auto i = page.window.begin; i < page.window.end; ++i)
        page.result.resources.push_back(buffer[static_cast<std::size_t>(i)].item);
    return std::move(page.result);
}

} // namespace detail

//------------------------------------------------
/** The paginate stage for endpoint `E`: the query's page of a range, ordered by `q.order` (the
    container's order without one), with the counts for the links.

    `listquery::paginate<E>(range, q)` or `range | listquery::paginate<E>(q)`, usually after
    `filter<E>`. Only the page is ordered: O(n) to select it, O(k log k) to sort its k resources.
    An ordered page N keeps at most 2 × N × per_page entries (and never more than the matches);
    a third argument, a `sort_buffer<T>&`, lends that buffer.
*/
template <endpoint const& E>
struct paginate_fn {
    template <class R, class T = detail::resource_t<R>>
        requires detail::stable_range<R>
    page_result<T> operator()(R const& range, list_query const& q, sort_buffer<T>& buffer) const {
        static_assert(detail::check_resource<E, T>());
        return detail::with_base(range, [&](auto const& base, auto const& keep) {
            return q.order ? detail::page_sorted<T>(base, keep, q, buffer) : detail::page_in_order<T>(base, keep, q);
        });
    }

    template <class R, class T = detail::resource_t<R>>
        requires detail::stable_range<R>
    page_result<T> operator()(R const& range, list_query const& q) const {
        sort_buffer<T> buffer;
        return (*this)(range, q, buffer);
    }

    /// The stage, for `range | listquery::paginate<E>(q)`.
    auto operator()(list_query const& q) const { return detail::make_closure<paginate_fn>(q); }
};

/// The paginate stage for endpoint `E`.
template <endpoint const& E>
inline constexpr paginate_fn<E> paginate{};

} // namespace listquery
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_PIPELINE_PAGINATE_HPP
// end file listquery/pipeline/paginate.hpp
// begin file listquery/pipeline/resource_index.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_PIPELINE_RESOURCE_INDEX_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_PIPELINE_RESOURCE_INDEX_HPP

// #include <listquery/detail/small_vector.hpp> (already inlined)
// #include <listquery/pipeline/filter.hpp> (already inlined)
// #include <listquery/pipeline/match.hpp> (already inlined)
// #include <listquery/pipeline/order.hpp> (already inlined)
// #include <listquery/pipeline/page.hpp> (already inlined)
// begin file listquery/pipeline/impl/index_columns.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_PIPELINE_IMPL_INDEX_COLUMNS_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_PIPELINE_IMPL_INDEX_COLUMNS_HPP
// The columns of a resource_index: interned strings, code columns, code sets.

// #include <listquery/detail/small_vector.hpp> (already inlined)

#include <boost/container/small_vector.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace listquery {

namespace detail {

/// Distinct strings, each with a code from 1 (0 is "none"), so a column holds 4-byte codes.
class string_codes {
public:
    std::uint32_t intern(std::string_view s) {
        if (auto const code = find(s))
            return code;
        auto const [it, added] = codes_.emplace(std::string(s), static_cast<std::uint32_t>(texts_.size() + 1));
        texts_.push_back(it->first); // a node's key stays where it is
        return it->second;
    }
    /// The code of `s`, or 0 if no resource holds it.
    std::uint32_t find(std::string_view s) const {
        auto const it = codes_.find(s);
        return it == codes_.end() ? 0 : it->second;
    }
    /// Every string, by code - 1.
    std::vector<std::string_view> const& texts() const noexcept { return texts_; }
    /// How many strings there are: the largest code.
    std::size_t size() const noexcept { return texts_.size(); }
    void clear() {
        codes_.clear();
        texts_.clear();
    }

private:
    struct hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
    };
    // Node-based on purpose: texts_ views the keys, which must not move when the table grows
    // (boost::unordered_flat_map moves them; Boost 1.81 has no unordered_node_map).
    std::unordered_map<std::string, std::uint32_t, hash, std::equal_to<>> codes_;
    std::vector<std::string_view> texts_;
};

/// One field's column: a value per resource id, compact and contiguous, so that a query reads
/// 4 or 8 bytes per resource instead of the resource itself.
struct index_column {
    bool kept = false;
    /// List fields: the values; labels: the label values.
    string_codes values;
    /// Labels: the label keys.
    string_codes keys;
    /// List fields: each id's value code, 0 for a null field.
    std::vector<std::uint32_t> codes;
    /// List fields: the ids holding each value, ascending, by code (what a database index on
    /// the column holds): a selective filter visits only these.
    std::vector<std::vector<std::uint32_t>> postings;
    /// Timestamp fields: each id's time in whole seconds, `null_seconds` for a null field.
    std::vector<std::int64_t> seconds;
    static constexpr std::int64_t null_seconds = std::numeric_limits<std::int64_t>::min();
    /// Labels: id `i` has the labels `[label_begin[i], label_begin[i + 1])` of `labels`, each a
    /// code of its distinct (key code, value code or 0 when not a string) pair in `pairs`.
    std::vector<std::uint32_t> label_begin;
    std::vector<std::uint32_t> labels;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs; // by pair code - 1
    /// Read only while the index is built; std::unordered_map, as boost::unordered_flat_map's
    /// header alone costs every unit that includes the pipeline 0.6 s of compile time.
    std::unordered_map<std::uint64_t, std::uint32_t> pair_codes;

    std::uint32_t intern_pair(std::uint32_t key, std::uint32_t value) {
        auto const [it, added] = pair_codes.emplace(std::uint64_t{key} << 32 | value, static_cast<std::uint32_t>(pairs.size() + 1));
        if (added)
            pairs.push_back({key, value});
        return it->second;
    }

    void clear() {
        values.clear();
        keys.clear();
        codes.clear();
        postings.clear();
        seconds.clear();
        label_begin.clear();
        labels.clear();
        pairs.clear();
        pair_codes.clear();
    }
};

/// A set of codes of one dictionary, tested for every resource: a bitmap when the dictionary is
/// small (one load, no branch to mispredict on varied data), else a sorted list.
LISTQUERY_DETAIL_SMALL_VECTOR_HOLDERS_BEGIN
class code_set {
public:
    /// For codes of a dictionary of `size` strings (codes 1 to `size`).
    explicit code_set(std::size_t size) : bitmap_(size < 64 * inline_words) {
        if (bitmap_)
            bits_.resize(size / 64 + 1);
    }

    void insert(std::uint32_t code) {
        if (bitmap_)
            bits_[code / 64] |= std::uint64_t{1} << (code % 64);
        else
            sorted_.insert(std::upper_bound(sorted_.begin(), sorted_.end(), code), code);
    }
    bool empty() const noexcept {
        return bitmap_ ? std::all_of(bits_.begin(), bits_.end(), [](std::uint64_t w) { return w == 0; }) : sorted_.empty();
    }
    /// `keep[j] &= contains(codes[j])` for each of `count` codes (each a code of the dictionary,
    /// or 0): one tight loop per column.
    void mark(std::uint32_t const* codes, std::size_t count, bool* keep) const {
        if (bitmap_) { // the test inline, so that the loop has no branch
            std::uint64_t const* const words = bits_.data();
            for (std::size_t j = 0; j < count; ++j)
                keep[j] &= static_cast<bool>((words[codes[j] / 64] >> (codes[j] % 64)) & 1);
        } else {
            for (std::size_t j = 0; j < count; ++j)
                keep[j] &= contains(codes[j]);
        }
    }
    /// Whether `code` (a code of the dictionary, or 0) is in the set.
    bool contains(std::uint32_t code) const {
        if (bitmap_)
            return (bits_[code / 64] >> (code % 64)) & 1;
        return std::binary_search(sorted_.begin(), sorted_.end(), code);
    }

private:
    static constexpr std::size_t inline_words = 8;
    bool bitmap_;
    boost::container::small_vector<std::uint64_t, inline_words> bits_;
    boost::container::small_vector<std::uint32_t, 8> sorted_;
};
LISTQUERY_DETAIL_SMALL_VECTOR_HOLDERS_END

} // namespace detail

} // namespace listquery
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_PIPELINE_IMPL_INDEX_COLUMNS_HPP
// end file listquery/pipeline/impl/index_columns.hpp
// begin file listquery/pipeline/sort_index.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_PIPELINE_SORT_INDEX_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_PIPELINE_SORT_INDEX_HPP

// #include <listquery/pipeline/filter.hpp> (already inlined)
// #include <listquery/pipeline/order.hpp> (already inlined)
// #include <listquery/pipeline/page.hpp> (already inlined)
// #include <listquery/result.hpp> (already inlined)

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace listquery {

namespace detail {
/// An index asked for a field its resource does not declare.
inline query_errors unknown_field(std::string_view what, std::string_view name) {
    return {query_error{error::unknown_field, std::string(name), 0, std::string(what) + std::string(name) + "'"},
            error_response_kind::unknown_error};
}
} // namespace detail

//------------------------------------------------
/** A container's resources in the order of one sortable field, built once, so that a query
    ordered by that field walks it instead of sorting: page 1 of 50 visits about 50 resources
    (more when filters skip some), where an unindexed query orders all n. Like a database index
    on the sort column. The count of matches stays exact: without filters it is the index's size,
    with them one pass over the container counts.

    The order is the pipeline's: ascending by the field (nulls first), then guid, then container
    order; a descending query walks it backwards, which is the exact reverse.

    The index points at the container's elements and must describe the same resources as the
    range passed with it. Keep it up to date: `insert` a new resource, `erase` one before it is
    removed or moved, and around a change to its sort field or guid `erase` then `insert`; or
    `rebuild` after bulk changes (and after a `std::vector` reallocates). Each update is
    O(log n) to find the place and O(n) to shift pointers (a memmove); `rebuild` is O(n log n).
    Reading is const and thread-safe; updates need the same exclusion as the container's.

    @par Example
    @code
    auto by_created = listquery::sort_index<my::droplet>::make(droplets, "created_at").value();
    auto page = listquery::apply<listquery::cf::droplets>(droplets, *q, {.sort = &by_created});
    @endcode
*/
template <class T>
class sort_index {
public:
    /** Orders the resources of `range` by the field that sorts as `field` (its `order_by` name);
        `error::unknown_field` when `T` has no sortable field of that name. */
    template <class R>
        requires detail::stable_range<R>
    static result<sort_index> make(R const& range, std::string_view field) {
        if (!detail::with_sort_field<T>(field, [](auto const&) {}))
            return detail::unknown_field("listquery::sort_index: no sortable field '", field);
        return sort_index(range, field);
    }

    /// The `order_by` name of the indexed field.
    std::string_view field() const noexcept { return field_; }
    /// How many resources are indexed.
    std::size_t size() const noexcept { return order_.size(); }
    /// The resources, ascending.
    std::vector<detail::ranked<T>> const& entries() const noexcept { return order_; }

    /// Indexes every resource of `range` anew (null elements are skipped).
    template <class R>
        requires detail::stable_range<R>
    void rebuild(R const& range) {
        order_.clear();
        next_ = 0;
        for (auto const& e : range) {
            if (auto const* r = detail::element_traits<decltype(e)>::address(e))
                order_.push_back({r, next_});
            ++next_;
        }
        with_order([&](auto const& less) { std::sort(order_.begin(), order_.end(), less); });
    }

    /// Adds `r`, which ties after every resource already indexed.
    void insert(T const& r) {
        detail::ranked<T> const entry{&r, next_++};
        with_order([&](auto const& less) {
            order_.insert(std::upper_bound(order_.begin(), order_.end(), entry, less), entry);
        });
    }

    /// Removes `r` (found by address, among the entries with its field and guid); returns
    /// whether it was indexed.
    bool erase(T const& r) {
        bool erased = false;
        with_order([&](auto const& less) {
            auto const same_values = [&](detail::ranked<T> const& a, detail::ranked<T> const& b) {
                return less(detail::ranked<T>{a.item, 0}, detail::ranked<T>{b.item, 0});
            };
            auto [first, last] = std::equal_range(order_.begin(), order_.end(), detail::ranked<T>{&r, 0}, same_values);
            auto const it = std::find_if(first, last, [&](detail::ranked<T> const& e) { return e.item == &r; });
            if ((erased = it != last))
                order_.erase(it);
        });
        return erased;
    }

private:
    template <class R>
    sort_index(R const& range, std::string_view field) : field_(field) {
        rebuild(range);
    }

    template <class F>
    void with_order(F&& f) {
        detail::with_sort_field<T>(field_, [&](auto const& field) {
            f(detail::ascending<T, std::remove_cvref_t<decltype(field)>>{field});
        });
    }

    std::string field_;
    std::vector<detail::ranked<T>> order_;
    std::size_t next_ = 0; // the container position the next insert ties as
};

namespace detail {

/// Walks `index` in direction `dir`, counting the entries `accept` takes, and appends to `out`
/// the items of those at positions `[w.begin, w.end)`; stops once the window is full.
template <class T, class Accept>
void walk_window(sort_index<T> const& index, direction dir, page_window w, Accept const& accept,
                 std::vector<T const*>& out) {
    auto const walk = [&](auto first, auto last) {
        for (std::uint64_t position = 0; first != last && position < w.end; ++first)
            if (accept(*first) && position++ >= w.begin)
                out.push_back(first->item);
    };
    auto const& entries = index.entries();
    if (dir == direction::asc)
        walk(entries.begin(), entries.end());
    else
        walk(entries.rbegin(), entries.rend());
}

/// The page of `q` (ordered by the index's field) from the index: counts, then walks the index
/// in the query's direction until the page is full. `filtered`: `keep` does not keep every
/// resource (the query filters, or a scope applies).
template <class T, class Base, class Keep>
page_result<T> page_indexed(Base const& base, Keep const& keep, list_query const& q, sort_index<T> const& index,
                            bool filtered) {
    std::uint64_t total = index.size();
    if (filtered) {
        total = 0;
        for (auto const& e : base)
            total += keep(e) ? 1 : 0;
    }
    page_frame<T> page = frame_page<T>(total, q);
    walk_window(index, q.order->dir, page.window, [&](detail::ranked<T> const& e) { return !filtered || keep(e.item); },
                page.result.resources);
    return std::move(page.result);
}

} // namespace detail

} // namespace listquery
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_PIPELINE_SORT_INDEX_HPP
// end file listquery/pipeline/sort_index.hpp

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace listquery {

/// What a `resource_index` keeps: by name, as queries spell them.
struct index_fields {
    /// Sortable fields to keep in order, by `order_by` value (`created_at`).
    std::vector<std::string> order_by;
    /// Filters to answer from the index: list filters (`states`, `guids`), timestamp filters
    /// (`created_ats`), and `label_selector` for the labels.
    std::vector<std::string> filters;
};

//------------------------------------------------
/** An index of a container, built once and kept up to date, that answers queries without
    reading every resource: like the indexes of a database, for the fields you name.

    It keeps, for each resource, the named filters' fields as compact columns (a 4-byte code per
    string, the whole seconds of a timestamp, a code per label), the ids holding each string
    value, and the named sortable fields in order (each a `sort_index`). A query then counts its
    matches over the columns, which are a few bytes per resource (or over the ids of a selective
    filter's values only), walks the order of its `order_by` field and stops once the page is
    full, and reads only the resources it returns. Parts of a query the index does
    not keep (a filter not named) are checked on the resources that pass the others. Results
    are exactly those of the unindexed pipeline.

    @par Example
    @code
    auto index = listquery::resource_index<my::droplet>::make(droplets,
        {.order_by = {"created_at"}, .filters = {"states", "app_guids", "label_selector"}}).value();
    auto page = listquery::apply<listquery::cf::droplets>(droplets, *q, {.index = &index});
    @endcode

    The index points at the container's elements and must describe the same resources as the
    range queried with it. Keep it up to date as a `sort_index`: `insert` a new resource,
    `erase` one before it is removed or moved, and around a change to an indexed field `erase`
    then `insert`; or `rebuild` after bulk changes (and after a `std::vector` reallocates).
    Ties, and queries ordered by a field the index does not keep, follow the container's order
    at the last rebuild, then insertion order (a query without `order_by` keeps the container's
    own order). `insert` and `erase` cost O(log n) plus O(n) pointer shifts per kept order; an
    erased resource leaves a hole in the columns until `rebuild`. At most 2^32 - 1 resources,
    holes included (`std::length_error` beyond). Reading is const and thread-safe; updates need
    the same exclusion as the container's.
*/
namespace detail {
struct index_access;
} // namespace detail

LISTQUERY_DETAIL_SMALL_VECTOR_HOLDERS_BEGIN
template <class T>
class resource_index {
    static constexpr std::size_t field_count = fields_v<T>.size;

public:
    /** Indexes `range` for `fields`; `error::unknown_field` when `T` has no sortable field or
        filter of a given name. */
    template <class R>
        requires detail::stable_range<R>
    static result<resource_index> make(R const& range, index_fields const& fields) {
        resource_index out;
        for (auto const& name : fields.order_by) {
            auto order = sort_index<T>::make(range, name);
            if (!order)
                return detail::unknown_field("listquery::resource_index: no sortable field '", name);
            out.orders_.push_back(std::move(*order));
        }
        for (auto const& name : fields.filters) {
            bool found = false;
            detail::for_each_field<T>([&](auto const& f, auto i) {
                bool const filters = f.kind == field_kind::labels ? name == "label_selector"
                                                                  : !f.filter_name.empty() && f.filter_name == name;
                if (filters)
                    found = out.columns_[i].kept = true;
            });
            if (!found)
                return detail::unknown_field("listquery::resource_index: no filter '", name);
        }
        out.fill(range);
        return out;
    }

    /// How many resources are indexed.
    std::size_t size() const noexcept { return ids_.size(); }

    /// Indexes every resource of `range` anew (null elements are skipped).
    template <class R>
        requires detail::stable_range<R>
    void rebuild(R const& range) {
        for (auto& order : orders_)
            order.rebuild(range);
        fill(range);
    }

    /// Adds `r`, which ties after every resource already indexed; returns false, and changes
    /// nothing, if `r` is indexed already.
    bool insert(T const& r) {
        auto const at = std::lower_bound(ids_.begin(), ids_.end(), &r, by_address{});
        if (at != ids_.end() && at->first == &r)
            return false;
        auto const id = static_cast<std::uint32_t>(items_.size());
        add(&r); // first, as it may throw
        ids_.insert(at, {&r, id});
        for (auto& order : orders_)
            order.insert(r); // its next position is this id
        return true;
    }

    /// Removes `r` (found by address); returns whether it was indexed.
    bool erase(T const& r) {
        auto const at = std::lower_bound(ids_.begin(), ids_.end(), &r, by_address{});
        if (at == ids_.end() || at->first != &r)
            return false;
        items_[at->second] = nullptr; // a hole in the columns, which never matches
        ids_.erase(at);
        for (auto& order : orders_)
            order.erase(r);
        return true;
    }

    /// The kept order of the field that sorts as `field`, or null.
    sort_index<T> const* order(std::string_view field) const noexcept {
        for (auto const& o : orders_)
            if (o.field() == field)
                return &o;
        return nullptr;
    }

private:
    resource_index() = default;

    friend struct detail::index_access;
    /// Each id's resource (null for a hole); ids are the positions of the order entries.
    std::vector<T const*> const& items() const noexcept { return items_; }
    /// Whether some id is a hole (an erased resource, or a null element).
    bool has_holes() const noexcept { return ids_.size() != items_.size(); }
    /// The column of field `i` of `T`'s declaration (`kept` says whether it is indexed).
    detail::index_column const& column(std::size_t i) const noexcept { return columns_[i]; }

    struct by_address {
        bool operator()(std::pair<T const*, std::uint32_t> const& a, T const* b) const {
            return std::less<T const*>{}(a.first, b);
        }
    };

    template <class R>
    void fill(R const& range) {
        items_.clear();
        ids_.clear();
        for (auto& c : columns_)
            c.clear();
        // Ids are container positions, as the orders number them; null elements keep theirs.
        for (auto const& e : range) {
            auto const* r = detail::element_traits<decltype(e)>::address(e);
            if (r)
                ids_.push_back({r, static_cast<std::uint32_t>(items_.size())});
            add(r);
        }
        std::sort(ids_.begin(), ids_.end(), [](auto const& a, auto const& b) { return std::less<T const*>{}(a.first, b.first); });
    }

    // Appends resource `r` (or a hole, for null) as the next id.
    void add(T const* r) {
        if (items_.size() == std::numeric_limits<std::uint32_t>::max())
            throw std::length_error("listquery::resource_index: more than 2^32 - 1 resources");
        items_.push_back(r);
        detail::for_each_field<T>([&](auto const& f, auto i) {
            auto& c = columns_[i];
            if (c.kept)
                add_field(c, f, r, static_cast<std::uint32_t>(items_.size() - 1));
        });
    }

    // Each value is read and stored at once: what a projection returns lives as long as that.
    template <class Field>
    static void add_field(detail::index_column& c, Field const& f, T const* r, std::uint32_t id) {
        if constexpr (Field::kind == field_kind::list || Field::kind == field_kind::guid) {
            std::uint32_t code = 0;
            if (r) {
                auto&& value = std::invoke(f.access, *r);
                if (auto const v = detail::string_value(value))
                    code = c.values.intern(*v);
            }
            c.codes.push_back(code);
            if (code != 0) {
                c.postings.resize(std::max<std::size_t>(c.postings.size(), code + 1));
                c.postings[code].push_back(id);
            }
        } else if constexpr (Field::kind == field_kind::timestamp) {
            std::int64_t seconds = detail::index_column::null_seconds;
            if (r) {
                auto&& value = std::invoke(f.access, *r);
                if (auto const* t = detail::present(value))
                    seconds = std::chrono::floor<std::chrono::seconds>(*t).time_since_epoch().count();
            }
            c.seconds.push_back(seconds);
        } else if constexpr (Field::kind == field_kind::labels) {
            if (c.label_begin.empty())
                c.label_begin.push_back(0);
            if (r) {
                auto&& labels = std::invoke(f.access, *r);
                if (auto const* held = detail::present(labels))
                    for (auto const& label : *held)
                        if (auto const key = detail::string_value(label.first)) {
                            auto const value = detail::string_value(label.second);
                            c.labels.push_back(c.intern_pair(c.keys.intern(*key), value ? c.values.intern(*value) : 0));
                        }
            }
            c.label_begin.push_back(static_cast<std::uint32_t>(c.labels.size()));
        }
    }

    std::vector<sort_index<T>> orders_;
    std::array<detail::index_column, field_count> columns_;
    std::vector<T const*> items_;                          // by id
    std::vector<std::pair<T const*, std::uint32_t>> ids_; // by address: each indexed resource's id
};
LISTQUERY_DETAIL_SMALL_VECTOR_HOLDERS_END

} // namespace listquery

// begin file listquery/pipeline/impl/index_page.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_PIPELINE_IMPL_INDEX_PAGE_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_PIPELINE_IMPL_INDEX_PAGE_HPP
// How a resource_index answers a query: checks of its columns, then the page.

// #include <listquery/pipeline/resource_index.hpp> (already inlined)

namespace listquery {

LISTQUERY_DETAIL_SMALL_VECTOR_HOLDERS_BEGIN
namespace detail {

/// A resource_index's internals, for the page strategies below and for tests.
struct index_access {
    template <class T>
    static std::vector<T const*> const& items(resource_index<T> const& index) noexcept { return index.items(); }
    template <class T>
    static bool has_holes(resource_index<T> const& index) noexcept { return index.has_holes(); }
    template <class T>
    static index_column const& column(resource_index<T> const& index, std::size_t i) noexcept { return index.column(i); }
};

/// The parts of a query a resource_index keeps, turned into checks of code columns by id.
template <class T>
class index_checks {
public:
    index_checks(resource_index<T> const& index, list_query const& q, std::optional<scope> const& within) {
        bool scoped = false;
        for_each_field<T>([&](auto const& f, auto i) {
            auto const& c = index_access::column(index, i);
            using F = std::remove_cvref_t<decltype(f)>;
            if constexpr (F::kind == field_kind::list || F::kind == field_kind::guid) {
                if (within && f.filter_name == within->field) { // the scope: one more list of one value
                    std::string_view const value[] = {within->value};
                    c.kept ? add_list(c, value) : void(unchecked_ = true);
                    scoped = true;
                }
                if (auto const* filter = q.filter(f.filter_name))
                    c.kept ? add_list(c, filter->values) : void(unchecked_ = true);
            } else if constexpr (F::kind == field_kind::timestamp) {
                if (auto const* filter = q.timestamp(f.filter_name))
                    c.kept ? void(times_.push_back({&c.seconds, filter})) : void(unchecked_ = true);
            } else if constexpr (F::kind == field_kind::labels) {
                if (q.selector)
                    for (auto const& r : q.selector->requirements)
                        c.kept ? add_requirement(c, r) : void(unchecked_ = true);
            }
        });
        none_ = none_ || (within && !scoped); // a scope of no field matches nothing
    }

    /// No resource can match: an indexed filter names only values no resource has.
    bool none() const noexcept { return none_; }
    /// Some part of the query is not indexed: resources that pass must be checked whole.
    bool unchecked() const noexcept { return unchecked_; }

    /// `keep[j] &= ` whether resource `first + j` passes the indexed parts, for `count` ids:
    /// column by column, each a tight loop without branches on the data (on varied data, a
    /// branch per check is mispredicted half the time, which costs more than the check).
    void mark(std::size_t first, std::size_t count, bool* keep) const {
        for (auto const& l : lists_)
            l.wanted.mark(l.column->codes.data() + first, count, keep);
        for (auto const& t : times_) {
            std::int64_t const* const seconds = t.seconds->data() + first;
            for (std::size_t j = 0; j < count; ++j)
                keep[j] &= seconds[j] != index_column::null_seconds &&
                           matches_timestamp(timestamp(std::chrono::seconds(seconds[j])), *t.filter);
        }
        for (auto const& r : requirements_) {
            auto const* const begin = r.column->label_begin.data() + first;
            auto const* const labels = r.column->labels.data();
            std::uint8_t const* const classes = r.classes.data();
            // The one fact the operator tests, and whether it must be absent (notin, !=, !key).
            auto const meaning = meaning_of(r.op);
            unsigned const fact = meaning.tests_value ? has_value_bit : has_key_bit;
            bool const absent = meaning.negated;
            for (std::size_t j = 0; j < count; ++j) {
                unsigned facts = 0;
                for (auto k = begin[j]; k < begin[j + 1]; ++k) // a resource's few labels
                    facts |= classes[labels[k]];
                keep[j] &= ((facts & fact) != 0) != absent;
            }
        }
    }

    /// Calls `f(id)` for the ids that may pass, when a list filter's postings make a set much
    /// smaller than the index (with holes and duplicates of none); returns false, calling
    /// nothing, when every id must be looked at.
    template <class F>
    bool for_each_candidate(std::size_t ids, F&& f) const {
        list_check const* fewest = nullptr;
        for (auto const& l : lists_)
            if (!fewest || l.matches < fewest->matches)
                fewest = &l;
        if (!fewest || fewest->matches > ids / 8) // a scan of the columns is cheaper
            return false;
        for (auto code : fewest->wanted_codes)
            for (auto id : fewest->column->postings[code])
                f(id);
        return true;
    }

    /// Whether resource `id` passes the indexed parts.
    bool operator()(std::size_t id) const {
        bool keep = true;
        mark(id, 1, &keep);
        return keep;
    }

private:
    struct list_check {
        index_column const* column;
        code_set wanted;
        boost::container::small_vector<std::uint32_t, 8> wanted_codes;
        std::size_t matches = 0; // ids with one of them: the sum of their postings
    };
    struct time_check {
        std::vector<std::int64_t> const* seconds;
        timestamp_filter const* filter;
    };
    // What a label, by its pair code, tells one requirement: its key is the requirement's, and
    // its value one of the requirement's values.
    static constexpr std::uint8_t has_key_bit = 1, has_value_bit = 2;
    struct requirement_check {
        index_column const* column;
        selector_op op;
        boost::container::small_vector<std::uint8_t, 512> classes; // by pair code
    };

    template <class Values>
    void add_list(index_column const& c, Values const& values) {
        lists_.push_back({&c, code_set(c.values.size()), {}, 0});
        auto& check = lists_.back();
        for (std::string_view v : values)
            if (auto const code = c.values.find(v); code != 0 && !check.wanted.contains(code)) {
                check.wanted.insert(code);
                check.wanted_codes.push_back(code);
                check.matches += c.postings[code].size();
            }
        none_ = none_ || check.wanted_codes.empty();
    }

    void add_requirement(index_column const& c, label_requirement const& r) {
        code_set keys(c.keys.size()), values(c.values.size());
        auto const& key_texts = c.keys.texts();
        for (std::size_t k = 0; k < key_texts.size(); ++k) // the distinct keys: few, in practice
            if (same_label_key(key_texts[k], r))
                keys.insert(static_cast<std::uint32_t>(k + 1));
        for (auto v : r.values)
            if (auto const code = c.values.find(v))
                values.insert(code);
        requirements_.push_back({&c, r.op, {}});
        auto& classes = requirements_.back().classes;
        classes.resize(c.pairs.size() + 1);
        std::uint8_t seen = 0;
        for (std::size_t p = 0; p < c.pairs.size(); ++p) {
            bool const same_key = keys.contains(c.pairs[p].first);
            classes[p + 1] = static_cast<std::uint8_t>((same_key ? has_key_bit : 0) |
                                                       (same_key && values.contains(c.pairs[p].second) ? has_value_bit : 0));
            seen |= classes[p + 1];
        }
        // A requirement that is not negated and that no resource can meet (a key or values no
        // resource has).
        auto const meaning = meaning_of(r.op);
        none_ = none_ || (!meaning.negated && (seen & (meaning.tests_value ? has_value_bit : has_key_bit)) == 0);
    }

    boost::container::small_vector<list_check, 4> lists_;
    boost::container::small_vector<time_check, 2> times_;
    boost::container::small_vector<requirement_check, 8> requirements_;
    bool none_ = false, unchecked_ = false;
};

/// A query within an optional scope over a resource_index: which ids pass it, and how many do,
/// read from the columns (each part the index keeps) and the resources (each part it does not).
template <class T>
class index_query {
public:
    index_query(resource_index<T> const& index, list_query const& q, std::optional<scope> const& within)
        : index_(index), match_(q, within), checks_(index, q, within), filtered_(has_filters(q) || within) {}

    /// Whether resource `r`, of id `id`, passes (a hole never does).
    bool passes(std::size_t id, T const* r) const {
        return r && (!filtered_ || (checks_(id) && (!checks_.unchecked() || match_(*r))));
    }

    /// The exact number of resources that pass, calling `found(id)` for each when `each`.
    template <class Found>
    std::uint64_t count(bool each, Found&& found) const {
        auto const& items = index_access::items(index_);
        if (!filtered_) {
            if (each)
                for (std::size_t id = 0; id < items.size(); ++id)
                    if (items[id])
                        found(id);
            return index_.size();
        }
        std::uint64_t total = 0;
        if (checks_.none() || checks_.for_each_candidate(items.size(), [&](std::size_t id) {
                if (passes(id, items[id])) {
                    ++total;
                    if (each)
                        found(id);
                }
            }))
            return total;
        // The columns, a block of ids at a time.
        bool const holes = index_access::has_holes(index_);
        constexpr std::size_t block = 256;
        bool keep[block]; // not a character type, which would alias every load in the loops
        for (std::size_t first = 0; first < items.size(); first += block) {
            std::size_t const count = std::min(block, items.size() - first);
            for (std::size_t j = 0; j < count; ++j)
                keep[j] = !holes || items[first + j] != nullptr; // items are read only if needed
            checks_.mark(first, count, keep);
            if (checks_.unchecked())
                for (std::size_t j = 0; j < count; ++j)
                    keep[j] = keep[j] && match_(*items[first + j]);
            for (std::size_t j = 0; j < count; ++j)
                total += keep[j];
            if (each)
                for (std::size_t j = 0; j < count; ++j)
                    if (keep[j])
                        found(first + j);
        }
        return total;
    }

    /// The exact number of resources that pass.
    std::uint64_t count() const {
        return count(false, [](std::size_t) {});
    }

    /// Whether `r` passes the whole query, read from the resource alone.
    bool matches(T const& r) const { return match_(r); }

private:
    resource_index<T> const& index_;
    matcher<T> const match_;
    index_checks<T> const checks_;
    bool const filtered_;
};

/// The page of `q` within `within` over `base`, which `index` describes: the count from the
/// columns, the page from the kept order of `q.order`'s field (or, without `order_by`, from
/// `base` in its order).
template <class T, class Base>
page_result<T> page_with_index(Base const& base, list_query const& q, std::optional<scope> const& within,
                               resource_index<T> const& index) {
    index_query<T> const query(index, q, within);
    auto const& items = index_access::items(index);
    // A query ordered by a field the index does not keep orders its matches, collected as they
    // are counted.
    sort_index<T> const* const order = q.order ? index.order(q.order->field) : nullptr;
    bool const collect = q.order && !order;
    sort_buffer<T> matches;
    std::uint64_t const total = query.count(collect, [&](std::size_t id) { matches.push_back({items[id], id}); });

    page_frame<T> page = frame_page<T>(total, q);
    auto& out = page.result;
    page_window const w = page.window;
    if (w.begin == w.end)
        return std::move(page.result);
    if (order) { // walk the kept order until the page is full
        walk_window(*order, q.order->dir, w, [&](detail::ranked<T> const& e) { return query.passes(e.index, e.item); },
                    out.resources);
    } else if (collect) { // as unindexed, over the matches
        order_window(matches, w, *q.order);
        for (auto i = w.begin; i < w.end; ++i)
            out.resources.push_back(matches[static_cast<std::size_t>(i)].item);
    } else { // the container's order: the range itself, until the page is full
        std::uint64_t position = 0;
        for (auto const& e : base) {
            auto const* r = element_traits<decltype(e)>::address(e);
            if (!r || !query.matches(*r))
                continue;
            if (position++ >= w.begin)
                out.resources.push_back(r);
            if (position == w.end)
                break;
        }
    }
    return std::move(page.result);
}

} // namespace detail
LISTQUERY_DETAIL_SMALL_VECTOR_HOLDERS_END

} // namespace listquery
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_PIPELINE_IMPL_INDEX_PAGE_HPP
// end file listquery/pipeline/impl/index_page.hpp
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_PIPELINE_RESOURCE_INDEX_HPP
// end file listquery/pipeline/resource_index.hpp
// begin file listquery/pipeline/resource_pipeline.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_PIPELINE_RESOURCE_PIPELINE_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_PIPELINE_RESOURCE_PIPELINE_HPP

// begin file listquery/keyset/token.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_KEYSET_TOKEN_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_KEYSET_TOKEN_HPP

// #include <listquery/query.hpp> (already inlined)
// #include <listquery/query_errors.hpp> (already inlined)
// #include <listquery/result.hpp> (already inlined)
// #include <listquery/scope.hpp> (already inlined)

#include <boost/assert.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace listquery {

//------------------------------------------------
/** Computes the MAC that binds a page token to its query (docs/keyset.md#the-token).

    The core depends on no crypto library: give it an implementation, such as
    `listquery::hmac_sha256_signer` (`<listquery/keyset/hmac_sha256.hpp>`, target
    `listquery::keyset_openssl`, HMAC-SHA256 by OpenSSL's libcrypto).
*/
class token_signer {
public:
    virtual ~token_signer() = default;
    /// The 32-byte MAC of `data` under this signer's key.
    virtual std::array<unsigned char, 32> mac(std::string_view data) const = 0;
};

/** The keys a server signs and checks page tokens with: `current` signs; tokens signed by a key
    in `previous` are still accepted, so that a key can be rotated without breaking the walks in
    progress (docs/keyset.md#key-rotation). The signers must outlive this value.
*/
struct token_keys {
    token_signer const* current = nullptr;
    std::vector<token_signer const*> previous{};
};

/// A sort value in a token: none (a null field), an integer (a time's count, or an integral
/// field), or text.
using sort_value = std::variant<std::monostate, std::int64_t, std::string>;

/** Where a keyset page starts: after (or, reading backward, before) the resource with this sort
    value and guid, in the query's order. `from_end` reads the last page, backward from the end.
*/
struct keyset_cursor {
    bool backward = false;
    bool from_end = false;
    sort_value value{};
    std::string guid{};

    friend bool operator==(keyset_cursor const&, keyset_cursor const&) = default;
};

namespace detail {

/// The token format's version: the payload's layout and the canonical query's (bound_query).
/// 2: the canonical query is keyset's own, no longer the links' escaped pairs.
inline constexpr unsigned char token_version = 2;

/// base64url without padding (RFC 4648 §5). Boost's only public base64 is Boost.Archive's
/// iterators, which throw on bad input and leave padding to the caller; this is total.
inline std::string base64url_encode(std::string_view bytes) {
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string out;
    out.reserve((bytes.size() * 4 + 2) / 3);
    std::uint32_t bits = 0;
    int count = 0;
    for (unsigned char c : bytes) {
        bits = (bits << 8) | c;
        count += 8;
        while (count >= 6) {
            count -= 6;
            out += alphabet[(bits >> count) & 63];
        }
    }
    if (count > 0)
        out += alphabet[(bits << (6 - count)) & 63];
    return out;
}

/// The bytes of unpadded base64url text; nothing for any other text (a stray character, a
/// length no encoding has, or unused bits that are not zero, so each token has one spelling).
inline std::optional<std::string> base64url_decode(std::string_view text) {
    if (text.size() % 4 == 1)
        return std::nullopt;
    std::string out;
    out.reserve(text.size() * 3 / 4);
    std::uint32_t bits = 0;
    int count = 0;
    for (char c : text) {
        int v = c >= 'A' && c <= 'Z' ? c - 'A'
                : c >= 'a' && c <= 'z' ? c - 'a' + 26
                : c >= '0' && c <= '9' ? c - '0' + 52
                : c == '-' ? 62
                : c == '_' ? 63
                           : -1;
        if (v < 0)
            return std::nullopt;
        bits = (bits << 6) | static_cast<std::uint32_t>(v);
        count += 6;
        if (count >= 8) {
            count -= 8;
            out += static_cast<char>((bits >> count) & 0xFF);
        }
    }
    if ((bits & ((1u << count) - 1)) != 0)
        return std::nullopt;
    return out;
}

/// Compares two MACs in time that does not depend on where they differ.
inline bool same_mac(std::span<unsigned char const, 32> a, std::span<unsigned char const, 32> b) noexcept {
    unsigned char diff = 0;
    for (std::size_t i = 0; i < 32; ++i)
        diff = static_cast<unsigned char>(diff | (a[i] ^ b[i]));
    return diff == 0;
}

inline void put_u64(std::string& out, std::uint64_t v) {
    for (int i = 7; i >= 0; --i)
        out += static_cast<char>((v >> (8 * i)) & 0xFF);
}

inline void put_text(std::string& out, std::string_view s) {
    put_u64(out, s.size());
    out += s;
}

/** What a token binds: every parameter of the validated query but `page` and `page_token`, in
    a canonical form that keyset owns and versions with the token (docs/keyset.md#the-token):
    fields in a fixed order, each text length-prefixed, times as seconds, the selector as
    `to_string` writes it; then the scope of a nested route, if any. The same query however
    spelled gives the same bytes, and nothing else (how links escape their values, say) changes
    them.
*/
inline std::string bound_query(list_query const& q, std::optional<scope> const& within = {}) {
    std::string out;
    out += static_cast<char>(token_version);
    put_u64(out, q.per_page);
    out += static_cast<char>(!q.order ? 0 : q.order->dir == direction::asc ? 1 : 2);
    if (q.order)
        put_text(out, q.order->field);
    put_u64(out, q.filters.size()); // in the endpoint's order, whatever the request's
    for (auto const& f : q.filters) {
        put_text(out, f.name);
        put_u64(out, f.values.size());
        for (auto v : f.values)
            put_text(out, v);
    }
    auto const put_time = [&out](timestamp t) { put_u64(out, static_cast<std::uint64_t>(t.time_since_epoch().count())); };
    put_u64(out, q.timestamps.size());
    for (auto const& t : q.timestamps) {
        put_text(out, t.name);
        put_u64(out, t.any_of.size());
        for (auto at : t.any_of)
            put_time(at);
        put_u64(out, t.all_of.size());
        for (auto const& c : t.all_of) {
            out += static_cast<char>(c.op);
            put_time(c.value);
        }
    }
    out += static_cast<char>(q.selector ? 1 : 0);
    if (q.selector)
        put_text(out, to_string(*q.selector));
    out += static_cast<char>(within ? 1 : 0);
    if (within) {
        put_text(out, within->field);
        put_text(out, within->value);
    }
    return out;
}

/// Reads the payload back; a reader that fails once stays failed.
struct payload_reader {
    std::string_view rest;
    bool ok = true;

    std::uint64_t u64() {
        if (rest.size() < 8)
            return ok = false, 0;
        std::uint64_t v = 0;
        for (int i = 0; i < 8; ++i)
            v = (v << 8) | static_cast<unsigned char>(rest[static_cast<std::size_t>(i)]);
        rest.remove_prefix(8);
        return v;
    }
    unsigned char byte() {
        if (rest.empty())
            return ok = false, 0;
        auto const b = static_cast<unsigned char>(rest.front());
        rest.remove_prefix(1);
        return b;
    }
    std::string_view text() {
        std::uint64_t const n = u64();
        if (!ok || n > rest.size())
            return ok = false, std::string_view{};
        auto const s = rest.substr(0, static_cast<std::size_t>(n));
        rest.remove_prefix(static_cast<std::size_t>(n));
        return s;
    }
};

inline query_errors bad_page_token() { return query_errors{{bad_page_token_error()}}; }

/** The cursors of the pages around a page (docs/keyset.md#links): `edge(true)` forward from its
    last resource when matches lie `after` it, `edge(false)` backward from its first when some lie
    `before` it. A page without resources goes back to the last page when it was read by number
    (past the end), or back the other way from its cursor.
*/
template <class Edge>
void neighbour_cursors(bool empty, bool after, bool before, std::uint64_t total,
                       std::optional<keyset_cursor> const& cursor, Edge&& edge, std::optional<keyset_cursor>& next,
                       std::optional<keyset_cursor>& previous) {
    if (!empty) {
        if (after)
            next = edge(true);
        if (before)
            previous = edge(false);
    } else if (total > 0 && !cursor) {
        previous = keyset_cursor{true, true, {}, {}};
    } else if (total > 0 && !cursor->from_end) {
        keyset_cursor back = *cursor;
        back.backward = !cursor->backward;
        (cursor->backward ? next : previous) = std::move(back);
    }
}

} // namespace detail

namespace detail {

/// What the MAC covers: the payload, a 0 byte, and the query's canonical text.
inline std::string signed_text(std::string_view payload, std::string_view bound) {
    return (std::string(payload) += '\0') += bound;
}

/// `encode_page_token` with the query's canonical text (`bound_query`) computed once by the
/// caller, who may sign several tokens for one query.
inline std::string encode_page_token(keyset_cursor const& cursor, std::string_view bound, token_signer const& signer) {
    std::string payload;
    payload += static_cast<char>(token_version);
    payload += static_cast<char>((cursor.backward ? 1 : 0) | (cursor.from_end ? 2 : 0));
    payload += static_cast<char>(cursor.value.index());
    if (auto const* n = std::get_if<std::int64_t>(&cursor.value))
        put_u64(payload, static_cast<std::uint64_t>(*n));
    else if (auto const* s = std::get_if<std::string>(&cursor.value))
        put_text(payload, *s);
    put_text(payload, cursor.guid);
    auto const mac = signer.mac(signed_text(payload, bound));
    payload.append(reinterpret_cast<char const*>(mac.data()), mac.size());
    return base64url_encode(payload);
}

} // namespace detail

/** The page token for `cursor` under the query `q` (and a nested route's scope): base64url of a
    versioned payload (the version, the direction, the order, the sort value and the guid) and its
    MAC under `keys.current` (which must be set) over the payload and the canonical query
    (docs/keyset.md#the-token).
*/
inline std::string encode_page_token(keyset_cursor const& cursor, list_query const& q, token_keys const& keys,
                                     std::optional<scope> const& within = {}) {
    BOOST_ASSERT(keys.current);
    return detail::encode_page_token(cursor, detail::bound_query(q, within), *keys.current);
}

/** The cursor of `q.page_token`, checked: its MAC must be one of `keys` over its payload and
    `q`'s canonical query (with the scope it was issued in), and its version this library's.
    Anything else (tampered, truncated, signed by another key, issued for another query, scope or
    version) is 400 `CF-BadQueryParameter` with one message, `Page token is invalid: …`.
*/
inline result<keyset_cursor> decode_page_token(list_query const& q, token_keys const& keys,
                                               std::optional<scope> const& within = {}) {
    auto const bytes = detail::base64url_decode(q.page_token);
    if (!bytes || bytes->size() < 32 + 3)
        return detail::bad_page_token();
    std::string_view const payload = std::string_view(*bytes).substr(0, bytes->size() - 32);
    std::span<unsigned char const, 32> const mac(reinterpret_cast<unsigned char const*>(bytes->data() + payload.size()), 32);
    std::string const signed_text = detail::signed_text(payload, detail::bound_query(q, within));
    bool valid = false;
    auto check = [&](token_signer const* s) {
        if (s) {
            auto const want = s->mac(signed_text);
            valid = detail::same_mac(want, mac) || valid; // every key is tried: no early exit
        }
    };
    check(keys.current);
    for (auto const* s : keys.previous)
        check(s);
    if (!valid)
        return detail::bad_page_token();
    detail::payload_reader r{payload};
    keyset_cursor c;
    unsigned char const version = r.byte(), flags = r.byte(), kind = r.byte();
    if (version != detail::token_version || flags > 3 || kind > 2)
        return detail::bad_page_token();
    c.backward = flags & 1;
    c.from_end = flags & 2;
    if (kind == 1)
        c.value = static_cast<std::int64_t>(r.u64());
    else if (kind == 2)
        c.value = std::string(r.text());
    c.guid = std::string(r.text());
    if (!r.ok || !r.rest.empty())
        return detail::bad_page_token();
    return c;
}

} // namespace listquery
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_KEYSET_TOKEN_HPP
// end file listquery/keyset/token.hpp
// #include <listquery/pipeline/page.hpp> (already inlined)
// #include <listquery/query.hpp> (already inlined)
// #include <listquery/scope.hpp> (already inlined)

#include <optional>
#include <ranges>
#include <span>
#include <type_traits>

namespace listquery {

template <class T>
struct apply_options;
template <class T>
struct keyset_page;

//------------------------------------------------
/** The pipeline's work for resource type `T` over a contiguous range (of `T`, or of `T const*`):
    what `apply`, `apply_keyset` and `memory_store` run for a vector, an array or a span, whatever
    the endpoint (docs/building.md#explicit-instantiation).

    Its members are defined out of the class, so a program can compile them once per resource
    type: declare `extern template struct listquery::resource_pipeline<my::droplet>;` next to the
    type's declaration, and instantiate it in one source file,
    `template struct listquery::resource_pipeline<my::droplet>;` (that file includes
    `<listquery/listquery.hpp>`). Every other translation unit then compiles none of the filter,
    order and page code for it.
*/
template <class T>
struct resource_pipeline {
    /// `apply`'s page (defined in `<listquery/pipeline/apply.hpp>`).
    static page_result<T> page(std::span<T const> range, list_query const& q, apply_options<T> const& o);
    static page_result<T> page(std::span<T const* const> range, list_query const& q, apply_options<T> const& o);
    /// `apply_keyset`'s page (defined in `<listquery/keyset/paginate.hpp>`).
    static keyset_page<T> keyset(std::span<T const> range, list_query const& q, std::optional<keyset_cursor> const& cursor,
                                 apply_options<T> const& o);
    static keyset_page<T> keyset(std::span<T const* const> range, list_query const& q,
                                 std::optional<keyset_cursor> const& cursor, apply_options<T> const& o);
};

namespace detail {

/// Calls `f(span)` with `range` as a span of `T` or of `T const*` when it is contiguous (so that
/// `resource_pipeline<T>` answers), else `g(range)`.
template <class T, class R, class F, class G>
decltype(auto) with_contiguous(R const& range, F&& f, G&& g) {
    using V = std::remove_cv_t<std::ranges::range_value_t<R const>>;
    if constexpr (std::ranges::contiguous_range<R const> && std::is_same_v<V, T>)
        return f(std::span<T const>(std::ranges::data(range), std::ranges::size(range)));
    else if constexpr (std::ranges::contiguous_range<R const> && (std::is_same_v<V, T const*> || std::is_same_v<V, T*>))
        return f(std::span<T const* const>(std::ranges::data(range), std::ranges::size(range)));
    else
        return g(range);
}

} // namespace detail

} // namespace listquery
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_PIPELINE_RESOURCE_PIPELINE_HPP
// end file listquery/pipeline/resource_pipeline.hpp
// #include <listquery/pipeline/sort_index.hpp> (already inlined)
// #include <listquery/scope.hpp> (already inlined)

#include <optional>
#include <type_traits>

namespace listquery {

/** What `apply` and `apply_keyset` may use besides the range and the query; every member is
    optional: `apply<E>(droplets, q, {.scope = cf::app_droplets.within(guid), .index = &index})`.
*/
template <class T>
struct apply_options {
    /// A nested route's scope (`endpoint::within`), applied before the query's own filters.
    std::optional<listquery::scope> scope{};
    /// A `resource_index` of the range: the count from its columns, the page from its kept
    /// order of the query's field (stopping once the page is full); the resources are read only
    /// for what the index does not keep.
    resource_index<T> const* index = nullptr;
    /// A `sort_index` of the range: a query ordered by its field walks it (and stops once the
    /// page is full) instead of ordering every match; any other query ignores it.
    sort_index<T> const* sort = nullptr;
    /// The buffer an ordered page fills without an index: lend one to reuse its memory.
    sort_buffer<T>* buffer = nullptr;
};

namespace detail {

/// `apply` without the endpoint's compile-time checks, which its callers make: one body for every
/// endpoint of a resource type.
template <class T, class R>
page_result<T> apply_page(R const& range, list_query const& q, apply_options<T> const& o) {
    if (o.index)
        return page_with_index<T>(range, q, o.scope, *o.index);
    keep_matching<T> const keep{matcher<T>(q, o.scope)};
    if (o.sort && q.order && q.order->field == o.sort->field())
        return page_indexed<T>(range, keep, q, *o.sort, has_filters(q) || o.scope);
    if (!q.order)
        return page_in_order<T>(range, keep, q);
    sort_buffer<T> own;
    return page_sorted<T>(range, keep, q, o.buffer ? *o.buffer : own);
}

} // namespace detail

template <class T>
page_result<T> resource_pipeline<T>::page(std::span<T const> range, list_query const& q, apply_options<T> const& o) {
    return detail::apply_page<T>(range, q, o);
}

template <class T>
page_result<T> resource_pipeline<T>::page(std::span<T const* const> range, list_query const& q, apply_options<T> const& o) {
    return detail::apply_page<T>(range, q, o);
}

//------------------------------------------------
/** Filter, sort and page in one call: `listquery::apply<E>(range, q)`, with options
    `apply<E>(range, q, {.scope = …, .index = …})`.

    The same as `range | filter<E>(q, scope) | paginate<E>(q)`. Cost: one pass over `range`
    to filter; with `order_by`, O(n) to select the page and O(k log k) to sort its k resources,
    and a buffer of at most 2 × page × per_page entries, never more than the matches; without,
    no buffer. With an index, far less (docs/pipeline.md#indexes).
    Nothing is copied or changed; the page points at the caller's elements. Reentrant: any number
    of threads may query one container at once.

    @par Example
    @code
    auto q = listquery::parse_list_query<listquery::cf::droplets>("order_by=-created_at&per_page=2");
    listquery::page_result<my::droplet> page = listquery::apply<listquery::cf::droplets>(droplets, *q);
    @endcode
*/
template <endpoint const& E>
struct apply_fn {
    template <class R, class T = detail::resource_t<R>>
        requires detail::stable_range<R>
    page_result<T> operator()(R&& range, list_query const& q,
                              std::type_identity_t<apply_options<T>> const& o = {}) const {
        static_assert(detail::check_lasting_range<R>());
        static_assert(detail::check_resource<E, T>());
        return detail::with_contiguous<T>(
            range, [&](auto span) { return resource_pipeline<T>::page(span, q, o); },
            [&](auto const& other) { return detail::apply_page<T>(other, q, o); });
    }
};

/// The whole pipeline for endpoint `E`.
template <endpoint const& E>
inline constexpr apply_fn<E> apply{};

} // namespace listquery
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_PIPELINE_APPLY_HPP
// end file listquery/pipeline/apply.hpp
// #include <listquery/pipeline/filter.hpp> (already inlined)
// #include <listquery/pipeline/match.hpp> (already inlined)
// #include <listquery/pipeline/page.hpp> (already inlined)
// #include <listquery/pipeline/paginate.hpp> (already inlined)
// #include <listquery/pipeline/resource_index.hpp> (already inlined)
// #include <listquery/pipeline/sort_index.hpp> (already inlined)

// begin file listquery/links.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_LINKS_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_LINKS_HPP

// #include <listquery/query.hpp> (already inlined)
// #include <listquery/pipeline/page.hpp> (already inlined)

// #include <listquery/detail/config.hpp> (already inlined)

#include <boost/url/url_view.hpp>

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


//------------------------------------------------
/** Builds the hrefs of one query's pages, as Cloud Controller writes them
    (docs/semantics.md#links): `per_page` always; `order_by` signed (`%2Bcreated_at`,
    `-created_at`) when the query had one; every requested filter echoed; then `page`; each pair
    escaped like Ruby's `CGI.escape` and the pairs sorted bytewise.

    Relative (`/v3/packages?page=1&per_page=2`) unless a base URL is given
    (`https://api.example.org`, whose trailing `/` is dropped; parse it with Boost.URL, e.g.
    `boost::urls::parse_uri(text).value()`). Every byte of the path and the query is checked
    or escaped by Boost.URL, so no byte of the request can add, remove or change a parameter.
*/
class link_builder {
public:
    /** @param path The request's path as it arrived, percent-encoded (`/v3/apps/G/droplets`).
        @param q The query the page answers.
        @param base_url Empty for relative links, or a URL such as `https://api.example.org`
        (its query and fragment are dropped). */
    LISTQUERY_DECL link_builder(std::string_view path, list_query const& q, boost::urls::url_view base_url = {});

    /// The href of page `n`.
    LISTQUERY_DECL std::string href(std::uint64_t n) const;

    /// The href that names its page by `key=value` instead of `page` (`page_token`, for keyset
    /// links: docs/keyset.md), `value` escaped as the other values are, at its sorted place.
    LISTQUERY_DECL std::string href_with(std::string_view key, std::string_view value) const;

private:
    std::string head_, tail_; // the href before and after the page number
    std::size_t prefix_ = 0;  // the path and '?' at the front of head_
    std::string pairs_;       // every pair but the page's, escaped and sorted, each followed by '&'
};

/** The `pagination` object for a query that matched `total_results` resources.

    @par Example
    @code
    auto q = listquery::parse_list_query<listquery::cf::packages>("page=1&per_page=2");
    auto p = listquery::make_pagination("/v3/packages", *q, 3);
    assert(p.links.next == "/v3/packages?page=2&per_page=2" && !p.links.previous);
    @endcode
*/
LISTQUERY_DECL pagination make_pagination(std::string_view path, list_query const& q, std::uint64_t total_results,
                                          boost::urls::url_view base_url = {});

/** The `pagination` object of a page that `apply` made: the main flow's way, with the counts
    the page holds.

    @par Example
    @code
    auto page = listquery::apply<listquery::cf::droplets>(droplets, *q);
    listquery::pagination p = listquery::make_pagination("/v3/droplets", *q, page);
    @endcode
*/
template <class T>
pagination make_pagination(std::string_view path, list_query const& q, page_result<T> const& page,
                           boost::urls::url_view base_url = {}) {
    return make_pagination(path, q, page.total_results, base_url);
}

/// The RFC 8288 `Link` header value of the links: `<href>; rel="first", …`, with `prev`.
LISTQUERY_DECL std::string link_header(pagination_links const& l);

} // namespace listquery

#if !defined(LISTQUERY_SEPARATE_COMPILATION)
// begin file listquery/impl/links.ipp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_IMPL_LINKS_IPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_IMPL_LINKS_IPP
// The definitions of <listquery/links.hpp>: inline in header-only use, compiled once with
// LISTQUERY_SEPARATE_COMPILATION (docs/building.md#separate-compilation).

// #include <listquery/links.hpp> (already inlined)

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
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_IMPL_LINKS_IPP
// end file listquery/impl/links.ipp
#endif
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_LINKS_HPP
// end file listquery/links.hpp

// begin file listquery/store.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_STORE_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_STORE_HPP

// #include <listquery/endpoint.hpp> (already inlined)
// #include <listquery/keyset/token.hpp> (already inlined)
// #include <listquery/query.hpp> (already inlined)
// #include <listquery/result.hpp> (already inlined)
// #include <listquery/scope.hpp> (already inlined)

#include <concepts>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace listquery {

//------------------------------------------------
/** One page a store is asked for (docs/stores.md): a validated query, the scope of a nested
    route, and for a keyset query (`query.keyset_paging`) the cursor its page token names (none
    on page 1, or on a page asked for by number).
*/
struct page_request {
    list_query const& query;
    std::optional<listquery::scope> scope{};
    std::optional<keyset_cursor> cursor{};
};

/** What a store answers: the page's resources as JSON texts, in the query's order, and the exact
    total; for a keyset query, the cursors of the pages around it (`apply_keyset`'s).
*/
struct store_page {
    /// Each resource's JSON text, one JSON value each.
    std::vector<std::string_view> resources;
    /// How many resources match, over all pages (also past the last page).
    std::uint64_t total_results = 0;
    /// A keyset page's neighbours: forward from its last resource, backward from its first.
    std::optional<keyset_cursor> next, previous;
    /// What the texts point into, when the store does not hold them itself (rows read from a
    /// database, texts rendered for this page); it lives as long as any copy of it.
    std::shared_ptr<void const> owner;
};

/** Where `respond` reads pages from: one interface for every engine (docs/stores.md).

    listquery has three: `memory_store<T>` (a container, with or without a `resource_index`),
    and `sql::table_store<T, Database>` over `sql::sqlite::database` and
    `sql::postgresql::database`. A new engine implements one member:

    @code
    listquery::result<listquery::store_page> read(listquery::endpoint const& e, listquery::page_request const& r);
    @endcode

    It answers the page of `r.query` for `e` within `r.scope` exactly as `apply` (or, for a keyset
    query, `apply_keyset` after `r.cursor`) answers it in memory: the same resources in the same
    order, and the same total; or a failure (`error::database_unavailable`, `error::database_error`).
    A store may also declare `template <endpoint const& E> static constexpr bool serves()`, which
    `respond<E>` calls at compile time to check that the store's resources can answer `E`.
*/
template <class S>
concept store = requires(S& s, endpoint const& e, page_request const& r) {
    { s.read(e, r) } -> std::same_as<result<store_page>>;
};

namespace detail {
/// The compile-time checks a store declares for endpoint `E`, if any.
template <endpoint const& E, class S>
constexpr bool store_serves() {
    if constexpr (requires { S::template serves<E>(); })
        return S::template serves<E>();
    else
        return true;
}
} // namespace detail

} // namespace listquery
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_STORE_HPP
// end file listquery/store.hpp
// begin file listquery/memory_store.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_MEMORY_STORE_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_MEMORY_STORE_HPP

// begin file listquery/keyset/paginate.hpp
#ifndef LISTQUERY_SINGLE_FILE_LISTQUERY_KEYSET_PAGINATE_HPP
#define LISTQUERY_SINGLE_FILE_LISTQUERY_KEYSET_PAGINATE_HPP

// #include <listquery/keyset/token.hpp> (already inlined)
// #include <listquery/links.hpp> (already inlined)
// #include <listquery/pipeline/apply.hpp> (already inlined)
// #include <listquery/scope.hpp> (already inlined)

#include <boost/assert.hpp>

#include <algorithm>
#include <chrono>
#include <concepts>
#include <limits>
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace listquery {

/// A keyset page: the page's resources and totals, and the cursors of the pages around it.
template <class T>
struct keyset_page {
    /// The resources in the query's order, `total_results` and `total_pages` exact;
    /// `page.page` is 0 for a page read by token (its number is not known), else the `page`.
    page_result<T> page;
    /// Forward from the last resource, when some match after it.
    std::optional<keyset_cursor> next;
    /// Backward from the first resource, when some match before it.
    std::optional<keyset_cursor> previous;
};

namespace detail {

/// A field's value as a token holds it, viewed (a string) or converted (a time in microseconds, as
/// SQL stores times, or an integer); empty for null.
template <class X>
auto sort_key_of(X const& x) {
    if constexpr (string_field<X>) {
        return string_value(x);
    } else {
        auto const* p = present(x);
        using V = std::remove_cvref_t<decltype(*p)>;
        static_assert(is_sys_time_v<V> || std::integral<V>, "listquery: keyset paging orders by text, time or integer fields");
        if (!p)
            return std::optional<std::int64_t>();
        if constexpr (is_sys_time_v<V>)
            return std::optional<std::int64_t>(std::chrono::floor<std::chrono::microseconds>(p->time_since_epoch()).count());
        else
            return std::optional<std::int64_t>(static_cast<std::int64_t>(*p));
    }
}

/// The sort value of a field's value, as a token holds it.
template <class X>
sort_value to_sort_value(X const& x) {
    auto const key = sort_key_of(x);
    if (!key)
        return {};
    if constexpr (string_field<X>)
        return sort_value(std::string(*key));
    else
        return sort_value(*key);
}

/// Three-way comparison of a field's value with a token's, nulls first (as the order has them),
/// without a copy of the value: it runs once per resource. A value of another kind than the
/// field's compares as null: such a token was never issued for this field, and the MAC stops it
/// before this.
template <class X>
int compare_to_sort_value(X const& x, sort_value const& v) {
    auto const key = sort_key_of(x);
    using K = typename decltype(key)::value_type;
    using Held = std::conditional_t<std::is_same_v<K, std::int64_t>, std::int64_t, std::string>;
    if (!key || v.index() == 0)
        return key.has_value() - (v.index() != 0);
    auto const* held = std::get_if<Held>(&v);
    if (!held)
        return 1;
    K const theirs(*held); // text compares bytewise (char_traits<char> compares unsigned)
    return *key < theirs ? -1 : theirs < *key ? 1 : 0;
}

/// Where resource `r` is, in `q`'s order, relative to the cursor: < 0 before, > 0 after.
template <class T, class Field>
int position_of(T const& r, Field const& field, keyset_cursor const& c, direction dir) {
    int cmp = compare_to_sort_value(std::invoke(field.access, r), c.value);
    if (cmp == 0)
        cmp = compare_field(guid_of(r), std::optional<std::string_view>(c.guid));
    return dir == direction::asc ? cmp : -cmp;
}

template <class T, class Field>
keyset_cursor cursor_at(T const& r, Field const& field, bool backward) {
    return {backward, false, to_sort_value(std::invoke(field.access, r)), std::string(guid_of(r).value_or(""))};
}

/// The cursors around `out`'s page (neighbour_cursors), from its edge resources.
template <class T, class Field>
void link_page(keyset_page<T>& out, Field const& field, bool after, bool before, std::uint64_t total,
               std::optional<keyset_cursor> const& cursor) {
    auto const& rs = out.page.resources;
    neighbour_cursors(rs.empty(), after, before, total, cursor,
                      [&](bool last) { return cursor_at(*(last ? rs.back() : rs.front()), field, !last); }, out.next,
                      out.previous);
}

/// The keyset page without an index: one pass over `range` (apply_keyset).
template <class T, class R>
keyset_page<T> keyset_in_one_pass(R const& range, list_query const& q, std::optional<keyset_cursor> const& cursor,
                                  std::optional<scope> const& within) {
    keyset_page<T> out;
    if (!q.order)
        return out; // never for a parsed keyset query
    detail::with_sort_field<T>(q.order->field, [&](auto const& field) {
        using Field = std::remove_cvref_t<decltype(field)>;
        detail::matcher<T> const match(q, within);
        detail::ascending<T, Field> const asc{field};
        auto const less = [&](detail::ranked<T> const& a, detail::ranked<T> const& b) {
            return q.order->dir == direction::asc ? asc(a, b) : asc(b, a);
        };
        std::uint64_t const k = q.per_page;
        bool const backward = cursor && (cursor->backward || cursor->from_end);
        // The read order: from the cursor outward (the query's order reversed, reading backward).
        auto const nearer = [&](detail::ranked<T> const& a, detail::ranked<T> const& b) {
            return backward ? less(b, a) : less(a, b);
        };
        sort_buffer<T> kept;
        detail::least_entries<T, decltype(nearer)> first(kept, cursor ? k : detail::results_through(q.page, k), nearer,
                                                         detail::size_hint(range));
        std::uint64_t total = 0, side = 0; // the matches, and those on the cursor's side
        std::size_t index = 0;
        for (auto const& e : range) {
            auto const* r = detail::element_traits<decltype(e)>::address(e);
            ++index;
            if (!r || !match(*r))
                continue;
            ++total;
            if (cursor && !cursor->from_end) {
                int const at = detail::position_of(*r, field, *cursor, q.order->dir);
                if (cursor->backward ? at >= 0 : at <= 0)
                    continue;
            }
            ++side;
            first.offer({r, index});
        }
        // The page in read order: the first k from a cursor, page N's without one.
        auto const w = detail::window_of(side, cursor ? 1 : q.page, k);
        detail::order_window(kept, w, nearer);
        for (auto i = w.begin; i < w.end; ++i)
            out.page.resources.push_back(kept[static_cast<std::size_t>(i)].item);
        if (backward)
            std::reverse(out.page.resources.begin(), out.page.resources.end());
        out.page.page = cursor ? 0 : q.page;
        out.page.per_page = k;
        // Matches beyond the page on the cursor's side, and before the window or on the other side.
        std::uint64_t const beyond = side - w.end, behind = w.begin + (total - side);
        std::uint64_t const after = backward ? behind : beyond, before = backward ? beyond : behind;
        out.page.total_results = total;
        out.page.total_pages = detail::total_pages(total, k);
        detail::link_page(out, field, after > 0, before > 0, total, cursor);
    });
    return out;
}

/** The keyset page of `q` read from `index`, a `sort_index` of `q`'s order field: the cursor is
    found by binary search, and the index walked from it while `passes(entry)` skips the
    resources that do not match, until the page is full. `total` is the number that match.
*/
template <class T, class Passes>
keyset_page<T> walk_keyset(list_query const& q, std::optional<keyset_cursor> const& cursor, sort_index<T> const& index,
                           std::uint64_t total, Passes const& passes) {
    keyset_page<T> out;
    with_sort_field<T>(q.order->field, [&](auto const& field) {
        auto const& entries = index.entries();
        auto const n = static_cast<std::ptrdiff_t>(entries.size());
        bool const asc = q.order->dir == direction::asc;
        // Where to start reading, in which direction, and where the other side starts.
        std::ptrdiff_t start = asc ? 0 : n - 1, other = -1;
        bool up = asc;
        std::uint64_t skip = 0;
        if (!cursor) {
            skip = first_of_page(q.page, q.per_page);
        } else if (cursor->from_end) {
            start = asc ? n - 1 : 0;
            up = !asc;
        } else {
            // [0, lo) before the cursor in ascending order, [lo, hi) the cursor's own, [hi, n) after.
            auto const [low, high] = std::equal_range(entries.begin(), entries.end(), *cursor, [&](auto const& a, auto const& b) {
                if constexpr (std::is_same_v<std::remove_cvref_t<decltype(a)>, keyset_cursor>)
                    return position_of(*b.item, field, a, direction::asc) > 0;
                else
                    return position_of(*a.item, field, b, direction::asc) < 0;
            });
            auto const lo = low - entries.begin(), hi = high - entries.begin();
            up = asc != cursor->backward; // reading toward higher entries
            start = up ? hi : lo - 1;
            other = up ? hi - 1 : lo; // the other side includes the cursor's own entry
        }
        auto const step = [](std::ptrdiff_t i, bool increasing) { return increasing ? i + 1 : i - 1; };
        std::vector<T const*> read;
        std::uint64_t skipped = 0;
        bool more = false;
        for (std::ptrdiff_t i = start; i >= 0 && i < n; i = step(i, up)) {
            auto const& e = entries[static_cast<std::size_t>(i)];
            if (!passes(e))
                continue;
            if (skipped < skip) {
                ++skipped;
                continue;
            }
            if (read.size() == q.per_page) {
                more = true;
                break;
            }
            read.push_back(e.item);
        }
        bool other_side = false;
        if (cursor && !cursor->from_end)
            for (std::ptrdiff_t i = other; i >= 0 && i < n && !other_side; i = step(i, !up))
                other_side = passes(entries[static_cast<std::size_t>(i)]);
        bool const backward = cursor && (cursor->backward || cursor->from_end);
        if (backward)
            std::reverse(read.begin(), read.end());
        out.page = {std::move(read), total, total_pages(total, q.per_page), cursor ? 0 : q.page, q.per_page};
        bool const after = backward ? other_side : more;
        bool const before = backward ? more : (cursor ? other_side : skipped > 0);
        link_page(out, field, after, before, total, cursor);
    });
    return out;
}

} // namespace detail

namespace detail {

/// `apply_keyset` without the endpoint's compile-time checks, which its callers make.
template <class T, class R>
keyset_page<T> apply_keyset_page(R const& range, list_query const& q, std::optional<keyset_cursor> const& cursor,
                                 apply_options<T> const& o) {
    if (o.index && q.order)
        if (sort_index<T> const* const order = o.index->order(q.order->field)) {
            index_query<T> const query(*o.index, q, o.scope);
            return walk_keyset(q, cursor, *order, query.count(),
                               [&](ranked<T> const& e) { return query.passes(e.index, e.item); });
        }
    if (!o.index && o.sort && q.order && q.order->field == o.sort->field()) {
        matcher<T> const match(q, o.scope);
        std::uint64_t total = o.sort->size();
        if (has_filters(q) || o.scope) {
            total = 0;
            for (auto const& e : range)
                if (auto const* r = element_traits<decltype(e)>::address(e); r && match(*r))
                    ++total;
        }
        return walk_keyset(q, cursor, *o.sort, total, [&](ranked<T> const& e) { return match(*e.item); });
    }
    return keyset_in_one_pass<T>(range, q, cursor, o.scope);
}

} // namespace detail

template <class T>
keyset_page<T> resource_pipeline<T>::keyset(std::span<T const> range, list_query const& q,
                                            std::optional<keyset_cursor> const& cursor, apply_options<T> const& o) {
    return detail::apply_keyset_page<T>(range, q, cursor, o);
}

template <class T>
keyset_page<T> resource_pipeline<T>::keyset(std::span<T const* const> range, list_query const& q,
                                            std::optional<keyset_cursor> const& cursor, apply_options<T> const& o) {
    return detail::apply_keyset_page<T>(range, q, cursor, o);
}

//------------------------------------------------
/** One keyset page of `range` for `q` (docs/keyset.md): `apply_keyset<E>(range, q, cursor)`,
    with the options `apply` takes (`{.scope = …, .index = …}`). Without a cursor, the `page` of
    `q` as `apply` pages it; with one, the `per_page` matches right after it (or, reading
    backward, right before it, or the last ones), in the query's order, whatever was inserted or
    removed since the cursor was issued. The query must have an order (keyset endpoints give a
    default one at parse time).

    Without an index, one pass over `range` that keeps, of the matches on the cursor's side, only
    the nearest `per_page` (page N's first N × per_page without a cursor), in a buffer of twice
    that cut back when full: O(n) at worst, about one comparison per resource; only the page is
    sorted. With a `sort_index` of the query's order field, or a `resource_index` that keeps it,
    the cursor is found by binary search and the index walked from it until the page is full:
    O(log n + per_page) at any depth (more when filters skip resources); the total is counted
    from the index's columns (a `resource_index`), or the index's size without filters, else in
    one pass.
*/
template <endpoint const& E>
struct apply_keyset_fn {
    template <class R, class T = detail::resource_t<R>>
        requires detail::stable_range<R>
    keyset_page<T> operator()(R&& range, list_query const& q, std::optional<keyset_cursor> const& cursor,
                              std::type_identity_t<apply_options<T>> const& o = {}) const {
        static_assert(detail::check_lasting_range<R>());
        static_assert(detail::check_resource<E, T>());
        static_assert(detail::count_fields<T>(field_kind::guid) == 1,
                      "listquery: keyset paging needs a guid_field: the guid breaks ties, in the order and in the token");
        return detail::with_contiguous<T>(
            range, [&](auto span) { return resource_pipeline<T>::keyset(span, q, cursor, o); },
            [&](auto const& other) { return detail::apply_keyset_page<T>(other, q, cursor, o); });
    }
};

/// Keyset paging for endpoint `E`.
template <endpoint const& E>
inline constexpr apply_keyset_fn<E> apply_keyset{};

/** The `pagination` of a keyset page (docs/keyset.md#links): `first` is page 1, `last` a token
    that reads backward from the end, `next` and `previous` tokens from the given cursors, each
    signed by `keys.current` (which must be set) and bound to `q` and `within`; the totals are
    exact. For pages read from SQL (`sql::run_keyset`), whose rows give the cursors.
*/
inline pagination make_keyset_pagination(std::string_view path, list_query const& q, std::uint64_t total_results,
                                         std::optional<keyset_cursor> const& next,
                                         std::optional<keyset_cursor> const& previous, token_keys const& keys,
                                         boost::urls::url_view base_url = {}, std::optional<scope> const& within = {}) {
    BOOST_ASSERT(keys.current);
    link_builder const pages(path, q, base_url);
    std::string const bound = detail::bound_query(q, within); // once for the up to three tokens
    auto const token = [&](keyset_cursor const& c) {
        return pages.href_with("page_token", detail::encode_page_token(c, bound, *keys.current));
    };
    pagination p;
    p.total_results = total_results;
    p.total_pages = detail::total_pages(total_results, q.per_page);
    p.links.first = pages.href(1);
    p.links.last = p.total_pages <= 1 ? pages.href(1) : token({true, true, {}, {}});
    if (next)
        p.links.next = token(*next);
    if (previous)
        p.links.previous = token(*previous);
    return p;
}

/// The `pagination` of a keyset page that `apply_keyset` made.
template <class T>
pagination make_keyset_pagination(std::string_view path, list_query const& q, keyset_page<T> const& page,
                                  token_keys const& keys, boost::urls::url_view base_url = {},
                                  std::optional<scope> const& within = {}) {
    return make_keyset_pagination(path, q, page.page.total_results, page.next, page.previous, keys, base_url, within);
}

} // namespace listquery
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_KEYSET_PAGINATE_HPP
// end file listquery/keyset/paginate.hpp
// #include <listquery/pipeline/apply.hpp> (already inlined)
// #include <listquery/store.hpp> (already inlined)

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace listquery {

//------------------------------------------------
/** The store over a container of declared resources (docs/stores.md): each page is `apply`'s
    (or `apply_keyset`'s), through a `resource_index` when one is given, and each resource's JSON
    text is the one `render` gives.

    `render(resource, buffer)` returns the resource's JSON text: a view of text that outlives the
    call (rendered once, at load: no copy per request), or `buffer` after writing the text into
    it (rendered now; the page keeps it). Reading is const and thread-safe: any number of threads
    may read one store at once. The store refers to the resources and the index, which must
    outlive it and not change while it reads.

    @par Example
    @code
    std::string_view droplet_json(my::droplet const& d, std::string& out) {
        out = boost::json::serialize(boost::json::value_from(d));
        return out;
    }
    listquery::memory_store<my::droplet> const store(droplets, droplet_json);
    auto r = listquery::respond<listquery::cf::droplets>("/v3/droplets?per_page=2", store);
    @endcode
*/
template <class T>
class memory_store {
public:
    /// How a resource becomes its JSON text.
    using render_fn = std::string_view (*)(T const& resource, std::string& buffer);

    /// Reads `resources` (a contiguous range: a `std::vector`, an array, a span), rendered by
    /// `render`, through `index` when it is not null (an index of these resources).
    memory_store(std::span<T const> resources, render_fn render, resource_index<T> const* index = nullptr)
        : resources_(resources), render_(render), index_(index) {}

    /// The compile-time checks of `T` against endpoint `E` (`respond<E>` makes them).
    template <endpoint const& E>
    static constexpr bool serves() {
        return detail::check_resource<E, T>();
    }

    /// The page `r` asks for (its `endpoint` is `r.query`'s, checked at compile time by `serves`).
    result<store_page> read(endpoint const&, page_request const& r) const {
        apply_options<T> const o{r.scope, index_, nullptr, nullptr};
        store_page out;
        page_result<T> page;
        if (r.query.keyset_paging) {
            auto keyed = resource_pipeline<T>::keyset(resources_, r.query, r.cursor, o);
            out.next = std::move(keyed.next);
            out.previous = std::move(keyed.previous);
            page = std::move(keyed.page);
        } else {
            page = resource_pipeline<T>::page(resources_, r.query, o);
        }
        out.total_results = page.total_results;
        out.resources.reserve(page.resources.size());
        std::shared_ptr<std::vector<std::string>> rendered; // only when some text is rendered now
        std::string buffer;
        for (T const* resource : page.resources) {
            std::string_view text = render_(*resource, buffer);
            if (text.data() == buffer.data()) { // rendered into the buffer: keep it
                if (!rendered) {
                    rendered = std::make_shared<std::vector<std::string>>();
                    rendered->reserve(page.resources.size()); // the texts never move
                }
                text = rendered->emplace_back(std::move(buffer));
                buffer.clear();
            }
            out.resources.push_back(text);
        }
        out.owner = std::move(rendered);
        return out;
    }

private:
    std::span<T const> resources_;
    render_fn render_;
    resource_index<T> const* index_;
};

} // namespace listquery
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_MEMORY_STORE_HPP
// end file listquery/memory_store.hpp
#endif // LISTQUERY_SINGLE_FILE_LISTQUERY_LISTQUERY_HPP
// end file listquery/listquery.hpp
#endif // LISTQUERY_SINGLE_INCLUDE_LISTQUERY_HPP
