// SPDX-License-Identifier: BSL-1.0
// label_selector: every input gives requirements or an error inside the input, the collecting
// parse agrees with the first-error parse, and a valid selector's canonical text parses back
// to equal requirements.
#include <listquery/listquery.hpp>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {
void require(bool condition) {
    if (!condition)
        std::abort();
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    std::string_view const input(reinterpret_cast<char const*>(data), size);
    auto const first = listquery::parse_label_selector(input);

    std::vector<listquery::query_error> all;
    listquery::detail::error_sink sink{all, false};
    listquery::label_selector collected;
    bool const valid = listquery::detail::parse_label_selector(input, collected, sink);
    require(valid == first.has_value());
    require(valid == all.empty());

    if (!first) {
        require(first.error().offset <= input.size());
        require(all.front() == first.error());
        for (auto const& e : all)
            require(e.offset <= input.size() && !e.message.empty());
        return 0;
    }
    require(!first->requirements.empty() && first->requirements.size() <= 50);
    std::string const canonical = to_string(*first);
    auto const again = listquery::parse_label_selector(canonical);
    require(again.has_value() && *again == *first);
    require(to_string(*again) == canonical);
    return 0;
}
