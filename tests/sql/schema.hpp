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

} // namespace sql_test
