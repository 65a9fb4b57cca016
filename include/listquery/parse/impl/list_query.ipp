// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/parse/list_query.hpp>

#include <listquery/detail/concat.hpp>
#include <listquery/detail/error_sink.hpp>
#include <listquery/detail/first_seen.hpp>
#include <listquery/detail/grammar/query_string.hpp>
#include <listquery/detail/humanize.hpp>
#include <listquery/detail/percent.hpp>
#include <listquery/detail/quoted_list.hpp>
#include <listquery/detail/seeded_hash.hpp>
#include <listquery/detail/text_buffer.hpp>
#include <listquery/parse/impl/filter_list.ipp>
#include <listquery/parse/impl/label_selector.ipp>
#include <listquery/parse/impl/order_by.ipp>
#include <listquery/parse/impl/paging.ipp>
#include <listquery/parse/impl/timestamp.ipp>

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
