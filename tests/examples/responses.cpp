// SPDX-License-Identifier: BSL-1.0
// The example's responses are the same bytes however they are made: resources rendered once at
// load (the server), rendered per request (the CLI), read as stored from SQLite and from
// PostgreSQL and MariaDB, and the DOM way the example answered before it rendered at load
// (`boost::json::serialize(list_response(…))`). Over the contract's targets and random queries.
#include "cf_api/load_file.hpp"
#include "cf_api/sql.hpp"

#include <listquery/sql/mariadb.hpp>
#include <listquery/sql/postgresql.hpp>
#include <listquery/sql/sqlite.hpp>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace responses_test {

std::unique_ptr<cf_api::dataset> demo() {
    std::ostringstream err;
    auto data = cf_api::load_file("", "test", err);
    REQUIRE(data);
    return data;
}

/// The DOM way, for a top-level route: apply, links, each resource's object copied into an
/// array, serialized.
template <class Kind>
std::string through_dom(cf_api::collection<Kind> const& c, std::string_view path, std::string_view query,
                        boost::urls::url_view base) {
    auto const q = listquery::parse_list_query<Kind::list>(query);
    if (!q)
        return boost::json::serialize(boost::json::value_from(q.error()));
    auto const page = listquery::apply<Kind::list>(c.all, *q);
    boost::json::array items;
    for (auto const* r : page.resources)
        items.emplace_back(*r->json);
    return boost::json::serialize(listquery::list_response(listquery::make_pagination(path, *q, page, base), std::move(items)));
}

std::string through_dom(cf_api::dataset const& d, std::string const& kind, std::string_view query, boost::urls::url_view base) {
    std::string out;
    cf_api::detail::with_kind(kind, cf_api::kinds{}, [&](auto k) {
        using Kind = decltype(k);
        out = through_dom<Kind>(d.of<Kind>(), "/v3/" + kind, query, base);
    });
    return out;
}

/// Targets over the demo's vocabulary: filters, selectors, orders and pages of every route.
std::string random_target(std::mt19937& rng, std::vector<std::string> const& apps) {
    auto pick = [&](auto const& v) { return v[std::uniform_int_distribution<std::size_t>(0, v.size() - 1)(rng)]; };
    static std::vector<std::string> const kinds{"packages", "droplets", "builds", "apps"};
    static std::vector<std::string> const parts{
        "states=STAGED,FAILED", "states=READY", "states=", "order_by=-created_at", "order_by=updated_at",
        "label_selector=env%3Dproduction", "label_selector=tier+in+(web,api),!example.com/team",
        "label_selector=env!%3Ddev", "created_ats[gt]=2023-01-02T00:00:00Z", "types=bits", "per_page=1",
        "per_page=7", "per_page=5000", "page=2", "page=40", "page=0", "order_by=name", "label_selector=a%3D%3D",
        "names=app-1,app-3", "space_guids=guid-6f1e3c2a-9d4b-4e7f-8a21-3b5c7d9e0f12", "order_by=-name", "order_by=state"};
    std::string t = "/v3/";
    bool const nested = std::uniform_int_distribution<int>(0, 4)(rng) == 0;
    if (nested)
        t += "apps/" + std::string(pick(apps)) + "/";
    t += pick(kinds);
    for (int n = std::uniform_int_distribution<int>(0, 4)(rng), i = 0; i < n; ++i)
        t += (i == 0 ? "?" : "&") + pick(parts);
    return t;
}

} // namespace responses_test

using namespace responses_test;

TEST_CASE("responses: the same bytes from memory, rendered or not, SQLite, PostgreSQL, MariaDB and the DOM", "[examples][responses]") {
    auto const plain = demo();
    auto rendered = demo();
    cf_api::prepare_to_serve(*rendered);
    namespace sql = listquery::sql;
    auto const loaded = [&](auto db, bool temporary) -> listquery::result<decltype(db)> {
        if (auto r = cf_api::load(db, *plain, temporary ? cf_api::tables::temporary : cf_api::tables::ordinary); !r)
            return r.error();
        return db;
    };
    auto lite = cf_api::database_backend<sql::sqlite::database>::make(
        [&] { return loaded(sql::sqlite::database::open(":memory:").value(), false); }, {});
    REQUIRE(lite);
    char const* conninfo = std::getenv("LISTQUERY_TEST_POSTGRES");
    if (!conninfo)
        FAIL("LISTQUERY_TEST_POSTGRES is not set: run through ctest, which starts the PostgreSQL cluster");
    auto pg = cf_api::database_backend<sql::postgresql::database>::make(
        [&] { return loaded(sql::postgresql::database::connect(conninfo).value(), true); }, {});
    REQUIRE(pg);
    char const* maria_url = std::getenv("LISTQUERY_TEST_MARIADB");
    if (!maria_url)
        FAIL("LISTQUERY_TEST_MARIADB is not set: run through ctest, which starts the MariaDB server");
    auto maria = cf_api::database_backend<sql::mariadb::database>::make(
        [&] { return loaded(sql::mariadb::database::connect(maria_url).value(), true); }, {});
    REQUIRE(maria);
    std::string const base_text = "http://127.0.0.1:8080";
    cf_api::settings const s{.base_url = boost::urls::parse_uri(base_text).value()};
    cf_api::memory_backend per_request(*plain), fast(*rendered);

    std::vector<std::string> app_guids;
    for (auto const& a : plain->of<cf_api::apps>().all)
        app_guids.emplace_back(a.guid);
    // The CLI contract's targets (tests/cli), then random ones.
    std::vector<std::string> targets{
        "/v3/droplets", "/v3/packages?per_page=2&page=2", "/v3/builds?order_by=-created_at&per_page=3",
        "/v3/droplets?states=STAGED%2CFAILED&order_by=-created_at&per_page=50",
        "/v3/builds?label_selector=env%3Dproduction,tier+in+(web,api)&per_page=50", "/v3/droplets?page=0",
        "/v3/droplets?per_page=5001", "/v3/droplets?order_by=size", "/v3/nothing", "/v3/apps/x/droplets",
        "/v3/apps/" + app_guids.front() + "/packages?order_by=updated_at", "/", "/v3", "/login",
        "/v3/apps/" + app_guids.front() + "/droplets/current", "/v3/apps/x/droplets/current"};
    std::mt19937 rng(15);
    for (int i = 0; i < 1500; ++i)
        targets.push_back(random_target(rng, app_guids));
    std::size_t lists = 0;
    for (auto const& target : targets) {
        INFO(target);
        auto const want = per_request.answer(target, s).body(); // rendered per request
        auto const answered = fast.answer(target, s);
        CHECK(answered.body() == want);
        CHECK((*lite)->answer(target, s).body() == want);
        CHECK((*pg)->answer(target, s).body() == want);
        CHECK((*maria)->answer(target, s).body() == want);
        auto const parts = cf_api::path_segments(target);
        if (answered.list && parts && parts->size() == 2) { // a top-level list: also the DOM way
            auto const question = target.find('?');
            CHECK(through_dom(*rendered, (*parts)[1], question == std::string::npos ? "" : target.substr(question + 1), s.base_url) == want);
            ++lists;
        }
    }
    CHECK(lists > 500); // most random targets are lists, not errors
}
