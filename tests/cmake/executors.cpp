// SPDX-License-Identifier: BSL-1.0
// Every installed executor target gives its header and library: this only has to build and link.
#include <listquery/sql/mariadb.hpp>
#include <listquery/sql/postgresql.hpp>
#include <listquery/sql/sqlite.hpp>

int main() {
    auto const url = listquery::sql::mariadb::parse_url("mariadb://root@localhost/listquery?socket=/nonexistent");
    auto const lite = listquery::sql::sqlite::database::open(":memory:");
    return url.has_value() && lite.has_value() ? 0 : 1;
}
