// SPDX-License-Identifier: BSL-1.0
// The whole query string for each seed endpoint: a query or an error response, never both
// empty; the fast path fails exactly when the collecting parse does, with its first error.
#include "require.hpp"

#include <listquery/listquery.hpp>

#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {
template <listquery::endpoint const& E>
void check(std::string_view query) {
    auto const all = listquery::parse_list_query<E>(query);
    listquery::parse_options first_only;
    first_only.all_errors = false;
    auto const first = listquery::parse_list_query<E>(query, first_only);
    require(all.has_value() == first.has_value());
    if (all) {
        require(*all == *first);
        require(all->page >= 1 && all->per_page >= 1 && all->per_page <= 5000);
        require(all->page <= listquery::default_maximum_result / all->per_page);
        return;
    }
    require(!all.error().errors.empty() && first.error().errors.size() == 1);
    require(all.error().errors.front() == first.error().errors.front());
    for (auto const& e : all.error().errors)
        require(!e.message.empty());
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    std::string_view const query(reinterpret_cast<char const*>(data), size);
    check<listquery::cf::packages>(query);
    check<listquery::cf::app_packages>(query);
    check<listquery::cf::droplets>(query);
    check<listquery::cf::app_droplets>(query);
    check<listquery::cf::builds>(query);
    check<listquery::cf::app_builds>(query);
    return 0;
}
