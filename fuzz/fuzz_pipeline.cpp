// SPDX-License-Identifier: BSL-1.0
// The pipeline against the naive reference: the first 4 bytes seed a small random dataset, the
// rest is the query string.
#include "require.hpp"

#include "support/reference_pipeline.hpp"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string_view>


extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    if (size < 4)
        return 0;
    std::uint32_t seed;
    std::memcpy(&seed, data, 4);
    std::mt19937 rng(seed);
    auto const dataset = reference_pipeline::random_data(rng);
    std::string_view const query(reinterpret_cast<char const*>(data) + 4, size - 4);
    auto const q = listquery::parse_list_query<reference_pipeline::E>(query);
    if (!q || q->page > 1000 || q->per_page > 100)
        return 0;
    std::uint64_t total = 0;
    auto const want = reference_pipeline::reference(dataset, *q, total);
    auto const page = listquery::apply<reference_pipeline::E>(dataset, *q);
    require(page.total_results == total && page.resources.size() == want.size());
    for (std::size_t i = 0; i < want.size(); ++i)
        require(page.resources[i]->id == want[i]);
    // A resource_index, whole or partial, gives the same page (the seed picks which).
    static listquery::index_fields const choices[] = {
        {{"created_at", "updated_at"}, {"guids", "states", "app_guids", "created_ats", "updated_ats", "label_selector"}},
        {{"updated_at"}, {"states", "label_selector"}},
        {{}, {"app_guids", "updated_ats"}}};
    auto const index = listquery::resource_index<reference_pipeline::droplet>::make(dataset, choices[seed % 3]).value();
    require(listquery::apply<reference_pipeline::E>(dataset, *q, {.index = &index}) == page);
    return 0;
}
