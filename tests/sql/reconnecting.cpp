// SPDX-License-Identifier: BSL-1.0
// Timeouts and reconnection on real databases: a SQLite file moved away, restored and replaced;
// a statement past its deadline on every engine; a PostgreSQL server that accepts a connection
// and never answers; a connection the server ends, retried on a fresh one.
#include <listquery/sql/mariadb.hpp>
#include <listquery/sql/postgresql.hpp>
#include <listquery/sql/reconnecting.hpp>
#include <listquery/sql/sqlite.hpp>

#include <catch2/catch.hpp>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

namespace sql_reconnecting {

using namespace listquery::sql;
using listquery::error;
using namespace std::chrono_literals;

/// A database file holding `rows` rows in table `t`.
void make_file(std::string const& path, int rows) {
    std::filesystem::remove(path);
    auto db = sqlite::database::open(path).value();
    REQUIRE(db.execute("CREATE TABLE t (x INTEGER)"));
    for (int i = 0; i < rows; ++i)
        REQUIRE(db.execute("INSERT INTO t VALUES (" + std::to_string(i) + ")"));
}

std::string temp_path(std::string const& name) {
    return (std::filesystem::temp_directory_path() / ("listquery-reconnecting-" + std::to_string(::getpid()) + "-" + name)).string();
}

char const* postgres_conninfo() {
    char const* conninfo = std::getenv("LISTQUERY_TEST_POSTGRES");
    if (!conninfo)
        FAIL("LISTQUERY_TEST_POSTGRES is not set: run through ctest, which starts the PostgreSQL cluster");
    return conninfo;
}

std::string mariadb_url() {
    char const* url = std::getenv("LISTQUERY_TEST_MARIADB");
    if (!url)
        FAIL("LISTQUERY_TEST_MARIADB is not set: run through ctest, which starts the MariaDB server");
    return url;
}

} // namespace sql_reconnecting

using namespace sql_reconnecting;

TEST_CASE("reconnecting: a SQLite file moved away fails at once, backs off, and is read again once restored",
          "[sql][reconnecting]") {
    std::string const path = temp_path("moved.db");
    make_file(path, 3);
    int opened = 0;
    std::vector<bool> changes;
    reconnect_options o;
    o.first_wait = 200ms;
    o.on_change = [&](bool available, listquery::query_errors const& why) {
        changes.push_back(available);
        if (!available)
            CHECK(why.diagnostic().starts_with("cannot open SQLite database " + path));
    };
    reconnecting<sqlite::database> db([&] { ++opened; return sqlite::database::open(path, true); }, o);
    CHECK(db.scalar("SELECT count(*) FROM t", {}).value() == 3);
    CHECK(opened == 1);

    std::filesystem::rename(path, path + ".away");
    auto lost = db.scalar("SELECT count(*) FROM t", {});
    REQUIRE_FALSE(lost);
    CHECK(lost.error().ec() == error::database_unavailable);
    CHECK(lost.error().http_status() == 503);
    CHECK(opened == 2); // the open connection was dropped: its path names no file now
    CHECK(changes == std::vector<bool>{false});
    CHECK_FALSE(db.available());
    CHECK_FALSE(db.scalar("SELECT count(*) FROM t", {})); // within the wait: no attempt
    CHECK(opened == 2);

    std::filesystem::rename(path + ".away", path);
    CHECK_FALSE(db.scalar("SELECT count(*) FROM t", {})); // still within the wait
    std::this_thread::sleep_for(250ms);
    CHECK(db.scalar("SELECT count(*) FROM t", {}).value() == 3);
    CHECK(opened == 3);
    CHECK(changes == std::vector<bool>{false, true});
    CHECK(db.available());
    std::filesystem::remove(path);
}

TEST_CASE("reconnecting: a SQLite file replaced by rename is opened again", "[sql][reconnecting]") {
    std::string const path = temp_path("replaced.db");
    make_file(path, 2);
    make_file(path + ".new", 5);
    int opened = 0;
    bool changed = false;
    reconnect_options o;
    o.on_change = [&](bool, listquery::query_errors const&) { changed = true; };
    reconnecting<sqlite::database> db([&] { ++opened; return sqlite::database::open(path, true); }, o);
    CHECK(db.scalar("SELECT count(*) FROM t", {}).value() == 2);
    std::filesystem::rename(path + ".new", path);
    CHECK(db.scalar("SELECT count(*) FROM t", {}).value() == 5);
    CHECK(opened == 2);
    CHECK_FALSE(changed); // the database never was unavailable
    std::filesystem::remove(path);
}

TEST_CASE("timeouts: a SQLite statement past its deadline is interrupted, the connection stays", "[sql][timeouts]") {
    auto db = sqlite::database::open(":memory:", false, timeouts{.statement = 100ms}).value();
    auto const start = std::chrono::steady_clock::now();
    auto r = db.scalar("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n", {});
    auto const took = std::chrono::steady_clock::now() - start;
    REQUIRE_FALSE(r);
    CHECK(r.error().ec() == error::database_timeout);
    CHECK(r.error().http_status() == 503);
    CHECK(r.error().diagnostic().ends_with(": interrupted"));
    CHECK(took >= 100ms);
    CHECK(took < 2s);
    CHECK(db.usable());
    CHECK(db.scalar("SELECT 7", {}).value() == 7);
}

TEST_CASE("timeouts: PostgreSQL cancels a statement past its deadline, the connection stays", "[sql][timeouts]") {
    auto db = postgresql::database::connect(postgres_conninfo(), timeouts{.statement = 300ms}).value();
    auto r = db.scalar("SELECT count(*) FROM pg_sleep(5)", {});
    REQUIRE_FALSE(r);
    CHECK(r.error().ec() == error::database_timeout);
    CHECK(r.error().diagnostic().find("canceling statement due to statement timeout") != std::string::npos);
    CHECK(db.scalar("SELECT 7", {}).value() == 7);
}

TEST_CASE("timeouts: a PostgreSQL server that accepts and never answers", "[sql][timeouts]") {
    // A Unix socket that listens and never accepts: the kernel takes the connection, no one reads.
    std::string const dir = temp_path("silent");
    std::filesystem::create_directories(dir);
    std::string const socket_path = dir + "/.s.PGSQL.5432";
    int const fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_un at{};
    at.sun_family = AF_UNIX;
    REQUIRE(socket_path.size() < sizeof at.sun_path);
    std::snprintf(at.sun_path, sizeof at.sun_path, "%s", socket_path.c_str());
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr const*>(&at), sizeof at) == 0);
    REQUIRE(::listen(fd, 8) == 0);

    auto const start = std::chrono::steady_clock::now();
    auto db = postgresql::database::connect("host=" + dir + " port=5432 user=postgres", timeouts{.connect = 300ms});
    auto const took = std::chrono::steady_clock::now() - start;
    REQUIRE_FALSE(db.has_value());
    CHECK(db.error().ec() == error::database_timeout);
    CHECK(db.error().diagnostic() == "cannot connect to PostgreSQL: no answer within 300 ms");
    CHECK(took >= 300ms);
    CHECK(took < 2s);
    ::close(fd);
    std::filesystem::remove_all(dir);
}

TEST_CASE("reconnecting: a PostgreSQL connection the server ends is replaced within the same call",
          "[sql][reconnecting]") {
    int opened = 0;
    bool changed = false;
    reconnect_options o;
    o.on_change = [&](bool, listquery::query_errors const&) { changed = true; };
    reconnecting<postgresql::database> db(
        [&] { ++opened; return postgresql::database::connect(postgres_conninfo()); }, o);
    auto const pid = db.scalar("SELECT pg_backend_pid()", {}).value();
    auto other = postgresql::database::connect(postgres_conninfo()).value();
    parameter const p[] = {pid};
    REQUIRE(other.scalar("SELECT count(*) FROM pg_terminate_backend($1::int) AS t WHERE t", p).value() == 1);
    std::this_thread::sleep_for(100ms); // the backend ends
    CHECK(db.scalar("SELECT 7", {}).value() == 7);
    CHECK(opened == 2);
    CHECK_FALSE(changed); // a broken connection, not an unavailable database
    CHECK(db.scalar("SELECT pg_backend_pid()", {}).value() != pid);
}

TEST_CASE("timeouts: MariaDB cancels a statement past its deadline, the connection stays", "[sql][timeouts][mariadb]") {
    auto db = mariadb::database::connect(mariadb_url(), timeouts{.statement = 1s}).value();
    auto r = db.scalar("SELECT SLEEP(5)", {});
    REQUIRE_FALSE(r);
    CHECK(r.error().ec() == error::database_timeout);
    CHECK(r.error().diagnostic().find("Query execution was interrupted (max_statement_time exceeded) (1969)") != std::string::npos);
    CHECK(db.scalar("SELECT 7", {}).value() == 7);
    // Set later, on a connection opened without one (as after loading data).
    auto later = mariadb::database::connect(mariadb_url()).value();
    REQUIRE(later.limit_statements(300ms));
    auto const start = std::chrono::steady_clock::now();
    auto slept = later.scalar("SELECT SLEEP(5)", {});
    REQUIRE_FALSE(slept);
    CHECK(slept.error().ec() == error::database_timeout);
    CHECK(std::chrono::steady_clock::now() - start < 2s);
    CHECK(later.scalar("SELECT 7", {}).value() == 7);
}

TEST_CASE("reconnecting: a MariaDB connection the server kills is replaced within the same call", "[sql][reconnecting][mariadb]") {
    int opened = 0;
    bool changed = false;
    reconnect_options o;
    o.on_change = [&](bool, listquery::query_errors const&) { changed = true; };
    reconnecting<mariadb::database> db([&] { ++opened; return mariadb::database::connect(mariadb_url()); }, o);
    auto const id = db.scalar("SELECT CONNECTION_ID()", {}).value();
    auto other = mariadb::database::connect(mariadb_url()).value();
    REQUIRE(other.execute("KILL " + std::to_string(id)));
    CHECK(db.scalar("SELECT 7", {}).value() == 7);
    CHECK(opened == 2);
    CHECK_FALSE(changed); // a lost connection, not an unavailable database
    CHECK(db.scalar("SELECT CONNECTION_ID()", {}).value() != id);
}
