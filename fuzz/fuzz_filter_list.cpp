// SPDX-License-Identifier: BSL-1.0
// List filter values: the split agrees with a std::regex port of Ruby's split(/,\s*/, -1) and
// Addressable's unescape (gsub(/%[0-9a-f]{2}/i)).
#include "require.hpp"

#include <listquery/listquery.hpp>

#include <cstdint>
#include <cstdlib>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

namespace {
std::vector<std::string> port(std::string const& s) {
    static std::regex const separator(R"(,[ \t\r\n\f\v]*)");
    static std::regex const escape("%[0-9a-fA-F]{2}");
    std::vector<std::string> fields;
    if (s.empty())
        return {""};
    std::sregex_token_iterator it(s.begin(), s.end(), separator, -1), end;
    for (; it != end; ++it)
        fields.push_back(*it);
    if (!s.empty() && std::regex_search(s, std::regex(R"(,[ \t\r\n\f\v]*$)")))
        fields.push_back(""); // limit -1 keeps the trailing empty field
    for (auto& f : fields) {
        std::string out;
        auto last = f.cbegin();
        for (auto m = std::sregex_iterator(f.begin(), f.end(), escape); m != std::sregex_iterator(); ++m) {
            out.append(last, f.cbegin() + m->position());
            out += static_cast<char>(std::stoi(m->str().substr(1), nullptr, 16));
            last = f.cbegin() + m->position() + m->length();
        }
        out.append(last, f.cend());
        f = out;
    }
    return fields;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    std::string_view const input(reinterpret_cast<char const*>(data), size);
    auto const got = listquery::filter_list_elements(input);
    require(!got.empty());
    if (size <= 1024)
        require(got == port(std::string(input)));
    return 0;
}
