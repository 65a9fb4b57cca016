// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/parse/filter_list.hpp>

#include <listquery/detail/grammar/x3.hpp>
#include <listquery/detail/percent.hpp>
#include <listquery/detail/text_buffer.hpp>

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
