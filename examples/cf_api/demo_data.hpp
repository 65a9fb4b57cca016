// SPDX-License-Identifier: BSL-1.0
// The embedded demo dataset: the seed documents' example resources, and five apps (app-1 to
// app-5) with 60 packages, droplets and builds each, made by a fixed generator (the same on every
// machine); all apps in one space.
#pragma once

#include <boost/json.hpp>

#include <cstdint>
#include <cstdio>
#include <string>

namespace cf_api {

namespace detail {

/// A small fixed generator (64-bit LCG), so the dataset is identical everywhere.
struct lcg {
    std::uint64_t state;
    std::uint32_t next() {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<std::uint32_t>(state >> 33);
    }
    template <std::size_t N>
    char const* pick(char const* const (&options)[N]) {
        return options[next() % N];
    }
};

inline std::string guid(lcg& g) {
    char buf[48];
    (void)std::snprintf(buf, sizeof buf, "%08x-%04x-4%03x-%04x-%08x%04x", g.next(), g.next() & 0xffff, g.next() & 0xfff,
                  (g.next() & 0x3fff) | 0x8000, g.next(), g.next() & 0xffff);
    return buf;
}

/// 2023-01-01 plus `seconds`, as RFC 3339; every third has a fraction.
inline std::string time_text(std::uint64_t seconds, std::uint32_t fraction) {
    std::int64_t const t = 1672531200 + static_cast<std::int64_t>(seconds);
    std::int64_t const days = t / 86400, rest = t % 86400;
    // civil_from_days (Howard Hinnant)
    std::int64_t const z = days + 719468, era = z / 146097, doe = z - era * 146097;
    std::int64_t const yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    std::int64_t const doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
    std::int64_t const d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9, y = yoe + era * 400 + (m <= 2);
    char buf[40];
    int n = std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lld", static_cast<long long>(y),
                          static_cast<long long>(m), static_cast<long long>(d), static_cast<long long>(rest / 3600),
                          static_cast<long long>(rest / 60 % 60), static_cast<long long>(rest % 60));
    if (fraction % 3 == 0)
        n += std::snprintf(buf + n, sizeof buf - static_cast<std::size_t>(n), ".%06u", fraction % 1000000);
    (void)std::snprintf(buf + n, sizeof buf - static_cast<std::size_t>(n), "Z");
    return buf;
}

inline boost::json::object link(std::string href, char const* method = nullptr) {
    boost::json::object o{{"href", std::move(href)}};
    if (method)
        o["method"] = method;
    return o;
}

inline boost::json::object labels(lcg& g) {
    static char const* const envs[] = {"production", "staging", "dev"};
    static char const* const tiers[] = {"web", "worker", "api"};
    static char const* const teams[] = {"payments", "search", "identity", "growth"};
    boost::json::object o;
    if (g.next() % 5)
        o["env"] = g.pick(envs);
    if (g.next() % 3)
        o["tier"] = g.pick(tiers);
    if (g.next() % 4 == 0)
        o["example.com/team"] = g.pick(teams);
    return o;
}

inline boost::json::object metadata(lcg& g) {
    return {{"labels", labels(g)}, {"annotations", boost::json::object{}}};
}

/// The organization and space of every demo app (the cf CLI targets them: docs/server.md).
inline constexpr char const* demo_organization = "guid-2c4e6a8b-1d3f-4a5c-9e7b-0f2d4c6e8a1b";
inline constexpr char const* demo_space = "guid-6f1e3c2a-9d4b-4e7f-8a21-3b5c7d9e0f12";

/// An app as Cloud Controller's V3 API writes it, in the demo space.
inline boost::json::object app(std::string const& guid, std::string const& name, int n) {
    std::string const at = "2022-12-01T00:0" + std::to_string(n) + ":00Z";
    return {{"guid", guid},
            {"name", name},
            {"state", n % 3 == 2 ? "STOPPED" : "STARTED"},
            {"created_at", at},
            {"updated_at", at},
            {"lifecycle", {{"type", "buildpack"}, {"data", {{"buildpacks", {"ruby_buildpack"}}, {"stack", "cflinuxfs4"}}}}},
            {"relationships", {{"space", {{"data", {{"guid", demo_space}}}}}}},
            {"metadata", {{"labels", boost::json::object{}}, {"annotations", boost::json::object{}}}},
            {"links",
             {{"self", link("/v3/apps/" + guid)},
              {"space", link(std::string("/v3/spaces/") + demo_space)},
              {"packages", link("/v3/apps/" + guid + "/packages")},
              {"droplets", link("/v3/apps/" + guid + "/droplets")},
              {"current_droplet", link("/v3/apps/" + guid + "/droplets/current")}}}};
}

} // namespace detail

/// The seed documents' example resources (`GET /v3/packages`, `GET /v3/apps/…/droplets`).
inline char const* seed_resources_json() {
    return R"({
  "packages": [
    {"guid": "guid-c7c3b552-28f0-42f9-9e1f-d231fcdd4a78", "type": "bits",
     "data": {"hash": {"type": "sha1", "value": null}, "error": null},
     "state": "AWAITING_UPLOAD", "created_at": "2015-11-13T17:02:56Z", "updated_at": null,
     "links": {"self": {"href": "/v3/packages/guid-c7c3b552-28f0-42f9-9e1f-d231fcdd4a78"},
               "upload": {"href": "/v3/packages/guid-c7c3b552-28f0-42f9-9e1f-d231fcdd4a78/upload", "method": "POST"},
               "download": {"href": "/v3/packages/guid-c7c3b552-28f0-42f9-9e1f-d231fcdd4a78/download", "method": "GET"},
               "stage": {"href": "/v3/packages/guid-c7c3b552-28f0-42f9-9e1f-d231fcdd4a78/droplets", "method": "POST"},
               "app": {"href": "/v3/apps/guid-459131aa-d1d2-4ce1-a5e7-c6a2a0429202"}}},
    {"guid": "guid-c24fd786-9aad-4bd2-85de-511186485d21", "type": "docker",
     "data": {"hash": {"type": "sha1", "value": null}, "error": null, "image": "http://location-of-image.com",
              "credentials": {}, "store_image": false},
     "state": "READY", "created_at": "2015-11-13T17:02:56Z", "updated_at": null,
     "links": {"self": {"href": "/v3/packages/guid-c24fd786-9aad-4bd2-85de-511186485d21"},
               "app": {"href": "/v3/apps/guid-459131aa-d1d2-4ce1-a5e7-c6a2a0429202"}}},
    {"guid": "guid-9d2a1f3e-5b4c-4e1a-8f00-4c1d2e3f4a5b", "type": "bits",
     "data": {"hash": {"type": "sha1", "value": "b5c4a3e2d1"}, "error": null},
     "state": "READY", "created_at": "2015-11-13T17:02:57Z", "updated_at": "2015-11-13T17:03:10Z",
     "links": {"self": {"href": "/v3/packages/guid-9d2a1f3e-5b4c-4e1a-8f00-4c1d2e3f4a5b"},
               "app": {"href": "/v3/apps/guid-459131aa-d1d2-4ce1-a5e7-c6a2a0429202"}}}
  ],
  "droplets": [
    {"guid": "guid-0e3c6a4c-7a9c-4526-a18d-e3c70b222963", "state": "FAILED",
     "hash": {"type": "sha1", "value": "my-hash"}, "buildpack": "https://github.com/cloudfoundry/my-buildpack.git",
     "error": null, "procfile": null, "environment_variables": {},
     "created_at": "1970-01-01T00:00:02Z", "updated_at": null,
     "links": {"self": {"href": "/v3/droplets/guid-0e3c6a4c-7a9c-4526-a18d-e3c70b222963"},
               "package": {"href": "/v3/packages/guid-af39f9a8-6812-4dec-9635-3772f5875aff"},
               "app": {"href": "/v3/apps/guid-01e350db-c744-4a06-a0e1-b5aba661673f"},
               "assign_current_droplet": {"href": "/v3/apps/guid-01e350db-c744-4a06-a0e1-b5aba661673f/current_droplet", "method": "PUT"}}},
    {"guid": "guid-42700714-16eb-4b17-b6e8-7226d8119fa4", "state": "STAGED",
     "hash": {"type": "sha1", "value": "my-hash"}, "buildpack": "https://github.com/cloudfoundry/my-buildpack.git",
     "error": null, "procfile": null, "environment_variables": {},
     "created_at": "1970-01-01T00:00:02Z", "updated_at": null,
     "links": {"self": {"href": "/v3/droplets/guid-42700714-16eb-4b17-b6e8-7226d8119fa4"},
               "package": {"href": "/v3/packages/guid-af39f9a8-6812-4dec-9635-3772f5875aff"},
               "app": {"href": "/v3/apps/guid-01e350db-c744-4a06-a0e1-b5aba661673f"},
               "assign_current_droplet": {"href": "/v3/apps/guid-01e350db-c744-4a06-a0e1-b5aba661673f/current_droplet", "method": "PUT"}}}
  ],
  "builds": []
})";
}

/// The embedded demo dataset as JSON text.
inline std::string demo_dataset_json() {
    auto doc = boost::json::parse(seed_resources_json()).as_object();
    detail::lcg g{20260101};
    static char const* const package_states[] = {"AWAITING_UPLOAD", "PROCESSING_UPLOAD", "READY", "FAILED", "COPYING", "EXPIRED"};
    static char const* const package_types[] = {"bits", "bits", "docker"};
    static char const* const droplet_states[] = {"AWAITING_UPLOAD", "PROCESSING_UPLOAD", "STAGED", "STAGED", "COPYING", "FAILED", "EXPIRED"};
    static char const* const build_states[] = {"STAGING", "STAGED", "STAGED", "FAILED"};
    boost::json::array apps{detail::app("guid-459131aa-d1d2-4ce1-a5e7-c6a2a0429202", "seed-packages", 0),
                            detail::app("guid-01e350db-c744-4a06-a0e1-b5aba661673f", "seed-droplets", 1)};
    auto& packages = doc["packages"].as_array();
    auto& droplets = doc["droplets"].as_array();
    auto& builds = doc["builds"].as_array();
    for (int a = 0; a < 5; ++a) {
        std::string const app = "guid-" + detail::guid(g);
        apps.push_back(detail::app(app, "app-" + std::to_string(a + 1), a + 2));
        for (int i = 0; i < 60; ++i) {
            std::uint64_t const created = g.next() % (3u * 365 * 86400);
            auto const created_text = detail::time_text(created, g.next());
            auto const updated = g.next() % 4 ? boost::json::value(detail::time_text(created + g.next() % 86400, g.next())) : nullptr;
            std::string const package_guid = "guid-" + detail::guid(g);
            packages.push_back(boost::json::object{
                {"guid", package_guid}, {"type", g.pick(package_types)},
                {"data", {{"hash", {{"type", "sha1"}, {"value", nullptr}}}, {"error", nullptr}}},
                {"state", g.pick(package_states)}, {"created_at", created_text}, {"updated_at", updated},
                {"metadata", detail::metadata(g)},
                {"links", {{"self", detail::link("/v3/packages/" + package_guid)}, {"app", detail::link("/v3/apps/" + app)}}}});
            std::string const droplet_guid = "guid-" + detail::guid(g);
            droplets.push_back(boost::json::object{
                {"guid", droplet_guid}, {"state", g.pick(droplet_states)}, {"error", nullptr},
                {"lifecycle", {{"type", "buildpack"}, {"data", {{"buildpacks", {"ruby_buildpack"}}, {"stack", "cflinuxfs4"}}}}},
                {"created_at", detail::time_text(created + 60, g.next())}, {"updated_at", updated},
                {"metadata", detail::metadata(g)},
                {"links", {{"self", detail::link("/v3/droplets/" + droplet_guid)},
                           {"package", detail::link("/v3/packages/" + package_guid)},
                           {"app", detail::link("/v3/apps/" + app)},
                           {"assign_current_droplet", detail::link("/v3/apps/" + app + "/current_droplet", "PUT")}}}});
            std::string const build_guid = "guid-" + detail::guid(g);
            builds.push_back(boost::json::object{
                {"guid", build_guid}, {"created_at", detail::time_text(created + 30, g.next())}, {"updated_at", updated},
                {"state", g.pick(build_states)}, {"staging_memory_in_mb", 1024}, {"staging_disk_in_mb", 4096},
                {"error", nullptr}, {"package", {{"guid", package_guid}}}, {"droplet", {{"guid", droplet_guid}}},
                {"metadata", detail::metadata(g)},
                {"links", {{"self", detail::link("/v3/builds/" + build_guid)}, {"app", detail::link("/v3/apps/" + app)}}}});
        }
    }
    doc["apps"] = std::move(apps);
    return boost::json::serialize(doc);
}

} // namespace cf_api
