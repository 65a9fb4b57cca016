// SPDX-License-Identifier: BSL-1.0
// Both executors on real databases: hostile values stored and matched, text a database cannot
// hold, documents echoed as stored, statements prepared once, and errors as values.
#include <listquery/sql/mariadb.hpp>
#include <listquery/sql/postgresql.hpp>
#include <listquery/sql/sqlite.hpp>

#include "sql/schema.hpp"
#include "support/test_resources.hpp"

#include <catch2/catch.hpp>

#include <span>
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
                                       "ÄÖ💥", "", "{a}", "NULL", "\t\r\n", "a", "a ", "A"};
/// Longer than MariaDB's VARCHAR(255) (docs/sql.md#mariadb): SQLite and PostgreSQL only.
std::string const long_value(10000, 'x');

/// Stores one droplet per hostile state, then asks for each state.
template <class Database>
void check_hostile_values(Database& db, dialect d) {
    std::vector<std::string> hostile = sql_executors::hostile;
    if (d != dialect::mariadb)
        hostile.push_back(long_value);
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

/// Lists of every form a dialect writes (one value, a few, MariaDB's 64 placeholders and its
/// JSON array past them): a filter and a label selector over 70 states, each matching the first n.
template <class Database>
void check_list_lengths(Database& db, dialect d) {
    std::vector<droplet> data(70);
    for (std::size_t i = 0; i < data.size(); ++i) {
        data[i].id = static_cast<int>(i) + 1;
        data[i].guid = "g" + std::to_string(i);
        data[i].state = "s" + std::to_string(i);
        data[i].labels = {{"env", *data[i].state}};
    }
    REQUIRE(db.store_all(data, [](droplet const& r) { return listquery::sql::stored_as{r.id, {}}; }));
    for (std::size_t n : {1, 2, 3, 5, 63, 64, 65, 70}) {
        std::string values;
        for (std::size_t i = 0; i < n; ++i)
            (values += i ? "," : "") += *data[n - 1 - i].state; // in another order than stored
        for (std::string const& query : {"states=" + values, "label_selector=env+in+(" + values + ")"}) {
            INFO(query);
            auto const q = listquery::parse_list_query<droplets_endpoint>(query + "&per_page=100");
            REQUIRE(q.has_value());
            auto const page = db.run(compile<droplets_endpoint, droplet>(*q, d));
            REQUIRE(page.has_value());
            CHECK(page->total_results == n);
            REQUIRE(page->rows.size() == n);
            CHECK(page->rows.front().id == 1);
            CHECK(page->rows.back().id == static_cast<std::int64_t>(n));
        }
    }
}

template <class Database>
void check_documents(Database& db, dialect d) {
    std::string const text = d == dialect::mariadb ? "VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin" : "text";
    REQUIRE(db.execute("CREATE " + std::string(d == dialect::postgresql ? "TEMPORARY " : "") +
                       "TABLE apps (id bigint PRIMARY KEY, resource " + (d == dialect::mariadb ? "LONGTEXT CHARACTER SET utf8mb4" : "text") +
                       " NOT NULL, guid " + text + " NOT NULL, name " + text + ")"));
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

/// `store_all` is all or nothing, in a transaction of its own or in the caller's (a savepoint).
template <class Database>
void check_store_all_atomic(Database& db) {
    std::vector<droplet> batch(3);
    for (std::size_t i = 0; i < batch.size(); ++i) {
        batch[i].guid = "atomic-" + std::to_string(i);
        batch[i].labels = {{"env", "prod"}};
    }
    batch[2].guid = batch[0].guid; // the third breaks the unique guid: none of the three is stored
    auto const describe = [&](droplet const& d) { return stored_as{static_cast<std::int64_t>(&d - batch.data()) + 100, {}}; };
    auto const count = [&](std::string const& table) {
        return db.scalar("SELECT count(*) FROM " + table + " WHERE " + (table == "droplets" ? "guid" : "resource_guid") +
                             " LIKE 'atomic-%'",
                         {})
            .value();
    };
    auto const failed = db.store_all(batch, describe);
    REQUIRE(!failed);
    CHECK(failed.error().errors.at(0).code == listquery::error::database_error);
    CHECK(failed.error().http_status() == 500);
    CHECK(count("droplets") == 0);
    CHECK(count("droplet_labels") == 0);
    // Inside the caller's transaction: the failed store is undone, what the caller did before stays.
    REQUIRE(db.execute("BEGIN"));
    REQUIRE(db.store(batch[1], 200));
    CHECK(!db.store_all(batch, describe));
    REQUIRE(db.execute("COMMIT"));
    CHECK(count("droplets") == 1);
    CHECK(count("droplet_labels") == 1);
    // A single store is atomic too: its row and its labels, or nothing.
    batch[2].guid = "atomic-2";
    REQUIRE(db.store_all(std::span(batch).subspan(2), describe));
    CHECK(count("droplets") == 2);
}

/// A column that should hold an integer and does not is an error, never a silent 0.
template <class Database>
void check_not_an_integer(Database& db) {
    compiled_query c;
    c.page = {"SELECT 'seven'", {}};
    c.count = {"SELECT 1", {}};
    auto const page = db.run(c);
    REQUIRE(!page);
    CHECK(page.error().errors.at(0).code == listquery::error::database_error);
    CHECK(page.error().diagnostic().find("gave `seven` where an integer was expected") != std::string::npos);
    auto const count = db.scalar("SELECT 'many'", {});
    REQUIRE(!count);
    CHECK(count.error().diagnostic() == "SELECT 'many' gave `many` where an integer was expected");
}

} // namespace sql_executors

using namespace sql_executors;

TEST_CASE("sqlite: store_all stores all or nothing", "[sql][sqlite]") {
    auto db = sqlite::database::open(":memory:").value();
    REQUIRE(db.execute(sql_test::schema(dialect::sqlite)));
    check_store_all_atomic(db);
}

TEST_CASE("postgresql: store_all stores all or nothing", "[sql][postgresql]") {
    auto db = sql_test::postgres();
    REQUIRE(db.execute(sql_test::schema(dialect::postgresql)));
    check_store_all_atomic(db);
}

TEST_CASE("sqlite: a column that is not an integer is an error", "[sql][sqlite]") {
    auto db = sqlite::database::open(":memory:").value();
    check_not_an_integer(db);
}

TEST_CASE("postgresql: a column that is not an integer is an error", "[sql][postgresql]") {
    auto db = sql_test::postgres();
    check_not_an_integer(db);
}

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

TEST_CASE("mariadb: store_all stores all or nothing", "[sql][mariadb]") {
    auto db = sql_test::mariadb();
    REQUIRE(db.execute(sql_test::schema(dialect::mariadb)));
    check_store_all_atomic(db);
}

TEST_CASE("mariadb: a column that is not an integer is an error", "[sql][mariadb]") {
    auto db = sql_test::mariadb();
    check_not_an_integer(db);
}

TEST_CASE("mariadb: hostile values are parameters, stored and matched byte for byte", "[sql][mariadb]") {
    auto db = sql_test::mariadb();
    REQUIRE(db.execute(sql_test::schema(dialect::mariadb)));
    // Backslashes are plain bytes in parameters whatever the mode: with NO_BACKSLASH_ESCAPES too.
    REQUIRE(db.execute("SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_BACKSLASH_ESCAPES')"));
    check_hostile_values(db, dialect::mariadb);
}

TEST_CASE("mariadb: a text longer than its column is refused, never cut short", "[sql][mariadb]") {
    auto db = sql_test::mariadb();
    REQUIRE(db.execute(sql_test::schema(dialect::mariadb)));
    droplet d;
    d.guid = "long";
    d.state = long_value;
    auto const stored = db.store(d, 1);
    REQUIRE(!stored);
    CHECK(stored.error().errors.at(0).code == listquery::error::database_error);
    CHECK(stored.error().diagnostic().find("Data too long for column 'state' at row 1 (1406)") != std::string::npos);
    CHECK(db.scalar("SELECT count(*) FROM droplets", {}).value() == 0);
}

TEST_CASE("mariadb: documents come back as stored, in byte order", "[sql][mariadb]") {
    auto db = sql_test::mariadb();
    check_documents(db, dialect::mariadb);
}

TEST_CASE("mariadb: a wrong URL or an unreachable server is an error value", "[sql][mariadb]") {
    for (std::string_view bad : {"mariadb://", "mariadb://host/a/b", "postgresql://h/db", "mariadb://h/db?sockets=x", "%"}) {
        auto const db = mariadb::database::connect(bad);
        REQUIRE(!db);
        CHECK(db.error().diagnostic() == "not a MariaDB URL: `" + std::string(bad) +
                                             "` (mariadb://[user[:password]@][host][:port]/database[?socket=PATH])");
    }
    auto const o = mariadb::parse_url("mariadb://u%40x:p%2Fw@db.example:3307/cf?socket=%2Frun%2Fm.sock").value();
    CHECK(o.user == "u@x");
    CHECK(o.password == "p/w");
    CHECK(o.host == "db.example");
    CHECK(o.port == 3307);
    CHECK(o.database == "cf");
    CHECK(o.socket == "/run/m.sock");
    auto const gone = mariadb::database::connect("mariadb://root@localhost/listquery?socket=/nonexistent/sock");
    REQUIRE(!gone);
    CHECK(gone.error().errors.at(0).code == listquery::error::database_unavailable);
    CHECK(gone.error().http_status() == 503);
    CHECK(gone.error().diagnostic().starts_with("cannot connect to MariaDB: Can't connect to local server through socket '/nonexistent/sock'"));
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
    CHECK(missing.error().diagnostic() == "cannot open SQLite database /nonexistent/dir/db.sqlite: unable to open database file");
    CHECK(missing.error().errors.at(0).code == listquery::error::database_unavailable);
    CHECK(missing.error().http_status() == 503);
    CHECK(missing.error().title() == "CF-ServiceUnavailable");
    CHECK(missing.error().detail() == "The database cannot be reached; try again later.");
    auto db = sqlite::database::open(":memory:").value();
    auto const q = listquery::parse_list_query<droplets_endpoint>("states=A");
    auto const page = db.run(compile<droplets_endpoint, droplet>(*q, dialect::sqlite));
    REQUIRE(!page);
    CHECK(page.error().diagnostic() ==
          "SQLite: cannot prepare `SELECT t.id FROM droplets AS t WHERE t.state = ?1 "
          "ORDER BY t.id LIMIT ?2 OFFSET ?3`: no such table: droplets");
    CHECK(page.error().errors.at(0).code == listquery::error::database_error);
    CHECK(page.error().http_status() == 500);
    CHECK(page.error().detail() == "An unknown error occurred."); // never the database's words
    CHECK(db.execute("CREATE TABLE x (a); INSERT INTO x VALUES (1, 2)").error().diagnostic() ==
          "SQLite: table x has 1 columns but 2 values were supplied");
}

TEST_CASE("postgresql: errors are values with the engine's message", "[sql][postgresql]") {
    auto const refused = postgresql::database::connect("host=/nonexistent port=5432 connect_timeout=2");
    REQUIRE(!refused);
    CHECK(refused.error().diagnostic().starts_with("cannot connect to PostgreSQL: connection to server on socket "
                                              "\"/nonexistent/.s.PGSQL.5432\" failed: No such file or directory"));
    CHECK(refused.error().diagnostic().find('\n') == std::string::npos);
    CHECK(refused.error().errors.at(0).code == listquery::error::database_unavailable);
    CHECK(refused.error().http_status() == 503);
    auto db = sql_test::postgres();
    auto const q = listquery::parse_list_query<droplets_endpoint>("states=A");
    auto const page = db.run(compile<droplets_endpoint, droplet, missing_droplets>(*q, dialect::postgresql));
    REQUIRE(!page);
    CHECK(page.error().diagnostic().starts_with(
        "PostgreSQL: cannot prepare `SELECT t.id FROM missing_droplets AS t WHERE t.state = ANY($1::text[]) ORDER BY "
        "t.id LIMIT $2 OFFSET $3`: ERROR:  relation \"missing_droplets\" does not exist LINE 1: SELECT"));
    CHECK(page.error().errors.at(0).code == listquery::error::database_error);
    // A failed store in pipeline mode reports the first failure and leaves the connection usable.
    REQUIRE(db.execute(sql_test::schema(dialect::postgresql)));
    droplet d;
    d.guid = "dup";
    std::vector<droplet> const twice{d, d};
    auto const stored = db.store_all(twice, [](droplet const&) { return stored_as{1, {}}; });
    REQUIRE(!stored);
    CHECK(stored.error().diagnostic().find("duplicate key value violates unique constraint") != std::string::npos);
    CHECK(db.execute("SELECT 1"));
    // A NUL byte in a stored text is an error, not a text cut short.
    droplet nul;
    nul.guid = "nul";
    nul.state = std::string("a\0b", 3);
    auto const cut = db.store(nul, 7);
    REQUIRE(!cut);
    CHECK(cut.error().diagnostic() == "PostgreSQL: cannot send `INSERT INTO droplets (id, guid, created_at, updated_at, "
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

TEST_CASE("sql: lists of every length, from one value to past MariaDB's placeholders", "[sql][postgresql][mariadb]") {
    auto lite = sqlite::database::open(":memory:").value();
    REQUIRE(lite.execute(sql_test::schema(dialect::sqlite)));
    check_list_lengths(lite, dialect::sqlite);
    auto pg = sql_test::postgres();
    REQUIRE(pg.execute(sql_test::schema(dialect::postgresql)));
    check_list_lengths(pg, dialect::postgresql);
    auto maria = sql_test::mariadb();
    REQUIRE(maria.execute(sql_test::schema(dialect::mariadb)));
    check_list_lengths(maria, dialect::mariadb);
}

TEST_CASE("sql errors: a database's message is on one line, whatever the statement", "[sql][postgresql]") {
    CHECK(database_failure(listquery::error::database_error, "X: cannot run `A\n  B;\n`: ERROR:  bad\nDETAIL: d\n")
              .diagnostic() == "X: cannot run `A B; `: ERROR:  bad DETAIL: d");
    auto pg = sql_test::postgres();
    auto const twice = pg.execute("CREATE TEMPORARY TABLE lines (\n    a int\n);\nCREATE TEMPORARY TABLE lines (\n    a int\n);\n");
    REQUIRE(!twice);
    CHECK(twice.error().diagnostic() == "PostgreSQL: cannot run `CREATE TEMPORARY TABLE lines ( a int ); CREATE TEMPORARY "
                                        "TABLE lines ( a int ); `: ERROR:  relation \"lines\" already exists");
}
