// SPDX-License-Identifier: BSL-1.0
// Timestamps: accepted exactly when Cloud Controller's regex matches and the date exists; an
// accepted one prints back to the same text; an error's offset lies inside the input.
#include "require.hpp"

#include <listquery/listquery.hpp>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <regex>
#include <string>
#include <string_view>


extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    std::string_view const input(reinterpret_cast<char const*>(data), size);
    auto const got = listquery::parse_timestamp(input, "updated_ats");
    static std::regex const shape(R"(^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$)");
    std::smatch m;
    std::string const s(input.substr(0, 64));
    bool expected = false;
    if (size <= 64 && std::regex_match(s, m, shape)) {
        using namespace std::chrono;
        year_month_day const date{year(std::stoi(m[1])), month(static_cast<unsigned>(std::stoi(m[2]))),
                                  day(static_cast<unsigned>(std::stoi(m[3])))};
        expected = date.ok() && std::stoi(m[4]) < 24 && std::stoi(m[5]) < 60 && std::stoi(m[6]) < 60;
    }
    require(got.has_value() == expected);
    if (got)
        require(listquery::to_string(*got) == input);
    else
        require(got.error().errors[0].offset <= size && got.error().errors[0].message.starts_with("Updated ats has an invalid timestamp format"));
    return 0;
}
