// SPDX-License-Identifier: BSL-1.0
// The SQL engines over 10^6 droplets with labels, in the example's reference schema: the import,
// and each pipeline query of bench_pipeline.cpp run through listquery's compiled SQL beside a
// hand-written statement pair for the same query on the same database. SQLite is a file (which
// tools/run bench then queries through the CLI); PostgreSQL is the cluster LISTQUERY_BENCH_POSTGRES
// names, MariaDB the server LISTQUERY_BENCH_MARIADB names and Citus the coordinator
// LISTQUERY_BENCH_CITUS names (tools/run bench starts all three: docs/scaling.md#measured); their
// benchmarks are skipped without them.
#include "cf_api/sql.hpp"
#include "support/droplet_dataset.hpp"

#include <listquery/keyset.hpp>
#include <listquery/sql/mariadb.hpp>
#include <listquery/sql/postgresql.hpp>
#include <listquery/sql/sqlite.hpp>

#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace bench_sql {

using namespace droplet_dataset;
namespace sql = listquery::sql;
constexpr std::size_t rows = 1'000'000;

[[noreturn]] void fail(std::string const& what) {
    std::fprintf(stderr, "bench_sql: %s\n", what.c_str());
    std::abort();
}

template <class T>
T ok(listquery::result<T> r, char const* what) {
    if (!r)
        fail(std::string(what) + ": " + r.error().diagnostic());
    if constexpr (!std::is_void_v<T>)
        return std::move(*r);
}

std::string out_dir() {
    char const* dir = std::getenv("LISTQUERY_BENCH_OUT");
    return dir ? dir : "/tmp";
}

/// One query of docs/benchmarks.md, and the statements a person would write for it on the
/// reference schema: `{desc}`/`{asc}` become the NULLS clause that matches the (column NULLS
/// FIRST, guid) indexes on PostgreSQL (SQLite needs none), `?` the dialect's placeholder.
struct sql_case {
    char const* name;
    char const* query;
    char const* where; // shared by the page and the count
    char const* order;
    char const* limit;
};

sql_case const cases[] = {
    {"page1_desc_created_at", "order_by=-created_at&per_page=50", "", "created_at{desc}, guid DESC", "LIMIT 50"},
    {"page1_asc_created_at", "order_by=created_at&per_page=50", "", "created_at{asc}, guid", "LIMIT 50"},
    {"page1_desc_updated_at", "order_by=-updated_at&per_page=50", "", "updated_at{desc}, guid DESC", "LIMIT 50"},
    {"page1_asc_updated_at", "order_by=updated_at&per_page=50", "", "updated_at{asc}, guid", "LIMIT 50"},
    {"selective_filter", "states=EXPIRED&app_guids=app-7&order_by=-created_at&per_page=50",
     " WHERE state = 'EXPIRED' AND app_guid = 'app-7'", "created_at{desc}, guid DESC", "LIMIT 50"},
    {"unselective_filter", "states=STAGED,FAILED,COPYING&order_by=-created_at&per_page=50",
     " WHERE state IN ('STAGED', 'FAILED', 'COPYING')", "created_at{desc}, guid DESC", "LIMIT 50"},
    {"label_selector", "label_selector=env%3Dprod,team+in+(t1,t2)&order_by=-created_at&per_page=50",
     " WHERE guid IN (SELECT resource_guid FROM droplet_labels WHERE key_prefix = '' AND key_name = 'env' AND "
     "value = 'prod') AND guid IN (SELECT resource_guid FROM droplet_labels WHERE key_prefix = '' AND "
     "key_name = 'team' AND value IN ('t1', 't2'))",
     "created_at{desc}, guid DESC", "LIMIT 50"},
    {"deep_page", "states=STAGED,FAILED&order_by=updated_at&per_page=100&page=500",
     " WHERE state IN ('STAGED', 'FAILED')", "updated_at{asc}, guid", "LIMIT 100 OFFSET 49900"},
    {"container_order_selector", "label_selector=env%3Dprod,team+in+(t1,t2)&per_page=50",
     " WHERE guid IN (SELECT resource_guid FROM droplet_labels WHERE key_prefix = '' AND key_name = 'env' AND "
     "value = 'prod') AND guid IN (SELECT resource_guid FROM droplet_labels WHERE key_prefix = '' AND "
     "key_name = 'team' AND value IN ('t1', 't2'))",
     "id", "LIMIT 50"},
};

std::string replace_all(std::string s, std::string const& from, std::string const& to) {
    for (std::size_t at = 0; (at = s.find(from, at)) != std::string::npos; at += to.size())
        s.replace(at, from.size(), to);
    return s;
}

/// The hand-written page and count statements of `c`.
std::pair<std::string, std::string> hand_written(sql_case const& c, sql::dialect d) {
    bool const pg = d == sql::dialect::postgresql;
    std::string order = replace_all(replace_all(c.order, "{desc}", pg ? " DESC NULLS LAST" : " DESC"), "{asc}",
                                    pg ? " NULLS FIRST" : "");
    return {std::string("SELECT id, resource FROM droplets") + c.where + " ORDER BY " + order + " " + c.limit,
            std::string("SELECT count(*) FROM droplets") + c.where};
}

/// Stores the 10^6 droplets in `db` (tables, rows, then indexes and statistics; `distributed`:
/// on Citus, the rows distributed before the indexes); also writes them as a data file for the
/// CLI when `json` is given.
template <class Database>
void import(Database& db, sql::dialect d, std::ofstream* json, bool distributed = false) {
    auto const& data = dataset(rows);
    auto const schema = cf_api::schema(d, distributed ? cf_api::tables::distributed : cf_api::tables::ordinary);
    ok(db.execute(schema.tables), "create the tables");
    ok(db.execute("BEGIN"), "begin");
    if (json)
        *json << "{\"droplets\":[";
    constexpr std::size_t chunk = 10000;
    std::vector<std::string> documents;
    for (std::size_t first = 0; first < data.size(); first += chunk) {
        std::size_t const last = std::min(data.size(), first + chunk);
        documents.clear();
        for (std::size_t i = first; i < last; ++i) {
            documents.push_back(document(data[i]));
            if (json)
                *json << (i ? "," : "") << documents.back();
        }
        std::span<droplet const> const part(data.data() + first, last - first);
        ok(db.store_all(part,
                        [&](droplet const& r) {
                            auto const i = static_cast<std::size_t>(&r - data.data());
                            return sql::stored_as{static_cast<std::int64_t>(i + 1), documents[i - first]};
                        }),
           "store");
    }
    if (json)
        *json << "]}\n";
    ok(db.execute("COMMIT"), "commit");
    ok(cf_api::execute_each(db, schema.distribution), "distribute");
    ok(cf_api::execute_each(db, schema.indexes), "create the indexes");
    // PostgreSQL: VACUUM too, so that the first queries measured do not pay for setting the new
    // rows' visibility (hint bits), which every later query finds done.
    // Citus vacuums a distributed table's shards only when named, one statement each.
    if (distributed)
        for (auto const& table : cf_api::table_names())
            ok(db.execute("VACUUM ANALYZE " + table), "analyze");
    else
        ok(db.execute(d == sql::dialect::postgresql ? "VACUUM ANALYZE" : schema.statistics), "analyze");
}

struct engine {
    char const* name;
    sql::dialect dialect;
    std::unique_ptr<sql::sqlite::database> sqlite;
    std::unique_ptr<sql::postgresql::database> postgresql;
    std::unique_ptr<sql::mariadb::database> mariadb;
    double import_seconds = 0;
    std::string where; // the database file, or the connection string
};

/// Another connection to `e`'s database, which has run nothing yet: a session that imported
/// 10^6 rows, or read half a million for a deep offset page, may run later statements slower.
engine another_connection(engine const& e) {
    engine out{e.name, e.dialect, {}, {}, {}, 0, e.where};
    if (e.sqlite)
        out.sqlite = std::make_unique<sql::sqlite::database>(ok(sql::sqlite::database::open(e.where), "open"));
    else if (e.postgresql)
        out.postgresql = std::make_unique<sql::postgresql::database>(ok(sql::postgresql::database::connect(e.where), "connect"));
    else
        out.mariadb = std::make_unique<sql::mariadb::database>(ok(sql::mariadb::database::connect(e.where), "connect"));
    return out;
}

/// The tables the import makes, dropped first.
std::string drop_tables() {
    std::string drop;
    for (auto const& table : cf_api::table_names())
        (drop += drop.empty() ? "DROP TABLE IF EXISTS " : ", ") += table;
    return drop;
}

/// The engine's database, imported on first use (the import benchmark reports how long it took).
engine& sqlite_engine() {
    static engine e = [] {
        engine out{"sqlite", sql::dialect::sqlite, {}, {}, {}, 0, {}};
        std::string const path = out_dir() + "/droplets.sqlite";
        std::remove(path.c_str());
        out.sqlite = std::make_unique<sql::sqlite::database>(ok(sql::sqlite::database::open(path), "open"));
        out.where = path;
        std::ofstream json(out_dir() + "/droplets.json", std::ios::binary);
        auto const start = std::chrono::steady_clock::now();
        import(*out.sqlite, out.dialect, &json);
        out.import_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        return out;
    }();
    return e;
}

/// PostgreSQL's database at the connection string `variable` names, imported on first use
/// (`distributed`: on Citus); none without it.
std::unique_ptr<engine> postgresql_import(char const* name, char const* variable, bool distributed) {
    char const* conninfo = std::getenv(variable);
    if (!conninfo)
        return nullptr;
    auto out = std::make_unique<engine>(engine{name, sql::dialect::postgresql, {}, {}, {}, 0, conninfo});
    out->postgresql = std::make_unique<sql::postgresql::database>(ok(sql::postgresql::database::connect(conninfo), "connect"));
    ok(out->postgresql->execute(drop_tables()), "drop");
    auto const start = std::chrono::steady_clock::now();
    import(*out->postgresql, out->dialect, nullptr, distributed);
    out->import_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return out;
}

engine* postgresql_engine() {
    static auto const e = postgresql_import("postgresql", "LISTQUERY_BENCH_POSTGRES", false);
    return e.get();
}

/// A coordinator and two workers on this machine, 32 shards per table (Citus' default).
engine* citus_engine() {
    static auto const e = postgresql_import("citus", "LISTQUERY_BENCH_CITUS", true);
    return e.get();
}

engine* mariadb_engine() {
    static std::unique_ptr<engine> e = []() -> std::unique_ptr<engine> {
        char const* url = std::getenv("LISTQUERY_BENCH_MARIADB");
        if (!url)
            return nullptr;
        auto out = std::make_unique<engine>(engine{"mariadb", sql::dialect::mariadb, {}, {}, {}, 0, url});
        out->mariadb = std::make_unique<sql::mariadb::database>(ok(sql::mariadb::database::connect(url), "connect"));
        ok(out->mariadb->execute(drop_tables()), "drop");
        auto const start = std::chrono::steady_clock::now();
        import(*out->mariadb, out->dialect, nullptr);
        out->import_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        return out;
    }();
    return e.get();
}

/// Runs a hand-written statement pair; returns the page's ids and the total.
template <class Database>
std::pair<std::vector<std::int64_t>, std::int64_t> run_hand_written(Database& db, std::pair<std::string, std::string> const& s) {
    std::vector<std::int64_t> ids;
    if constexpr (std::is_same_v<Database, sql::sqlite::database>)
        ok(db.query(s.first, {}, [&](sqlite3_stmt* r) { ids.push_back(sqlite3_column_int64(r, 0)); }), "page");
    else if constexpr (std::is_same_v<Database, sql::mariadb::database>)
        for (auto const& cells : ok(db.text_rows(s.first, {}), "page"))
            ids.push_back(std::strtoll(cells.at(0).value_or("").c_str(), nullptr, 10));
    else
        ok(db.query(s.first, {}, [&](PGresult* r) {
               for (int i = 0; i < PQntuples(r); ++i)
                   ids.push_back(std::strtoll(PQgetvalue(r, i, 0), nullptr, 10));
           }),
           "page");
    return {ids, ok(db.scalar(s.second, {}), "count")};
}

template <class F>
decltype(auto) with_database(engine& e, F&& f) {
    if (e.sqlite)
        return f(*e.sqlite);
    if (e.postgresql)
        return f(*e.postgresql);
    return f(*e.mariadb);
}

/// The query plans of listquery's statements, for docs/benchmarks.md.
void write_plans(engine& e) {
    std::ofstream out(out_dir() + "/plans-" + e.name + ".txt");
    for (auto const& c : cases) {
        auto const q = parse(c.query);
        auto const compiled = sql::compile<E, droplet>(q, e.dialect);
        for (auto const* s : {&compiled.page, &compiled.count}) {
            out << "-- " << c.name << "\n" << s->text << "\n";
            with_database(e, [&](auto& db) {
                using Database = std::remove_cvref_t<decltype(db)>;
                if constexpr (std::is_same_v<Database, sql::sqlite::database>)
                    ok(db.query("EXPLAIN QUERY PLAN " + s->text, s->parameters,
                                [&](sqlite3_stmt* r) { out << reinterpret_cast<char const*>(sqlite3_column_text(r, 3)) << "\n"; }),
                       "explain");
                else if constexpr (std::is_same_v<Database, sql::mariadb::database>) {
                    out << "id\tselect_type\ttable\ttype\tpossible_keys\tkey\tkey_len\tref\trows\tExtra\n";
                    for (auto const& cells : ok(db.text_rows("EXPLAIN " + s->text, s->parameters), "explain")) {
                        for (std::size_t i = 0; i < cells.size(); ++i)
                            out << (i ? "\t" : "") << cells[i].value_or("NULL");
                        out << "\n";
                    }
                } else
                    ok(db.query("EXPLAIN " + s->text, s->parameters,
                                [&](PGresult* r) {
                                    for (int i = 0; i < PQntuples(r); ++i)
                                        out << PQgetvalue(r, i, 0) << "\n";
                                }),
                       "explain");
            });
        }
    }
}

constexpr char const* not_set =
    "the engine's database is not named (LISTQUERY_BENCH_POSTGRES, LISTQUERY_BENCH_MARIADB, LISTQUERY_BENCH_CITUS)";

void bench_import(benchmark::State& state, engine* (*get)()) {
    for (auto _ : state) {
        engine* e = get();
        if (!e) {
            state.SkipWithError(not_set);
            return;
        }
        state.SetIterationTime(e->import_seconds);
        write_plans(*e);
    }
    state.counters["rows_per_s"] = static_cast<double>(rows) / get()->import_seconds;
}

void bench_listquery(benchmark::State& state, engine* (*get)(), sql_case const* c) {
    engine* e = get();
    if (!e) {
        state.SkipWithError(not_set);
        return;
    }
    auto const q = parse(c->query);
    // Same page and total as the hand-written statements, or the comparison means nothing.
    auto const want = with_database(*e, [&](auto& db) { return run_hand_written(db, hand_written(*c, e->dialect)); });
    auto const got = with_database(*e, [&](auto& db) { return ok(db.run(sql::compile<E, droplet>(q, e->dialect)), "run"); });
    std::vector<std::int64_t> ids;
    for (auto const& r : got.rows)
        ids.push_back(r.id);
    if (ids != want.first || got.total_results != static_cast<std::uint64_t>(want.second))
        fail(std::string("listquery and the hand-written SQL disagree on ") + c->name);
    for (auto _ : state) // compiled per request, as a server does
        benchmark::DoNotOptimize(with_database(*e, [&](auto& db) { return db.run(sql::compile<E, droplet>(q, e->dialect)); }));
}

void bench_hand_written(benchmark::State& state, engine* (*get)(), sql_case const* c) {
    engine* e = get();
    if (!e) {
        state.SkipWithError(not_set);
        return;
    }
    auto const statements = hand_written(*c, e->dialect);
    for (auto _ : state)
        benchmark::DoNotOptimize(with_database(*e, [&](auto& db) { return run_hand_written(db, statements); }));
}

/// Page 1 and page 10,000 (offset 499,950) of one order, by offset and by keyset: the depth
/// costs OFFSET rows by offset, nothing by keyset (docs/keyset.md). Keyset page 2 is the first
/// read from a cursor, so that 10,000 against 2 compares like with like.
constexpr char const* depth_query = "order_by=-created_at&per_page=50&page=";

listquery::list_query at_page(std::uint64_t page) { return parse(depth_query + std::to_string(page)); }

void bench_offset_depth(benchmark::State& state, engine* (*get)(), std::uint64_t page) {
    engine* e = get();
    if (!e) {
        state.SkipWithError(not_set);
        return;
    }
    auto const q = at_page(page);
    engine measured = another_connection(*e); // as the keyset pages are
    for (auto _ : state)
        benchmark::DoNotOptimize(with_database(measured, [&](auto& db) { return db.run(sql::compile<E, droplet>(q, e->dialect)); }));
}

/// Keyset page `page`: whole, with its count, or (`statements_only`) only the statements that
/// depend on the cursor, i.e. all but the count, which is the same statement at every depth.
void bench_keyset_depth(benchmark::State& state, engine* (*get)(), std::uint64_t page, bool statements_only) {
    engine* e = get();
    if (!e) {
        state.SkipWithError(not_set);
        return;
    }
    auto const q = at_page(1);
    // The cursor a client following `next` holds on reaching `page`: the previous page's last row.
    std::optional<listquery::keyset_cursor> cursor;
    if (page > 1)
        cursor = with_database(*e, [&](auto& db) {
                     return ok(sql::run_keyset(db, sql::compile_keyset<E, droplet>(at_page(page - 1), e->dialect, std::nullopt)),
                               "keyset");
                 }).next;
    // Checked once per engine and page: Google Benchmark calls this function for each trial and
    // repetition, and the offset page's long read should precede only the first.
    static std::set<std::pair<engine*, std::uint64_t>> checked;
    if (checked.insert({e, page}).second) {
        auto const by_offset = with_database(*e, [&](auto& db) { return ok(db.run(sql::compile<E, droplet>(at_page(page), e->dialect)), "run"); });
        auto const by_keyset = with_database(*e, [&](auto& db) {
            return ok(sql::run_keyset(db, sql::compile_keyset<E, droplet>(q, e->dialect, cursor)), "keyset");
        });
        if (by_keyset.rows.rows != by_offset.rows || by_keyset.rows.total_results != by_offset.total_results)
            fail("the keyset page and the offset page differ at page " + std::to_string(page));
    }
    engine measured = another_connection(*e);
    auto const run = [&] {
        return with_database(measured, [&](auto& db) { // compiled per request, as a server does
            auto const c = sql::compile_keyset<E, droplet>(q, e->dialect, cursor);
            if (!statements_only)
                return ok(sql::run_keyset(db, c), "keyset").rows.rows.size();
            std::size_t read = 0;
            for (auto const* part : {&c.page, &c.other_side})
                for (auto const& s : *part)
                    read += ok(db.text_rows(s.text, s.parameters), "keyset statement").size();
            return read;
        });
    };
    for (auto _ : state)
        benchmark::DoNotOptimize(run());
}

/// A nested route's page, `/v3/apps/app-7/droplets?order_by=-created_at`: the scope is one more
/// condition (docs/scaling.md#measured compares it on PostgreSQL and Citus).
void bench_scoped(benchmark::State& state, engine* (*get)()) {
    engine* e = get();
    if (!e) {
        state.SkipWithError(not_set);
        return;
    }
    constexpr auto& nested = listquery::cf::app_droplets;
    auto const q = ok(listquery::parse_list_query<nested>("order_by=-created_at&per_page=50"), "parse");
    auto const compile = [&] { return sql::compile<nested, droplet>(q, e->dialect, {.scope = nested.within("app-7")}); };
    auto const c = compile();
    auto const want = with_database(*e, [&](auto& db) { return ok(db.scalar("SELECT count(*) FROM droplets WHERE app_guid = 'app-7'", {}), "count"); });
    if (with_database(*e, [&](auto& db) { return ok(db.run(c), "run"); }).total_results != static_cast<std::uint64_t>(want))
        fail("the scoped page's total is not the app's droplets");
    for (auto _ : state)
        benchmark::DoNotOptimize(with_database(*e, [&](auto& db) { return db.run(compile()); }));
}

engine* get_sqlite() { return &sqlite_engine(); }

int const registered = [] {
    for (auto get : {&get_sqlite, &postgresql_engine, &mariadb_engine, &citus_engine}) {
        std::string const name = get == &get_sqlite          ? "sqlite"
                                 : get == &postgresql_engine ? "postgresql"
                                 : get == &mariadb_engine    ? "mariadb"
                                                             : "citus";
        benchmark::RegisterBenchmark(("sql_import/" + name).c_str(), bench_import, get)
            ->UseManualTime()
            ->Iterations(1)
            ->Repetitions(1)
            ->Unit(benchmark::kMillisecond);
        for (auto const& c : cases) {
            benchmark::RegisterBenchmark(("sql/" + name + "/" + c.name + "/listquery").c_str(), bench_listquery, get, &c)
                ->Unit(benchmark::kMicrosecond);
            benchmark::RegisterBenchmark(("sql/" + name + "/" + c.name + "/hand_written").c_str(), bench_hand_written, get, &c)
                ->Unit(benchmark::kMicrosecond);
        }
        // Keyset first, so that the offset pages' long reads do not precede its measurements.
        for (bool statements_only : {false, true})
            for (std::uint64_t page : {1, 2, 10000})
                benchmark::RegisterBenchmark(
                    ("sql_depth/" + name + (statements_only ? "/keyset_statements/" : "/keyset/") + std::to_string(page)).c_str(),
                    bench_keyset_depth, get, page, statements_only)
                    ->Unit(benchmark::kMicrosecond);
        for (std::uint64_t page : {1, 10000})
            benchmark::RegisterBenchmark(("sql_depth/" + name + "/offset/" + std::to_string(page)).c_str(),
                                         bench_offset_depth, get, page)
                ->Unit(benchmark::kMicrosecond);
        if (get == &postgresql_engine || get == &citus_engine)
            benchmark::RegisterBenchmark(("sql_scoped/" + name + "/app_page").c_str(), bench_scoped, get)
                ->Unit(benchmark::kMicrosecond);
    }
    return 0;
}();

} // namespace bench_sql
