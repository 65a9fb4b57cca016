// SPDX-License-Identifier: BSL-1.0
// The SQL compiler: every valid query compiles in every dialect; the text has exactly one
// placeholder per parameter, numbered in order where the dialect numbers them (so no request
// byte can add one); and the text
// depends only on the query's shape: the same query with every value replaced compiles to the
// same text with as many parameters.
#include "require.hpp"

#include <listquery/sql.hpp>

#include "support/test_resources.hpp"

#include <algorithm>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>

namespace {

constexpr auto& E = listquery::cf::droplets;

/// Whether the placeholders of `text` are exactly 1..n in order (n unnumbered `?` on MariaDB).
bool placeholders_numbered(std::string const& text, listquery::sql::dialect d, std::size_t n) {
    if (d == listquery::sql::dialect::mariadb)
        return static_cast<std::size_t>(std::count(text.begin(), text.end(), '?')) == n;
    char const mark = d == listquery::sql::dialect::sqlite ? '?' : '$';
    std::size_t next = 1;
    for (std::size_t at = text.find(mark); at != std::string::npos; at = text.find(mark, at + 1)) {
        std::size_t end = at + 1;
        while (end < text.size() && text[end] >= '0' && text[end] <= '9')
            ++end;
        if (text.substr(at + 1, end - at - 1) != std::to_string(next++))
            return false;
    }
    return next == n + 1;
}

/// `n` other label values, "v0,v1,…", kept in `texts` (label values view their text).
listquery::label_values other_label_values(std::size_t n, std::deque<std::string>& texts) {
    std::string& out = texts.emplace_back();
    for (std::size_t i = 0; i < n; ++i)
        (out += i ? ",v" : "v") += std::to_string(i);
    return listquery::label_values(out);
}

/// The same shape with other values: each list as many other values (SQLite's text tells one
/// from several, MariaDB's counts up to 64), every time the epoch, page 1.
listquery::list_query other_values(listquery::list_query q, std::deque<std::string>& texts) {
    for (auto& f : q.filters)
        f.values.assign(f.values.size(), "x");
    for (auto& t : q.timestamps) {
        if (!t.any_of.empty())
            t.any_of.assign(3, listquery::timestamp{});
        for (auto& c : t.all_of)
            c.value = listquery::timestamp{};
    }
    if (q.selector)
        for (auto& r : q.selector->requirements)
            r.values = other_label_values(r.values.size(), texts);
    q.page = 1;
    q.per_page = 1;
    return q;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    auto const q = listquery::parse_list_query<E>({reinterpret_cast<char const*>(data), size});
    if (!q)
        return 0;
    for (auto d : {listquery::sql::dialect::sqlite, listquery::sql::dialect::postgresql, listquery::sql::dialect::mariadb}) {
        for (auto count : {listquery::sql::count_strategy::separate, listquery::sql::count_strategy::window}) {
            auto const c = listquery::sql::compile<E, test_model::droplet>(*q, d, {count});
            require(placeholders_numbered(c.page.text, d, c.page.parameters.size()));
            require(placeholders_numbered(c.count.text, d, c.count.parameters.size()));
            require(c.page.parameters.size() == c.count.parameters.size() + 2);
            std::deque<std::string> texts;
            auto const twin = listquery::sql::compile<E, test_model::droplet>(other_values(*q, texts), d, {count});
            require(twin.page.text == c.page.text && twin.count.text == c.count.text);
            require(twin.page.parameters.size() == c.page.parameters.size());
        }
    }
    return 0;
}
