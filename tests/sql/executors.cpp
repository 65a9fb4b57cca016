// SPDX-License-Identifier: BSL-1.0
// Both executors on real databases: hostile values stored and matched, text a database cannot
// hold, documents echoed as stored, statements prepared once, and errors as values.
#include <listquery/sql/postgresql.hpp>
#include <listquery/sql/sqlite.hpp>

#include "sql/schema.hpp"
#include "support/test_resources.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace sql_executors {

using namespace listquery::sql;
using test_model::droplet;
constexpr auto& droplets_endpoint = listquery::cf::droplets;

/// A resource stored with its document.
struct app {
    std::string guid, name;
};

constexpr auto listquery_fields(listquery::tag<app>) {
    return listquery::fields(listquery::guid_field(&app::guid), listquery::sort_field("name", &app::name));
}

constexpr auto listquery_table(listquery::tag<app>) {
    return table_mapping{.table = "apps", .document = "resource", .columns = {{{"guids", "guid"}, {"name", "name"}}}};
}

inline constexpr listquery::endpoint apps_endpoint{.order_by = {"name"},
                                                   .accepts_label_selector = false,
                                                   .timestamp_filters = {}};

/// Tables no test creates (other tests share the cluster's database).
inline constexpr table_mapping missing_droplets{.table = "missing_droplets",
                                                .labels = "missing_labels",
                                                .columns = listquery::sql::table_v<droplet>.columns};

std::string percent_encoded(std::string_view s) {
    std::string out;
    for (unsigned char c : s) {
        char buf[4];
        std::snprintf(buf, sizeof buf, "%%%02X", c);
        out += buf;
    }
    return out;
}

std::vector<std::string> const hostile{"'; DROP TABLE droplets; --", "\\", "\\\\'", "%", "_", "\"", "a'b\"c",
                                       "ÄÖ💥", "", std::string(10000, 'x'), "{a}", "NULL", "\t\r\n"};

/// Stores one droplet per hostile state, then asks for each state.
template <class Database>
void check_hostile_values(Database& db, dialect d) {
    std::vector<droplet> data(hostile.size());
    for (std::size_t i = 0; i < data.size(); ++i) {
        data[i].id = static_cast<int>(i) + 1;
        data[i].guid = "g" + std::to_string(i);
        data[i].state = hostile[i];
        data[i].labels = {{"env", hostile[i]}};
        REQUIRE(db.store(data[i], data[i].id));
    }
    for (std::size_t i = 0; i < hostile.size(); ++i) {
        INFO("value " << i);
        auto const q = listquery::parse_list_query<droplets_endpoint>("states=" + percent_encoded(hostile[i]));
        REQUIRE(q.has_value());
        auto const page = db.run(compile<droplets_endpoint, droplet>(*q, d));
        REQUIRE(page.has_value());
        REQUIRE(page->rows.size() == 1);
        CHECK(page->rows[0].id == data[i].id);
        CHECK(page->total_results == 1);
    }
    // Text the database cannot hold (PostgreSQL) or that nothing stored equals: no match, no error.
    for (std::string const& bad : std::vector<std::string>{std::string("a\0b", 3), "\xff\xfe", "\xc3"}) {
        auto const q = listquery::parse_list_query<droplets_endpoint>("states=" + percent_encoded(bad) + ",%27%3B");
        REQUIRE(q.has_value());
        auto const page = db.run(compile<droplets_endpoint, droplet>(*q, d));
        REQUIRE(page.has_value());
        CHECK(page->rows.empty());
        CHECK(page->total_results == 0);
    }
    // The tables are still there, with every row.
    auto const all = db.run(compile<droplets_endpoint, droplet>(*listquery::parse_list_query<droplets_endpoint>(""), d));
    REQUIRE(all.has_value());
    CHECK(all->total_results == hostile.size());
}

template <class Database>
void check_documents(Database& db, dialect d) {
    REQUIRE(db.execute("CREATE " + std::string(d == dialect::postgresql ? "TEMPORARY " : "") +
                       "TABLE apps (id bigint PRIMARY KEY, resource text NOT NULL, guid text NOT NULL, name text)"));
    std::vector<app> const apps{{"a1", "zeta"}, {"a2", "alpha"}, {"a3", "Beta"}};
    std::vector<std::string> const documents{R"({"b":1,"a":2})", R"({"name":"alpha","ü":"✓"})", R"({ "spaced" : [ 1 ] })"};
    for (std::size_t i = 0; i < apps.size(); ++i)
        REQUIRE(db.store(apps[i], static_cast<std::int64_t>(i) + 1, documents[i]));
    auto const q = listquery::parse_list_query<apps_endpoint>("order_by=name");
    REQUIRE(q.has_value());
    auto const page = db.run(compile<apps_endpoint, app>(*q, d));
    REQUIRE(page.has_value());
    // Byte order: "Beta" < "alpha" < "zeta"; each document exactly as stored.
    CHECK(page->rows == std::vector<row>{{3, documents[2]}, {2, documents[1]}, {1, documents[0]}});
}

} // namespace sql_executors

using namespace sql_executors;

TEST_CASE("sqlite: hostile values are parameters, stored and matched byte for byte", "[sql][sqlite]") {
    auto db = sqlite::database::open(":memory:").value();
    REQUIRE(db.execute(sql_test::schema(dialect::sqlite)));
    check_hostile_values(db, dialect::sqlite);
}

TEST_CASE("postgresql: hostile values are parameters, stored and matched byte for byte", "[sql][postgresql]") {
    auto db = sql_test::postgres();
    REQUIRE(db.execute(sql_test::schema(dialect::postgresql)));
    check_hostile_values(db, dialect::postgresql);
}

TEST_CASE("sqlite: documents come back as stored, in byte order", "[sql][sqlite]") {
    auto db = sqlite::database::open(":memory:").value();
    check_documents(db, dialect::sqlite);
}

TEST_CASE("postgresql: documents come back as stored, in byte order", "[sql][postgresql]") {
    auto db = sql_test::postgres();
    check_documents(db, dialect::postgresql);
}

TEST_CASE("sqlite: a statement text is prepared once", "[sql][sqlite]") {
    auto db = sqlite::database::open(":memory:").value();
    REQUIRE(db.execute(sql_test::schema(dialect::sqlite)));
    auto const prepared = [&] {
        int n = 0;
        for (sqlite3_stmt* s = sqlite3_next_stmt(db.handle(), nullptr); s; s = sqlite3_next_stmt(db.handle(), s))
            ++n;
        return n;
    };
    for (auto text : {"states=A,E&page=2", "states=B,C,D&page=9", "states=,&per_page=7"})
        REQUIRE(db.run(compile<droplets_endpoint, droplet>(*listquery::parse_list_query<droplets_endpoint>(text),
                                                           dialect::sqlite))
                    .has_value());
    CHECK(prepared() == 2); // the page statement and the count statement of one shape
}

TEST_CASE("sqlite: errors are values with the engine's message", "[sql][sqlite]") {
    auto const missing = sqlite::database::open("/nonexistent/dir/db.sqlite", true);
    REQUIRE(!missing);
    CHECK(missing.error().message == "cannot open SQLite database /nonexistent/dir/db.sqlite: unable to open database file");
    auto db = sqlite::database::open(":memory:").value();
    auto const q = listquery::parse_list_query<droplets_endpoint>("states=A");
    auto const page = db.run(compile<droplets_endpoint, droplet>(*q, dialect::sqlite));
    REQUIRE(!page);
    CHECK(page.error().message ==
          "SQLite: cannot prepare `SELECT t.id FROM droplets AS t WHERE t.state = ?1 "
          "ORDER BY t.id LIMIT ?2 OFFSET ?3`: no such table: droplets");
    CHECK(db.execute("CREATE TABLE x (a); INSERT INTO x VALUES (1, 2)").error().message ==
          "SQLite: table x has 1 columns but 2 values were supplied");
}

TEST_CASE("postgresql: errors are values with the engine's message", "[sql][postgresql]") {
    auto const refused = postgresql::database::connect("host=/nonexistent port=5432 connect_timeout=2");
    REQUIRE(!refused);
    CHECK(refused.error().message.starts_with("cannot connect to PostgreSQL: connection to server on socket "
                                              "\"/nonexistent/.s.PGSQL.5432\" failed: No such file or directory"));
    CHECK(refused.error().message.find('\n') == std::string::npos);
    auto db = sql_test::postgres();
    auto const q = listquery::parse_list_query<droplets_endpoint>("states=A");
    auto const page = db.run(compile<droplets_endpoint, droplet, missing_droplets>(*q, dialect::postgresql));
    REQUIRE(!page);
    CHECK(page.error().message.starts_with(
        "PostgreSQL: cannot prepare `SELECT t.id FROM missing_droplets AS t WHERE t.state = ANY($1::text[]) ORDER BY "
        "t.id LIMIT $2 OFFSET $3`: ERROR:  relation \"missing_droplets\" does not exist LINE 1: SELECT"));
    // A failed store in pipeline mode reports the first failure and leaves the connection usable.
    REQUIRE(db.execute(sql_test::schema(dialect::postgresql)));
    droplet d;
    d.guid = "dup";
    std::vector<droplet> const twice{d, d};
    auto const stored = db.store_all(twice, [](droplet const&) { return stored_as{1, {}}; });
    REQUIRE(!stored);
    CHECK(stored.error().message.find("duplicate key value violates unique constraint") != std::string::npos);
    CHECK(db.execute("SELECT 1"));
    // A NUL byte in a stored text is an error, not a text cut short.
    droplet nul;
    nul.guid = "nul";
    nul.state = std::string("a\0b", 3);
    auto const cut = db.store(nul, 7);
    REQUIRE(!cut);
    CHECK(cut.error().message == "PostgreSQL: cannot send `INSERT INTO droplets (id, guid, created_at, updated_at, "
                                 "app_guid, state) VALUES ($1, $2, $3, $4, $5, $6)`: a text parameter holds a NUL "
                                 "byte, which PostgreSQL text cannot hold");
    CHECK(db.scalar("SELECT count(*) FROM droplets WHERE guid = 'nul'", {}).value() == 0);
}

TEST_CASE("postgresql: times before year 1 are BC, as PostgreSQL counts", "[sql][postgresql]") {
    using std::chrono::sys_days;
    using namespace std::chrono_literals;
    CHECK(postgresql::detail::timestamp_text(time_point(sys_days(2020y / 1 / 2)) + 1500000us) ==
          "2020-01-02 00:00:01.500000");
    CHECK(postgresql::detail::timestamp_text(time_point(sys_days(0y / 3 / 1))) == "0001-03-01 00:00:00.000000 BC");
    CHECK(postgresql::detail::timestamp_text(time_point(sys_days(-1y / 3 / 1))) == "0002-03-01 00:00:00.000000 BC");
    auto db = sql_test::postgres();
    // One year after 1 BC is 1 AD: there is no year 0 in between.
    CHECK(db.query("SELECT '0001-03-01 00:00:00 BC'::timestamp + interval '1 year' = '0001-03-01'::timestamp",
                   std::vector<parameter>{}, [](PGresult* r) { CHECK(std::string(PQgetvalue(r, 0, 0)) == "t"); }));
    CHECK(postgresql::detail::array_literal(std::vector<std::string_view>{"a", "b\"c", "d\\e", "", std::string_view("x\0y", 3)}) ==
          R"({"a","b\"c","d\\e",""})");
}
