// SPDX-License-Identifier: BSL-1.0
// listquery 0.1.0: GENERATED from include/ by tools/amalgamate.py. Do not edit.
#ifndef LISTQUERY_SINGLE_INCLUDE_LISTQUERY_HPP
#define LISTQUERY_SINGLE_INCLUDE_LISTQUERY_HPP
// begin file listquery/listquery.hpp

// Umbrella header: every public header of listquery, nothing else.
// The Boost.JSON integration is separate: <listquery/json.hpp>.
// begin file listquery/version.hpp

/// listquery's version; CMake reads these three lines.
#define LISTQUERY_VERSION_MAJOR 0
#define LISTQUERY_VERSION_MINOR 1
#define LISTQUERY_VERSION_PATCH 0

/// The version as one number: MAJOR * 10000 + MINOR * 100 + PATCH.
#define LISTQUERY_VERSION                                                                          \
    (LISTQUERY_VERSION_MAJOR * 10000 + LISTQUERY_VERSION_MINOR * 100 + LISTQUERY_VERSION_PATCH)
// end file listquery/version.hpp

// begin file listquery/error.hpp

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
// end file listquery/error.hpp
// begin file listquery/query_error.hpp

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

} // namespace listquery
// end file listquery/query_error.hpp
// begin file listquery/query_errors.hpp

// #include <listquery/query_error.hpp> (already inlined)

#include <string>
#include <string_view>
#include <vector>

namespace listquery {

//------------------------------------------------
/** How an endpoint reports a bad query (cf-v3-list-semantics.md §0.3, §0.5).

    Most Cloud Foundry list endpoints answer 400 `CF-BadQueryParameter`; a few answer 422
    `CF-UnprocessableEntity` and leave out the detail prefix.
*/
enum class error_response_kind {
    /// HTTP 400, title `CF-BadQueryParameter`, code 10005, detail prefixed with
    /// `The query parameter is invalid: `.
    bad_query_parameter,
    /// HTTP 422, title `CF-UnprocessableEntity`, code 10008, no detail prefix.
    unprocessable_entity,
};

//------------------------------------------------
/** Every problem found in one request's query, in Cloud Controller's order, and the Cloud Foundry
    error response they make.

    @par Example
    @code
    listquery::query_errors errs;
    errs.errors.push_back({listquery::error::invalid_page, "page", 0,
                           "Page must be a positive integer"});
    errs.errors.push_back({listquery::error::per_page_out_of_range, "per_page", 0,
                           "Per page must be between 1 and 5000"});
    // errs.http_status() == 400, errs.title() == "CF-BadQueryParameter", errs.code() == 10005
    // errs.detail() == "The query parameter is invalid: Page must be a positive integer, "
    //                  "Per page must be between 1 and 5000"
    @endcode
*/
struct query_errors {
    /// The problems, in the order Cloud Controller reports them.
    std::vector<query_error> errors;
    /// 400 or 422.
    error_response_kind kind = error_response_kind::bad_query_parameter;

    /// True when no problem was found.
    bool empty() const noexcept { return errors.empty(); }

    /// 400 or 422.
    unsigned http_status() const noexcept {
        return kind == error_response_kind::bad_query_parameter ? 400 : 422;
    }

    /// `CF-BadQueryParameter` or `CF-UnprocessableEntity`.
    std::string_view title() const noexcept {
        return kind == error_response_kind::bad_query_parameter ? "CF-BadQueryParameter"
                                                                : "CF-UnprocessableEntity";
    }

    /// Cloud Foundry's error code: 10005 or 10008.
    int code() const noexcept { return kind == error_response_kind::bad_query_parameter ? 10005 : 10008; }

    /// The messages joined with `", "`, behind `The query parameter is invalid: ` for 400.
    std::string detail() const {
        std::string out = kind == error_response_kind::bad_query_parameter
                              ? "The query parameter is invalid: "
                              : "";
        for (std::size_t i = 0; i < errors.size(); ++i) {
            if (i != 0)
                out += ", ";
            out += errors[i].message;
        }
        return out;
    }

    friend bool operator==(query_errors const&, query_errors const&) = default;
};

} // namespace listquery
// end file listquery/query_errors.hpp
// begin file listquery/result.hpp

// #include <listquery/query_error.hpp> (already inlined)
// #include <listquery/query_errors.hpp> (already inlined)

#include <boost/assert/source_location.hpp>
#include <boost/system/result.hpp>
#include <boost/system/system_error.hpp>

namespace listquery {

//------------------------------------------------
/** The exception thrown by `result<T>::value()` when it holds an error.

    Parsing never throws on bad input; exceptions are opt-in through `value()`.
*/
class query_exception : public boost::system::system_error {
public:
    /// Wraps every problem of one query.
    explicit query_exception(query_errors errors)
        : system_error(errors.empty() ? make_error_code(error::success) : errors.errors.front().ec(),
                       errors.detail()),
          errors_(std::move(errors)) {}

    /// The problems that were found.
    query_errors const& errors() const noexcept { return errors_; }

private:
    query_errors errors_;
};

/// Throws `query_exception`; `boost::system::result<T, query_error>::value()` finds it by ADL.
[[noreturn]] inline void throw_exception_from_error(query_error const& e,
                                                    boost::source_location const& loc) {
    boost::throw_exception(query_exception(query_errors{{e}}), loc);
}

/// Throws `query_exception`; `boost::system::result<T, query_errors>::value()` finds it by ADL.
[[noreturn]] inline void throw_exception_from_error(query_errors const& e,
                                                    boost::source_location const& loc) {
    boost::throw_exception(query_exception(e), loc);
}

/// A value, or the first problem that prevents it.
template <class T>
using result = boost::system::result<T, query_error>;

} // namespace listquery
// end file listquery/result.hpp

// begin file listquery/parse/order_by.hpp

// begin file listquery/detail/blank.hpp

// begin file listquery/detail/grammar/x3.hpp

// The one place that includes Spirit X3. Grammars classify bytes with x3::ascii only:
// x3's standard classes pass sign-extended bytes >= 0x80 to std::isdigit & co (undefined).
#include <boost/spirit/home/x3.hpp>

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

} // namespace listquery::detail::grammar
// end file listquery/detail/grammar/x3.hpp

#include <string_view>

namespace listquery::detail {

namespace grammar {
// Ruby's [[:space:]] on a UTF-8 string: ASCII white space and Unicode White_Space, UTF-8 encoded.
inline auto const white_space = x3::ascii::space | "\xC2\x85" | "\xC2\xA0" | "\xE1\x9A\x80" |
                                (x3::lit("\xE2\x80") >> x3::char_('\x80', '\x8A')) |
                                "\xE2\x80\xA8" | "\xE2\x80\xA9" | "\xE2\x80\xAF" |
                                "\xE2\x81\x9F" | "\xE3\x80\x80";
} // namespace grammar

/// ActiveSupport's `blank?`: empty, or only white space.
inline bool is_blank(std::string_view s) {
    return grammar::parse_prefix(s, *grammar::white_space) == s.size();
}

} // namespace listquery::detail
// end file listquery/detail/blank.hpp
// #include <listquery/result.hpp> (already inlined)

#include <algorithm>
#include <optional>
#include <span>
#include <string>
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

namespace detail {
// Cloud Controller's message, listing every allowed value quoted and in the caller's order.
inline std::string order_by_message(std::span<std::string_view const> allowed) {
    std::string m = "Order by can only be: ";
    for (std::size_t i = 0; i < allowed.size(); ++i)
        (m += i == 0 ? "'" : ", '").append(allowed[i]) += '\'';
    return m;
}
} // namespace detail

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
inline result<std::optional<order_by>> parse_order_by(std::string_view value,
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
// end file listquery/parse/order_by.hpp
// begin file listquery/parse/pagination.hpp

// begin file listquery/detail/grammar/number.hpp

// #include <listquery/detail/grammar/x3.hpp> (already inlined)

#include <cstdint>
#include <limits>
#include <string_view>

namespace listquery::detail {

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
    namespace x3 = grammar::x3;
    digit_run run;
    auto add_digit = [&run](auto& ctx) {
        auto const d = static_cast<std::uint64_t>(x3::_attr(ctx) - '0');
        run.value = run.value > (saturated - d) / 10 ? saturated : run.value * 10 + d;
    };
    run.length = grammar::parse_prefix(s, *x3::ascii::digit[add_digit]);
    return run;
}

} // namespace listquery::detail
// end file listquery/detail/grammar/number.hpp
// #include <listquery/result.hpp> (already inlined)

#include <cstdint>
#include <string>
#include <string_view>

namespace listquery {

/// The page shown when `page` is absent.
inline constexpr std::uint64_t default_page = 1;
/// The page size when `per_page` is absent.
inline constexpr std::uint64_t default_per_page = 50;
/// The largest `per_page` Cloud Controller accepts.
inline constexpr std::uint64_t max_per_page = 5000;
/// Cloud Controller's default bound on `page * per_page` (Ruby's largest fixnum).
inline constexpr std::uint64_t default_maximum_result = 9223372036854775807ULL;

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
    assert(listquery::parse_page("2abc").error().offset == 1); // Page must be a positive integer
    @endcode
    @return The page number, or `error::invalid_page` at the first byte that is not a digit (or 0
    for a zero value).
*/
inline result<std::uint64_t> parse_page(std::string_view value) {
    auto const run = detail::read_digits(value);
    if (run.length == value.size() && run.value != 0)
        return run.value;
    return query_error{error::invalid_page, "page", run.length == value.size() ? 0 : run.length,
                       "Page must be a positive integer"};
}

//------------------------------------------------
/** Parse the value of the `per_page` query parameter.

    @par BNF
    @code
    per-page = 1*DIGIT   ; ASCII digits only, 1 <= value <= 5000, leading zeros allowed
    @endcode

    @par Example
    @code
    assert(listquery::parse_per_page("5000").value() == 5000);
    assert(listquery::parse_per_page("5001").error().code ==
           listquery::error::per_page_out_of_range); // Per page must be between 1 and 5000
    @endcode
    @return The page size, or `error::invalid_per_page` (not digits, or zero) or
    `error::per_page_out_of_range` (above 5000).
*/
inline result<std::uint64_t> parse_per_page(std::string_view value) {
    auto const run = detail::read_digits(value);
    if (run.length != value.size() || run.value == 0)
        return query_error{error::invalid_per_page, "per_page",
                           run.length == value.size() ? 0 : run.length,
                           "Per page must be a positive integer"};
    if (run.value > max_per_page)
        return query_error{error::per_page_out_of_range, "per_page", 0,
                           "Per page must be between 1 and 5000"};
    return run.value;
}

//------------------------------------------------
/** Check Cloud Controller's bound on how deep a client may page.

    Fails when `page * per_page > maximum_result` (equality is allowed, although Cloud Foundry's
    message says "less than"). The product is never computed, so no input overflows. A
    `maximum_result` of 2^64-1 is treated as 2^64-2, so that saturated inputs are always rejected.
    Callers pass 0 for a value that was given but is not all digits: it adds no error.

    @par Example
    @code
    assert(listquery::check_maximum_result(3, 50, 100).error().message ==
           "Maximum result (page * per_page) must be less than 100");
    @endcode
*/
inline result<void> check_maximum_result(std::uint64_t page, std::uint64_t per_page,
                                         std::uint64_t maximum_result = default_maximum_result) {
    if (maximum_result == detail::saturated)
        maximum_result = detail::saturated - 1;
    if (page == 0 || per_page == 0 || page <= maximum_result / per_page)
        return {};
    return query_error{error::maximum_result_exceeded, "page", 0,
                       "Maximum result (page * per_page) must be less than " +
                           std::to_string(maximum_result)};
}

} // namespace listquery
// end file listquery/parse/pagination.hpp
// end file listquery/listquery.hpp
#endif // LISTQUERY_SINGLE_INCLUDE_LISTQUERY_HPP
