// SPDX-License-Identifier: BSL-1.0
// label_selector: every input gives requirements or errors inside the input; the collecting
// parse agrees with the first-error parse; a valid selector's canonical text parses back to
// equal requirements; and a std::regex port of Cloud Controller's rules agrees on accept or
// reject, on the requirements and on every message.
#include "require.hpp"

#include <listquery/listquery.hpp>

#include "support/regex_selector.hpp"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {
char const* op_name(listquery::selector_op op) {
    switch (op) {
    case listquery::selector_op::in: return "in";
    case listquery::selector_op::not_in: return "notin";
    case listquery::selector_op::equal: return "equal";
    case listquery::selector_op::not_equal: return "not_equal";
    case listquery::selector_op::exists: return "exists";
    case listquery::selector_op::not_exists: return "not_exists";
    }
    return "";
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    std::string_view const input(reinterpret_cast<char const*>(data), size);
    auto const first = listquery::parse_label_selector(input);

    std::vector<listquery::query_error> all;
    listquery::detail::error_sink sink{all, false};
    listquery::label_selector collected;
    bool const valid = listquery::detail::parse_label_selector(input, collected, sink);
    require(valid == first.has_value() && valid == all.empty());
    for (auto const& e : all)
        require(e.offset <= input.size() && !e.message.empty());
    if (!first)
        require(all.front() == first.error());

    if (first) {
        require(!first->requirements.empty() && first->requirements.size() <= 50);
        std::string const canonical = to_string(*first);
        auto const again = listquery::parse_label_selector(canonical);
        require(again.has_value() && *again == *first && to_string(*again) == canonical);
    }

    if (size <= 512) { // the differential check: std::regex recurses
        auto const port = regex_port::parse(std::string(input));
        require(port.errors.size() == all.size());
        for (std::size_t i = 0; i < all.size(); ++i)
            require(port.errors[i] == all[i].message);
        require(port.requirements.size() == collected.requirements.size());
        for (std::size_t i = 0; i < port.requirements.size(); ++i) {
            auto const& r = collected.requirements[i];
            require(port.requirements[i] ==
                    regex_port::requirement{op_name(r.op), std::string(r.key),
                                            std::vector<std::string>(r.values.begin(), r.values.end())});
        }
    }
    return 0;
}
