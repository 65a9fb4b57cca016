// SPDX-License-Identifier: BSL-1.0
// The tables of the SQL tests: test_model::droplet as its mapping stores it.
#pragma once

#include <listquery/sql/postgresql.hpp>
#include <listquery/sql/statement.hpp>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>
#include <utility>

namespace sql_test {

inline std::string schema(listquery::sql::dialect d) {
    bool const pg = d == listquery::sql::dialect::postgresql;
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

} // namespace sql_test
