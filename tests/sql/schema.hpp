// SPDX-License-Identifier: BSL-1.0
// The tables of the SQL tests: test_model::droplet as its mapping stores it.
#pragma once

#include <listquery/sql/mariadb.hpp>
#include <listquery/sql/postgresql.hpp>
#include <listquery/sql/statement.hpp>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>
#include <utility>

#include <unistd.h>

namespace sql_test {

inline std::string schema(listquery::sql::dialect d) {
    using listquery::sql::dialect;
    if (d == dialect::mariadb) { // its own database per test process (sql_test::mariadb)
        std::string const text = " VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin";
        return "CREATE TABLE droplets (id bigint PRIMARY KEY, guid" + text + " NOT NULL UNIQUE, state" + text +
               ", app_guid" + text + ", created_at bigint, updated_at bigint);\n"
               "CREATE TABLE droplet_labels (resource_guid" + text + " NOT NULL, key_prefix VARCHAR(253) CHARACTER "
               "SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL, key_name VARCHAR(63) CHARACTER SET utf8mb4 COLLATE "
               "utf8mb4_nopad_bin NOT NULL, value VARCHAR(63) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin);\n";
    }
    bool const pg = d == dialect::postgresql;
    std::string const text = pg ? "text COLLATE \"C\"" : "TEXT";
    std::string const time = pg ? "timestamp(6)" : "INTEGER";
    // Temporary on PostgreSQL: each connection has its own, so tests may run at once.
    std::string const create = pg ? "CREATE TEMPORARY TABLE " : "CREATE TABLE ";
    return create + "droplets (id bigint PRIMARY KEY, guid " + text + " NOT NULL UNIQUE, state " + text +
           ", app_guid " + text + ", created_at " + time + ", updated_at " + time + ");\n" +
           create + "droplet_labels (resource_guid " + text + " NOT NULL, key_prefix " + text +
           " NOT NULL, key_name " + text + " NOT NULL, value " + text + ");\n";
}

/// A connection to the test cluster that CTest starts (tests/sql/postgres_cluster); fails the
/// test, never skips it, when there is none.
inline listquery::sql::postgresql::database postgres() {
    char const* conninfo = std::getenv("LISTQUERY_TEST_POSTGRES");
    if (!conninfo)
        FAIL("LISTQUERY_TEST_POSTGRES is not set: run the SQL tests through ctest, which starts the PostgreSQL "
             "cluster, or start one with tests/sql/postgres_cluster");
    auto db = listquery::sql::postgresql::database::connect(conninfo);
    if (!db)
        FAIL(db.error().diagnostic());
    return std::move(*db);
}

/// A connection to the test server that CTest starts (tests/sql/mariadb_server), in a new,
/// empty database of this process's own, so that tests may run at once; fails the test, never
/// skips it, when there is none.
inline listquery::sql::mariadb::database mariadb() {
    char const* url = std::getenv("LISTQUERY_TEST_MARIADB");
    if (!url)
        FAIL("LISTQUERY_TEST_MARIADB is not set: run the SQL tests through ctest, which starts the MariaDB "
             "server, or start one with tests/sql/mariadb_server");
    auto db = listquery::sql::mariadb::database::connect(url);
    if (!db)
        FAIL(db.error().diagnostic());
    std::string const name = "listquery_test_" + std::to_string(::getpid());
    if (auto made = db->execute("DROP DATABASE IF EXISTS " + name + "; CREATE DATABASE " + name + "; USE " + name); !made)
        FAIL(made.error().diagnostic());
    return std::move(*db);
}

/// The PostgreSQL tables of `schema` on Citus, distributed as `distributed_schema_for` does:
/// by guid, the labels co-located; the id is not a key (a Citus key holds the guid).
inline std::string citus_schema() {
    std::string s = schema(listquery::sql::dialect::postgresql);
    for (std::size_t at; (at = s.find("CREATE TEMPORARY TABLE")) != std::string::npos;)
        s.replace(at, 22, "CREATE TABLE");
    s.replace(s.find("id bigint PRIMARY KEY"), 21, "id bigint NOT NULL");
    return s + "SELECT create_distributed_table('droplets', 'guid');\n"
               "SELECT create_distributed_table('droplet_labels', 'resource_guid', colocate_with => 'droplets');\n";
}

/// A connection to the coordinator of the test cluster that CTest starts (tests/sql/citus_cluster;
/// LISTQUERY_TEST_CITUS names another), in a new, empty schema of this process's own (the
/// `n`-th), so that tests may run at once; fails the test, never skips it, when there is none.
inline listquery::sql::postgresql::database citus(int n = 0) {
    char const* conninfo = std::getenv("LISTQUERY_TEST_CITUS");
    auto db = listquery::sql::postgresql::database::connect(conninfo ? conninfo : LISTQUERY_TEST_CITUS_DEFAULT);
    if (!db)
        FAIL(db.error().diagnostic() << ": run the SQL tests through ctest, which starts the Citus cluster, or start "
                                        "one with tests/sql/citus_cluster and set LISTQUERY_TEST_CITUS");
    std::string const name = "listquery_test_" + std::to_string(::getpid()) + "_" + std::to_string(n);
    if (auto made = db->execute("DROP SCHEMA IF EXISTS " + name + " CASCADE; CREATE SCHEMA " + name +
                                "; SET search_path TO " + name);
        !made)
        FAIL(made.error().diagnostic());
    return std::move(*db);
}

} // namespace sql_test
