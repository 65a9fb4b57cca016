// SPDX-License-Identifier: BSL-1.0
// Memory = SQL: every seeded random (dataset, query) pair of the pipeline's differential test,
// run by the in-memory pipeline and by each SQL engine, gives the same page, order and totals.
#include <listquery/sql/mariadb.hpp>
#include <listquery/sql/postgresql.hpp>
#include <listquery/sql/sqlite.hpp>

#include "sql/schema.hpp"
#include "support/reference_pipeline.hpp"
#include "support/test_resources.hpp"

#include <catch2/catch.hpp>

#include <vector>

namespace sql_differential {

using test_model::droplet;
using namespace listquery::sql;
constexpr auto& droplets = listquery::cf::droplets;

void replace_data(sqlite::database& db, std::vector<droplet> const& data) {
    REQUIRE(db.execute("DELETE FROM droplets; DELETE FROM droplet_labels; BEGIN"));
    for (auto const& d : data)
        REQUIRE(db.store(d, d.id));
    REQUIRE(db.execute("COMMIT"));
}

void replace_data(postgresql::database& db, std::vector<droplet> const& data) {
    // Deleted rows stay until a VACUUM, which never comes on its own for temporary tables; without
    // one every scan reads them all, and the test takes minutes instead of seconds.
    static int replaced = 0;
    REQUIRE(db.execute("DELETE FROM droplets; DELETE FROM droplet_labels"));
    if (++replaced % 20 == 0)
        REQUIRE(db.execute("VACUUM droplets, droplet_labels"));
    REQUIRE(db.store_all(data, [](droplet const& d) { return stored_as{d.id, {}}; }));
}

void replace_data(mariadb::database& db, std::vector<droplet> const& data) {
    REQUIRE(db.execute("DELETE FROM droplets; DELETE FROM droplet_labels"));
    REQUIRE(db.store_all(data, [](droplet const& d) { return stored_as{d.id, {}}; }));
}

char const* name_of(dialect d) {
    return with_rules(d, [](auto rules) { return rules.name.data(); });
}

std::vector<std::int64_t> ids(listquery::page_result<droplet> const& p) {
    std::vector<std::int64_t> out;
    for (auto const* d : p.resources)
        out.push_back(d->id);
    return out;
}

std::vector<std::int64_t> ids(page const& p) {
    std::vector<std::int64_t> out;
    for (auto const& r : p.rows)
        out.push_back(r.id);
    return out;
}

} // namespace sql_differential

using namespace sql_differential;

TEST_CASE("sql differential: memory = SQLite = PostgreSQL = MariaDB on 10,000 pairs", "[sql][differential][postgresql][mariadb]") {
    auto lite = sqlite::database::open(":memory:").value();
    REQUIRE(lite.execute(sql_test::schema(dialect::sqlite)));
    auto pg = sql_test::postgres();
    REQUIRE(pg.execute(sql_test::schema(dialect::postgresql)));
    auto maria = sql_test::mariadb();
    REQUIRE(maria.execute(sql_test::schema(dialect::mariadb)));
    int nonempty = 0;
    for (std::uint32_t seed = 1; seed <= 10000; ++seed) {
        std::mt19937 rng(seed);
        auto const data = reference_pipeline::random_data(rng);
        std::string const text = reference_pipeline::random_query(rng);
        auto const q = listquery::parse_list_query<droplets>(text);
        INFO("seed " << seed << ": " << text);
        REQUIRE(q.has_value());
        auto const want = listquery::apply<droplets>(data, *q);
        // Both ways of counting, alternately.
        options const o{seed % 2 ? count_strategy::separate : count_strategy::window};
        auto const check = [&](auto& db, dialect d) {
            INFO(name_of(d));
            replace_data(db, data);
            auto const got = db.run(compile<droplets, droplet>(*q, d, o));
            REQUIRE(got.has_value());
            REQUIRE(ids(*got) == ids(want));
            REQUIRE(got->total_results == want.total_results);
            REQUIRE(got->total_pages == want.total_pages);
            REQUIRE(got->page_number == want.page);
            REQUIRE(got->per_page == want.per_page);
        };
        check(lite, dialect::sqlite);
        check(pg, dialect::postgresql);
        check(maria, dialect::mariadb);
        nonempty += !want.resources.empty();
    }
    CHECK(nonempty > 2000); // the generator also asks for pages past the end
}

TEST_CASE("sql differential: a nested route's scope, memory = SQLite = PostgreSQL = MariaDB on 1,000 pairs",
          "[sql][differential][postgresql][mariadb][scope]") {
    constexpr auto& nested = listquery::cf::app_droplets;
    auto lite = sqlite::database::open(":memory:").value();
    REQUIRE(lite.execute(sql_test::schema(dialect::sqlite)));
    auto pg = sql_test::postgres();
    REQUIRE(pg.execute(sql_test::schema(dialect::postgresql)));
    auto maria = sql_test::mariadb();
    REQUIRE(maria.execute(sql_test::schema(dialect::mariadb)));
    int nonempty = 0;
    for (std::uint32_t seed = 1; seed <= 1000; ++seed) {
        std::mt19937 rng(seed);
        auto const data = reference_pipeline::random_data(rng);
        std::string const text = reference_pipeline::random_query(rng);
        std::string const app = reference_pipeline::pick(rng, std::vector<std::string>{"a1", "a2", ""});
        auto const q = listquery::parse_list_query<droplets>(text);
        INFO("seed " << seed << ": " << text << " within " << app);
        REQUIRE(q.has_value());
        if (q->filter("app_guids"))
            continue; // the nested route refuses it
        auto const within = nested.within(app);
        auto const want = listquery::apply<nested>(data, *q, {.scope = within});
        auto const check = [&](auto& db, dialect d) {
            replace_data(db, data);
            auto const got = db.run(compile<nested, droplet>(*q, d, {.scope = within}));
            REQUIRE(got.has_value());
            REQUIRE(ids(*got) == ids(want));
            REQUIRE(got->total_results == want.total_results);
        };
        check(lite, dialect::sqlite);
        check(pg, dialect::postgresql);
        check(maria, dialect::mariadb);
        nonempty += !want.resources.empty();
    }
    CHECK(nonempty > 50); // most pairs hold few resources of one app
}
