// SPDX-License-Identifier: BSL-1.0
#pragma once

// The SQL compiler (docs/sql.md): a table mapping per resource type, a validated query compiled
// to parameterized SQL for SQLite or PostgreSQL, and what storing resources takes. It depends on
// no database; the executors are separate: <listquery/sql/sqlite.hpp> (target
// listquery::sqlite) and <listquery/sql/postgresql.hpp> (target listquery::postgresql).
#include <listquery/listquery.hpp>

#include <listquery/sql/compile.hpp>
#include <listquery/sql/keyset.hpp>
#include <listquery/sql/page.hpp>
#include <listquery/sql/reconnecting.hpp>
#include <listquery/sql/schema.hpp>
#include <listquery/sql/statement.hpp>
#include <listquery/sql/store.hpp>
#include <listquery/sql/table.hpp>
#include <listquery/sql/table_store.hpp>
#include <listquery/sql/timeouts.hpp>
