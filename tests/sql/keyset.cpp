// SPDX-License-Identifier: BSL-1.0
// Keyset pages in SQL agree with memory: over random datasets and queries, a walk forward from
// page 1 and backward from the end, with random inserts and deletes between requests applied to
// every store, gets the same page, total and cursors from memory, SQLite, PostgreSQL, MariaDB and
// Citus at every step; and the page statement is one index range from the cursor, with no OFFSET.
#include <listquery/keyset.hpp>
#include <listquery/sql/mariadb.hpp>
#include <listquery/sql/postgresql.hpp>
#include <listquery/sql/sqlite.hpp>

#include "keyset/endpoints.hpp"
#include "sql/schema.hpp"
#include "support/reference_pipeline.hpp"
#include "support/test_resources.hpp"

#include <catch2/catch.hpp>

#include <list>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace sql_keyset_test {

using test_model::droplet;
using namespace listquery::sql;
constexpr auto& keyset_droplets = keyset_test::droplets;

template <class Database>
void erase(Database& db, std::string const& guid, dialect d) {
    std::string const p = d == dialect::sqlite ? "?1" : d == dialect::postgresql ? "$1" : "?";
    parameter const g[] = {std::string_view(guid)};
    REQUIRE(db.scalar("DELETE FROM droplet_labels WHERE resource_guid = " + p + " RETURNING 1", g).has_value());
    REQUIRE(db.scalar("DELETE FROM droplets WHERE guid = " + p + " RETURNING 1", g).has_value());
}

template <class Database>
void reset(Database& db, std::list<droplet> const& data) {
    REQUIRE(db.execute("DELETE FROM droplets; DELETE FROM droplet_labels"));
    for (auto const& d : data)
        REQUIRE(db.store(d, d.id));
}

/// The guids of SQL rows, by the ids stored.
std::vector<std::string> guids(page const& p, std::map<std::int64_t, std::string> const& by_id) {
    std::vector<std::string> out;
    for (auto const& r : p.rows)
        out.push_back(by_id.at(r.id));
    return out;
}

std::vector<std::string> guids(listquery::page_result<droplet> const& p) {
    std::vector<std::string> out;
    for (auto const* d : p.resources)
        out.push_back(d->guid);
    return out;
}

} // namespace sql_keyset_test

using namespace sql_keyset_test;

TEST_CASE("sql keyset: row-value ranges of the (column, guid) index, no OFFSET", "[sql][keyset]") {
    auto const q = listquery::parse_list_query<keyset_droplets>("states=STAGED&order_by=-created_at&per_page=2").value();
    auto const c = compile_keyset<keyset_droplets, droplet>(q, dialect::postgresql, listquery::keyset_cursor{false, false, std::int64_t{5}, "g"});
    // After (5, g) going down: the smaller values, then the nulls; each its own index range.
    std::string const select = "SELECT t.id, (extract(epoch from t.created_at) * 1000000)::bigint, t.guid FROM droplets AS t "
                               "WHERE t.state = ANY($1::text[]) AND ";
    std::string const order = " ORDER BY t.created_at DESC NULLS LAST, t.guid COLLATE \"C\" DESC ";
    REQUIRE(c.page.size() == 2);
    CHECK(c.page[0].text == select + "(t.created_at, t.guid COLLATE \"C\") < ($2::timestamp, $3)" + order + "LIMIT $4 OFFSET $5");
    CHECK(c.page[0].parameters.at(3) == parameter(std::int64_t{3})); // one row more than the page
    CHECK(c.page[0].parameters.at(4) == parameter(std::int64_t{0})); // no offset with a cursor
    CHECK(c.page[1].text == select + "t.created_at IS NULL" + order + "LIMIT $2 OFFSET $3");
    REQUIRE(c.other_side.size() == 1);
    CHECK(c.other_side[0].text == "SELECT 1 FROM droplets AS t WHERE t.state = ANY($1::text[]) AND "
                                  "(t.created_at, t.guid COLLATE \"C\") >= ($2::timestamp, $3) ORDER BY t.created_at ASC "
                                  "NULLS FIRST, t.guid COLLATE \"C\" ASC LIMIT 1");
    // Before (null, g) going back up, on SQLite: the nulls after g, then every value.
    auto const back = compile_keyset<keyset_droplets, droplet>(q, dialect::sqlite, listquery::keyset_cursor{true, false, {}, "g"});
    REQUIRE(back.page.size() == 2);
    CHECK(back.page[0].text == "SELECT t.id, t.created_at, t.guid FROM droplets AS t WHERE t.state = ?1 AND "
                               "t.created_at IS NULL AND t.guid > ?2 ORDER BY t.created_at ASC NULLS FIRST, t.guid ASC "
                               "LIMIT ?3 OFFSET ?4");
    CHECK(back.page[1].text == "SELECT t.id, t.created_at, t.guid FROM droplets AS t WHERE t.state = ?1 AND "
                               "t.created_at IS NOT NULL ORDER BY t.created_at ASC NULLS FIRST, t.guid ASC "
                               "LIMIT ?2 OFFSET ?3");
    CHECK(back.other_side.size() == 1);
    // On MariaDB the range is written out, which its planner reads as a range of the index.
    auto const maria = compile_keyset<keyset_droplets, droplet>(q, dialect::mariadb, listquery::keyset_cursor{false, false, std::int64_t{5}, "g"});
    REQUIRE(maria.page.size() == 2);
    CHECK(maria.page[0].text == "SELECT t.id, t.created_at, t.guid FROM droplets AS t WHERE t.state = ? AND "
                                "(t.created_at < ? OR (t.created_at = ? AND t.guid < ?)) ORDER BY t.created_at DESC, "
                                "t.guid DESC LIMIT ? OFFSET ?");
    CHECK(maria.page[0].parameters.at(1) == maria.page[0].parameters.at(2));
    CHECK(maria.other_side.at(0).text == "SELECT 1 FROM droplets AS t WHERE t.state = ? AND (t.created_at > ? OR "
                                         "(t.created_at = ? AND t.guid >= ?)) ORDER BY t.created_at ASC, t.guid ASC LIMIT 1");
}

TEST_CASE("sql keyset: memory = SQLite = PostgreSQL = MariaDB = Citus on walks with inserts and deletes",
          "[sql][keyset][postgresql][mariadb][citus]") {
    auto lite = sqlite::database::open(":memory:").value();
    REQUIRE(lite.execute(sql_test::schema(dialect::sqlite)));
    auto pg = sql_test::postgres();
    REQUIRE(pg.execute(sql_test::schema(dialect::postgresql)));
    auto maria = sql_test::mariadb();
    REQUIRE(maria.execute(sql_test::schema(dialect::mariadb)));
    auto citus = sql_test::citus();
    REQUIRE(citus.execute(sql_test::citus_schema()));
    std::mt19937 rng(4242);
    int next_id = 100000, steps = 0;
    for (int round = 0; round < 500; ++round) {
        auto const generated = reference_pipeline::random_data(rng);
        std::list<droplet> data(generated.begin(), generated.end());
        std::map<std::int64_t, std::string> by_id;
        for (auto const& d : data)
            by_id[d.id] = d.guid;
        reset(lite, data);
        reset(pg, data);
        reset(maria, data);
        reset(citus, data);
        if (round % 20 == 0)
            REQUIRE(pg.execute("VACUUM droplets, droplet_labels"));
        std::string text = reference_pipeline::random_query(rng);
        text.erase(text.find("&page="), text.find('&', text.find("&page=") + 1) - text.find("&page="));
        auto const q = listquery::parse_list_query<keyset_droplets>(text).value();
        INFO(text);
        for (bool const backward : {false, true}) {
            std::optional<listquery::keyset_cursor> cursor;
            if (backward)
                cursor = listquery::keyset_cursor{true, true, {}, {}};
            for (int pages = 0; pages < 100; ++pages, ++steps) {
                auto const want = listquery::apply_keyset<keyset_droplets>(data, q, cursor);
                auto const check = [&](auto& db, dialect d) {
                    INFO(with_rules(d, [](auto rules) { return rules.name; }) << " page " << pages << " backward " << backward);
                    auto const got = run_keyset(db, compile_keyset<keyset_droplets, droplet>(q, d, cursor));
                    REQUIRE(got.has_value());
                    REQUIRE(guids(got->rows, by_id) == guids(want.page));
                    REQUIRE(got->rows.total_results == want.page.total_results);
                    REQUIRE(got->next == want.next);
                    REQUIRE(got->previous == want.previous);
                };
                check(lite, dialect::sqlite);
                check(pg, dialect::postgresql);
                check(maria, dialect::mariadb);
                check(citus, dialect::postgresql);
                auto const& follow = backward ? want.previous : want.next;
                if (!follow)
                    break;
                cursor = follow;
                // A change between requests, in every store.
                if (!data.empty() && std::uniform_int_distribution<int>(0, 2)(rng) == 0) {
                    auto it = data.begin();
                    std::advance(it, std::uniform_int_distribution<std::size_t>(0, data.size() - 1)(rng));
                    erase(lite, it->guid, dialect::sqlite);
                    erase(pg, it->guid, dialect::postgresql);
                    erase(maria, it->guid, dialect::mariadb);
                    erase(citus, it->guid, dialect::postgresql);
                    data.erase(it);
                }
                if (auto extra = reference_pipeline::random_data(rng); !extra.empty()) {
                    droplet d = extra.front();
                    d.id = next_id++;
                    d.guid = "new" + std::to_string(d.id);
                    by_id[d.id] = d.guid;
                    REQUIRE(lite.store(d, d.id));
                    REQUIRE(pg.store(d, d.id));
                    REQUIRE(maria.store(d, d.id));
                    REQUIRE(citus.store(d, d.id));
                    data.push_back(d);
                }
            }
        }
    }
    CHECK(steps > 1000);
}
