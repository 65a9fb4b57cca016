// SPDX-License-Identifier: BSL-1.0
// Every dialect's rules, and the one place a run-time dialect is looked at (docs/sql.md#dialects).
#pragma once

#include <listquery/sql/dialect_rules.hpp>
#include <listquery/sql/dialects/mariadb.hpp>
#include <listquery/sql/dialects/postgresql.hpp>
#include <listquery/sql/dialects/sqlite.hpp>

namespace listquery::sql {

/// `f(dialect_rules<d>{})`: the one place a run-time dialect is looked at.
template <class F>
decltype(auto) with_rules(dialect d, F&& f) {
    switch (d) { // -Wswitch names a dialect without its case
    case dialect::sqlite: return f(dialect_rules<dialect::sqlite>{});
    case dialect::postgresql: return f(dialect_rules<dialect::postgresql>{});
    case dialect::mariadb: return f(dialect_rules<dialect::mariadb>{});
    }
    return f(dialect_rules<dialect::sqlite>{}); // not a dialect: never reached from valid code
}

} // namespace listquery::sql
