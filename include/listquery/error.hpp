// SPDX-License-Identifier: BSL-1.0
#pragma once

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
