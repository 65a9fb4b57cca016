// SPDX-License-Identifier: BSL-1.0
// PostgreSQL's statements on a Citus cluster (a coordinator and two workers, tests/sql/citus_cluster;
// docs/scaling.md): the distributed schema, the pipeline's differential test on 10,000 pairs, and
// the plan of every statement shape, read from EXPLAIN: where each part runs.
#include <listquery/sql/postgresql.hpp>

#include "keyset/endpoints.hpp"
#include "sql/schema.hpp"
#include "support/reference_pipeline.hpp"
#include "support/test_resources.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <catch2/catch.hpp>

#include <future>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace citus_test {

using test_model::droplet;
using namespace listquery::sql;
namespace json = boost::json;
constexpr auto& droplets = listquery::cf::droplets;

/// The shape of a distributed plan, from `EXPLAIN (FORMAT JSON)` with every task shown.
struct plan_shape {
    std::vector<std::string> coordinator; ///< node types from the root down to Citus' scan
    std::size_t tasks = 0;                ///< one per shard the statement reads
    std::set<std::string> workers;        ///< the nodes that run them
    std::set<std::string> task_tops;      ///< each task's top node type
    std::set<std::string> task_tables;    ///< what the tasks read (shard names without their number)
    std::string task_plans;               ///< every task's plan as JSON, for its conditions
    bool subplans = false;                ///< an intermediate result made first (recursive planning)
    bool repartition = false;             ///< rows sent between workers to join them
};

void tables_of(json::value const& v, std::set<std::string>& out) {
    if (auto const* o = v.if_object()) {
        if (auto const* r = o->if_contains("Relation Name")) {
            std::string name(r->as_string());
            out.insert(name.substr(0, name.find_last_not_of("0123456789")));
        }
        for (auto const& [key, child] : *o)
            tables_of(child, out);
    } else if (auto const* a = v.if_array()) {
        for (auto const& child : *a)
            tables_of(child, out);
    }
}

/// `s`'s plan on the cluster, with `parameters` bound.
plan_shape explain(postgresql::database& db, statement const& s) {
    auto const rows = db.text_rows("EXPLAIN (FORMAT JSON, COSTS OFF) " + s.text, s.parameters);
    REQUIRE(rows.has_value());
    REQUIRE(rows->size() == 1);
    json::value const plan = json::parse(*rows->at(0).at(0));
    plan_shape out;
    json::object const* node = &plan.at(0).at("Plan").as_object();
    while (node->at("Node Type").as_string() != "Custom Scan") {
        out.coordinator.emplace_back(node->at("Node Type").as_string());
        node = &node->at("Plans").at(0).as_object();
    }
    out.coordinator.emplace_back("Custom Scan");
    auto const& distributed = node->at("Distributed Query").as_object();
    out.subplans = distributed.contains("Subplans");
    auto const& job = distributed.at("Job").as_object();
    out.repartition = job.contains("Dependent Jobs");
    out.tasks = static_cast<std::size_t>(job.at("Task Count").as_int64());
    for (auto const& task : job.at("Tasks").as_array()) {
        std::string const where(task.at("Node").as_string());
        out.workers.insert(where.substr(where.rfind('/') + 1, where.find(' ') - where.rfind('/') - 1));
        json::value const& remote = task.at("Remote Plan").at(0).at(0).at("Plan");
        out.task_tops.emplace(remote.at("Node Type").as_string());
        tables_of(remote, out.task_tables);
        out.task_plans += json::serialize(remote);
    }
    return out;
}

/// A few thousand droplets with labels, on the cluster.
void fill(postgresql::database& db) {
    std::vector<droplet> all;
    for (std::uint32_t seed = 1; seed <= 200; ++seed) {
        std::mt19937 rng(seed);
        for (auto d : reference_pipeline::random_data(rng)) {
            d.id = static_cast<int>(all.size()) + 1;
            d.guid = "g" + std::to_string(d.id);
            all.push_back(d);
        }
    }
    REQUIRE(db.store_all(all, [](droplet const& d) { return stored_as{d.id, {}}; }));
    REQUIRE(db.execute("CREATE INDEX droplets_created_at_guid ON droplets (created_at NULLS FIRST, guid)"));
    REQUIRE(db.execute("CREATE INDEX droplet_labels_key ON droplet_labels (key_prefix, key_name, value, resource_guid)"));
    REQUIRE(db.execute("ANALYZE droplets, droplet_labels"));
}

std::vector<std::int64_t> ids(listquery::page_result<droplet> const& p) {
    std::vector<std::int64_t> out;
    for (auto const* d : p.resources)
        out.push_back(d->id);
    return out;
}

std::vector<std::int64_t> ids(page const& p) {
    std::vector<std::int64_t> out;
    for (auto const& r : p.rows)
        out.push_back(r.id);
    return out;
}

/// The pairs `first`, `first + step`, … up to 10,000 on `db`: the first that differs from
/// memory, described, if any; Catch2's assertions stay on the test's thread.
std::optional<std::string> differential(postgresql::database& db, std::uint32_t first, std::uint32_t step) {
    for (std::uint32_t seed = first; seed <= 10000; seed += step) {
        std::mt19937 rng(seed);
        auto const data = reference_pipeline::random_data(rng);
        std::string const text = reference_pipeline::random_query(rng);
        auto const q = listquery::parse_list_query<droplets>(text);
        std::ostringstream says;
        says << "seed " << seed << ": " << text << ": ";
        if (!q)
            return says.str() + "does not parse";
        auto const want = listquery::apply<droplets>(data, *q);
        // One transaction: on a cluster each one that writes to two workers commits in two phases.
        auto replaced = db.execute("BEGIN; DELETE FROM droplets; DELETE FROM droplet_labels");
        if (replaced)
            replaced = db.store_all(data, [](droplet const& d) { return stored_as{d.id, {}}; });
        if (replaced)
            replaced = db.execute("COMMIT");
        if (!replaced)
            return says.str() + replaced.error().diagnostic();
        options const o{seed % 2 ? count_strategy::separate : count_strategy::window};
        auto const got = db.run(compile<droplets, droplet>(*q, dialect::postgresql, o));
        if (!got)
            return says.str() + got.error().diagnostic();
        if (ids(*got) != ids(want) || got->total_results != want.total_results || got->total_pages != want.total_pages ||
            got->page_number != want.page || got->per_page != want.per_page) {
            says << "got " << ids(*got).size() << " rows of " << got->total_results << ", want " << ids(want).size()
                 << " of " << want.total_results;
            return says.str();
        }
    }
    return std::nullopt;
}

// The cases are in the namespace too: in a unity build, other files' names are visible here.

TEST_CASE("citus: distributed_schema_for distributes by guid, the labels co-located", "[sql][citus][schema]") {
    listquery::index_fields const wanted{{"created_at"}, {"states", "label_selector"}};
    auto const s = distributed_schema_for<droplet>(wanted).value();
    CHECK(s.tables.starts_with("CREATE TABLE droplets (\n"
                               "    id bigint NOT NULL,\n"
                               "    guid text COLLATE \"C\" NOT NULL UNIQUE,\n"));
    CHECK(s.tables.find("CREATE TABLE droplet_labels (\n    resource_guid text COLLATE \"C\" NOT NULL,\n") !=
          std::string::npos);
    CHECK(s.distribution == "SELECT create_distributed_table('droplets', 'guid');\n"
                            "SELECT truncate_local_data_after_distributing_table('droplets');\n"
                            "SELECT create_distributed_table('droplet_labels', 'resource_guid', colocate_with => 'droplets');\n"
                            "SELECT truncate_local_data_after_distributing_table('droplet_labels');\n");
    CHECK(s.indexes == "CREATE INDEX droplets_id ON droplets (id);\n"
                       "CREATE INDEX droplets_created_at_guid ON droplets (created_at NULLS FIRST, guid);\n"
                       "CREATE INDEX droplets_state ON droplets (state);\n"
                       "CREATE INDEX droplet_labels_key ON droplet_labels (key_prefix, key_name, value, resource_guid);\n"
                       "CREATE INDEX droplet_labels_resource_guid ON droplet_labels (resource_guid);\n");
    CHECK(s.statistics == "ANALYZE droplets;\nANALYZE droplet_labels;\n");
    CHECK(statements_of(s.statistics) == std::vector<std::string_view>{"ANALYZE droplets;", "ANALYZE droplet_labels;"});
    CHECK(statements_of("A;\nB") == std::vector<std::string_view>{"A;", "B"});
    CHECK(statements_of("").empty());
    // An ordinary schema distributes nothing.
    CHECK(schema_for<droplet>(dialect::postgresql, wanted).value().distribution.empty());

    // On the cluster: rows stored before the distribution move to the shards, on both workers.
    auto db = sql_test::citus();
    REQUIRE(db.execute(s.tables));
    std::vector<droplet> some;
    for (int i = 1; i <= 40; ++i)
        some.push_back(droplet{i, "g" + std::to_string(i), {}, {}, {}, {}, {{"env", "prod"}}});
    REQUIRE(db.store_all(some, [](droplet const& d) { return stored_as{d.id, {}}; }));
    // Each alone: Citus may refuse a CREATE INDEX or an ANALYZE that shares its query string.
    for (auto const& part : {s.distribution, s.indexes, s.statistics})
        for (auto const statement : statements_of(part))
            REQUIRE(db.execute(std::string(statement)));
    auto const placed = db.text_rows(
        "SELECT p.logicalrelid::regclass::text, column_to_column_name(p.logicalrelid, p.partkey), "
        "count(DISTINCT s.nodename), sum(s.shard_size) > 0, p.colocationid = (SELECT colocationid FROM pg_dist_partition "
        "WHERE logicalrelid = 'droplets'::regclass) FROM pg_dist_partition AS p JOIN citus_shards AS s ON s.table_name = "
        "p.logicalrelid WHERE p.logicalrelid IN ('droplets'::regclass, 'droplet_labels'::regclass) GROUP BY 1, 2, 5 ORDER BY 1",
        {});
    REQUIRE(placed.has_value());
    using cells = std::vector<std::optional<std::string>>;
    CHECK(*placed == std::vector<cells>{{"droplet_labels", "resource_guid", "2", "t", "t"}, {"droplets", "guid", "2", "t", "t"}});
    CHECK(db.scalar("SELECT count(*) FROM droplets AS t WHERE t.guid IN (SELECT l.resource_guid FROM droplet_labels AS l "
                    "WHERE l.key_name = 'env')",
                    {}) == 40);
    // What stayed on the coordinator's own table was removed.
    CHECK(db.scalar("SELECT count(*) FROM pg_class WHERE relname = 'droplets' AND relpages > 0", {}) == 0);
}

TEST_CASE("citus differential: memory = Citus on 10,000 pairs, by both counts", "[sql][citus][differential][citus_pairs]") {
    // Four connections at once, each in a schema of its own: a statement over the shards costs
    // about a millisecond, most of it waiting, so that one connection would take minutes.
    constexpr std::uint32_t connections = 4;
    std::vector<postgresql::database> dbs;
    for (std::uint32_t i = 0; i < connections; ++i) {
        dbs.push_back(sql_test::citus(static_cast<int>(i) + 1));
        REQUIRE(dbs.back().execute(sql_test::citus_schema()));
    }
    std::vector<std::future<std::optional<std::string>>> runs;
    for (std::uint32_t i = 0; i < connections; ++i)
        runs.push_back(std::async(std::launch::async, [&, i] { return differential(dbs[i], i + 1, connections); }));
    for (auto& r : runs)
        CHECK(r.get() == std::nullopt);
}

TEST_CASE("citus plans: every statement runs on the shards of both workers", "[sql][citus][explain]") {
    auto db = sql_test::citus();
    REQUIRE(db.execute(sql_test::citus_schema() + "SET citus.explain_all_tasks = on"));
    fill(db);
    auto const shards = db.scalar("SELECT count(*) FROM citus_shards WHERE table_name = 'droplets'::regclass", {});
    REQUIRE(shards.has_value());
    REQUIRE(*shards >= 2);
    auto const tasks = static_cast<std::size_t>(*shards);
    auto const query = [](std::string_view text) { return listquery::parse_list_query<droplets>(text).value(); };
    auto const page = [&](std::string_view text, options o = {}) {
        return explain(db, compile<droplets, droplet>(query(text), dialect::postgresql, o).page);
    };
    auto const count = [&](std::string_view text) {
        return explain(db, compile<droplets, droplet>(query(text), dialect::postgresql).count);
    };
    // Each part of a plan on the shards: every shard's task, on both workers, nothing made first
    // on the coordinator, no rows moved between workers.
    auto const on_the_shards = [&](plan_shape const& p) {
        CHECK(p.tasks == tasks);
        CHECK(p.workers == std::set<std::string>{"worker1", "worker2"});
        CHECK_FALSE(p.subplans);
        CHECK_FALSE(p.repartition);
    };
    using types = std::vector<std::string>;
    using names = std::set<std::string>;
    // Blocks, not SECTIONs: each SECTION would run the case again from the top, and fill again.
    {
        INFO("filters and an order: each shard sorts, limits and filters; the coordinator merges");
        auto const p = page("states=STAGED,FAILED&created_ats[gte]=2024-01-01T00:00:00Z&order_by=-created_at&page=3&per_page=5");
        on_the_shards(p);
        CHECK(p.coordinator == types{"Limit", "Sort", "Custom Scan"});
        CHECK(p.task_tops == names{"Limit"});
        CHECK(p.task_tables == names{"droplets"});
        CHECK(p.task_plans.find("state = ANY ('{STAGED,FAILED}'::text[])") != std::string::npos);
        CHECK(p.task_plans.find("created_at >= '2024-01-01 00:00:00'") != std::string::npos);
    }
    {
        INFO("label requirements that select (in, =, exists): joined with the labels on each shard");
        auto const p = page("label_selector=env%3Dprod,tier+in+(web,api),team");
        on_the_shards(p);
        CHECK(p.coordinator == types{"Limit", "Sort", "Custom Scan"});
        CHECK(p.task_tops == names{"Limit"});
        CHECK(p.task_tables == names{"droplets", "droplet_labels"});
        CHECK(p.task_plans.find("Semi") != std::string::npos);
    }
    {
        INFO("label requirements that exclude (notin, !=, !exists): NOT EXISTS on each shard");
        auto const p = page("label_selector=env!%3Dprod,!team,tier+notin+(web)");
        on_the_shards(p);
        CHECK(p.task_tops == names{"Limit"});
        CHECK(p.task_tables == names{"droplets", "droplet_labels"});
        CHECK(p.task_plans.find("Anti") != std::string::npos);
    }
    {
        INFO("the separate count: a count on each shard, their sum on the coordinator");
        auto const p = count("states=STAGED&label_selector=env%3Dprod");
        on_the_shards(p);
        CHECK(p.coordinator == types{"Aggregate", "Custom Scan"});
        CHECK(p.task_tops == names{"Aggregate"});
        CHECK(p.task_tables == names{"droplets", "droplet_labels"});
    }
    {
        INFO("the window count: every matching row goes to the coordinator, which counts and limits");
        auto const p = page("states=STAGED&order_by=created_at", {count_strategy::window});
        on_the_shards(p);
        CHECK(p.coordinator == types{"Limit", "Sort", "WindowAgg", "Custom Scan"});
        CHECK(p.task_tops.count("Limit") == 0);
    }
    {
        INFO("a guids filter: only the shards that hold those guids");
        auto const p = page("guids=g1");
        CHECK(p.tasks == 1); // a router query: the whole statement runs on one shard
        CHECK(p.coordinator == types{"Custom Scan"});
        CHECK(p.task_tops == names{"Limit"});
        auto const two = page("guids=g1,g2,g3,g4,g5,g6,g7,g8,g9");
        CHECK(two.tasks > 1); // the shards those guids hash to
        CHECK(two.coordinator == types{"Limit", "Sort", "Custom Scan"});
    }
    {
        INFO("no order: the id, on each shard");
        auto const p = page("per_page=3");
        on_the_shards(p);
        CHECK(p.coordinator == types{"Limit", "Sort", "Custom Scan"});
        CHECK(p.task_tops == names{"Limit"});
    }
    {
        INFO("a nested route's scope is one more condition on each shard");
        constexpr auto& nested = listquery::cf::app_droplets;
        auto const q = listquery::parse_list_query<droplets>("order_by=-created_at").value();
        auto const p = explain(db, compile<nested, droplet>(q, dialect::postgresql, {.scope = nested.within("a1")}).page);
        on_the_shards(p);
        CHECK(p.task_tops == names{"Limit"});
        CHECK(p.task_plans.find("app_guid = 'a1'") != std::string::npos);
    }
    {
        INFO("keyset: the cursor's range and the other side's probe, on each shard");
        constexpr auto& keyset_droplets = keyset_test::droplets;
        auto const q = listquery::parse_list_query<keyset_droplets>("order_by=-created_at&per_page=2").value();
        auto const c = compile_keyset<keyset_droplets, droplet>(q, dialect::postgresql,
                                                                listquery::keyset_cursor{false, false, std::int64_t{5}, "g7"});
        auto const p = explain(db, c.page.at(0));
        on_the_shards(p);
        CHECK(p.coordinator == types{"Limit", "Sort", "Custom Scan"});
        CHECK(p.task_tops == names{"Limit"});
        // One range of each shard's (created_at, guid) index.
        CHECK(p.task_plans.find("\"Index Cond\":\"(ROW(created_at, guid) < ROW('1970-01-01 00:00:00.000005'") !=
              std::string::npos);
        CHECK(p.task_plans.find("\"Index Name\":\"droplets_created_at_guid_") != std::string::npos);
        auto const probe = explain(db, c.other_side.at(0));
        on_the_shards(probe);
        CHECK(probe.task_tops == names{"Limit"});
    }
}

} // namespace citus_test
