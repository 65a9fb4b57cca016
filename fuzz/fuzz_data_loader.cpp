// SPDX-License-Identifier: BSL-1.0
// The CLI's data-file loader: any bytes load or give an error with a location; loaded data
// answers requests on every route with a well-formed response.
#include "require.hpp"

#include "cf_api/backend.hpp"

#include <cstdint>
#include <cstdlib>
#include <string_view>


extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    std::string_view const text(reinterpret_cast<char const*>(data), size);
    cf_api::load_error err;
    auto const loaded = cf_api::load(text, err);
    if (!loaded) {
        require(!err.problem.empty());
        return 0;
    }
    cf_api::prepare_to_serve(*loaded); // as the server does; every body must still be JSON
    cf_api::memory_backend backend(*loaded);
    std::string const base = "https://api.example.org";
    cf_api::settings const s{.base_url = boost::urls::parse_uri(base).value()};
    for (auto const* target : {"/v3/packages?order_by=-created_at&per_page=2", "/v3/droplets?label_selector=env",
                               "/v3/builds?created_ats[gt]=2000-01-01T00:00:00Z&order_by=updated_at",
                               "/v3/apps?order_by=name"}) {
        auto const r = backend.answer(target, s);
        require(r.status == 200 && r.list);
        boost::system::error_code ec;
        boost::json::parse(r.list->str(), ec);
        require(!ec);
    }
    for (auto const& app : loaded->of<cf_api::apps>().all) {
        auto const r = backend.answer("/v3/apps/" + std::string(app.guid) + "/droplets", s);
        require(r.status == 200 || r.status == 404); // a guid with '/' or '?' is not one segment
        break;
    }
    return 0;
}
