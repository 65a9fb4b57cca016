// SPDX-License-Identifier: BSL-1.0
// One store interface: memory, SQLite, PostgreSQL and MariaDB answer respond() with the same bytes, by
// number and by token, within scopes; the schema is derived from the declaration; a store's
// failure is its Cloud Foundry error.
#include <listquery/json.hpp>
#include <listquery/keyset/hmac_sha256.hpp>
#include <listquery/sql/mariadb.hpp>
#include <listquery/sql/postgresql.hpp>
#include <listquery/sql/sqlite.hpp>

#include "sql/schema.hpp"
#include "support/reference_pipeline.hpp"
#include "support/test_resources.hpp"

#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include <string>
#include <vector>

namespace sql_stores {

using test_model::droplet;
using namespace listquery::sql;

/// test_model::droplet with each resource's JSON text in a document column.
inline constexpr table_mapping documented = [] {
    table_mapping m = table_v<droplet>;
    m.document = "resource";
    return m;
}();

std::string json_of(droplet const& d) {
    boost::json::object o{{"guid", d.guid}, {"id", d.id}};
    if (d.state)
        o["state"] = *d.state;
    return boost::json::serialize(o);
}

std::string_view render(droplet const& d, std::string& out) {
    out = json_of(d);
    return out;
}

listquery::index_fields const wanted{{"created_at", "updated_at"}, {"guids", "states", "app_guids", "label_selector"}};

template <class Database>
void load(Database& db, std::vector<droplet> const& data) {
    auto const schema = schema_for<droplet, documented>(Database::sql_dialect, wanted, true).value();
    REQUIRE(db.execute(schema.tables));
    std::vector<std::string> documents;
    for (auto const& d : data)
        documents.push_back(json_of(d));
    REQUIRE(db.template store_all<documented>(data, [&](droplet const& d) {
        return stored_as{d.id, documents[static_cast<std::size_t>(d.id)]};
    }));
    REQUIRE(db.execute(schema.indexes));
}

constexpr auto& top_endpoint = listquery::cf::droplets;
constexpr auto& app_endpoint = listquery::cf::app_droplets;

inline constexpr listquery::endpoint keyset_droplets = [] {
    listquery::endpoint e = listquery::cf::droplets;
    e.keyset_paging = true;
    return e;
}();

} // namespace sql_stores

using namespace sql_stores;

TEST_CASE("sql schema: the DDL derived from the declaration and the mapping", "[sql][schema]") {
    auto const lite = schema_for<droplet, documented>(dialect::sqlite, wanted).value();
    CHECK(lite.tables == "CREATE TABLE droplets (\n"
                         "    id INTEGER PRIMARY KEY,\n"
                         "    guid TEXT NOT NULL UNIQUE,\n"
                         "    created_at INTEGER,\n"
                         "    updated_at INTEGER,\n"
                         "    app_guid TEXT,\n"
                         "    state TEXT,\n"
                         "    resource TEXT NOT NULL\n"
                         ");\n"
                         "CREATE TABLE droplet_labels (\n"
                         "    resource_guid TEXT NOT NULL,\n"
                         "    key_prefix TEXT NOT NULL,\n"
                         "    key_name TEXT NOT NULL,\n"
                         "    value TEXT\n"
                         ");\n");
    CHECK(lite.indexes == "CREATE INDEX droplets_created_at_guid ON droplets (created_at, guid);\n"
                          "CREATE INDEX droplets_updated_at_guid ON droplets (updated_at, guid);\n"
                          "CREATE INDEX droplets_state ON droplets (state);\n"
                          "CREATE INDEX droplets_app_guid ON droplets (app_guid);\n"
                          "CREATE INDEX droplet_labels_key ON droplet_labels (key_prefix, key_name, value, resource_guid);\n"
                          "CREATE INDEX droplet_labels_resource_guid ON droplet_labels (resource_guid);\n");
    auto const pg = schema_for<droplet, documented>(dialect::postgresql, wanted, true).value();
    CHECK(pg.tables.starts_with("CREATE TEMPORARY TABLE droplets (\n"
                                "    id bigint PRIMARY KEY,\n"
                                "    guid text COLLATE \"C\" NOT NULL UNIQUE,\n"
                                "    created_at timestamp(6),\n"));
    CHECK(pg.tables.find("    resource text NOT NULL\n") != std::string::npos);
    CHECK(pg.indexes.starts_with("CREATE INDEX droplets_created_at_guid ON droplets (created_at NULLS FIRST, guid);\n"));
    auto const maria = schema_for<droplet, documented>(dialect::mariadb, wanted).value();
    std::string const text = "VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin";
    CHECK(maria.tables == "CREATE TABLE droplets (\n"
                          "    id BIGINT PRIMARY KEY,\n"
                          "    guid " + text + " NOT NULL UNIQUE,\n"
                          "    created_at BIGINT,\n"
                          "    updated_at BIGINT,\n"
                          "    app_guid " + text + ",\n"
                          "    state " + text + ",\n"
                          "    resource LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL\n"
                          ");\n"
                          "CREATE TABLE droplet_labels (\n"
                          "    resource_guid " + text + " NOT NULL,\n"
                          "    key_prefix VARCHAR(253) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,\n"
                          "    key_name VARCHAR(63) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL,\n"
                          "    value VARCHAR(63) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin\n"
                          ");\n");
    CHECK(maria.indexes == lite.indexes); // NULLs first natively, as SQLite
    // A name the resource does not declare, or the mapping does not map.
    auto const unknown = schema_for<droplet, documented>(dialect::sqlite, {{"size"}, {}});
    REQUIRE(!unknown);
    CHECK(unknown.error().errors.at(0).code == listquery::error::unknown_field);
    CHECK(unknown.error().diagnostic() == "listquery::sql::schema_for: no sortable, mapped field 'size'");
    CHECK(!schema_for<droplet, documented>(dialect::sqlite, {{}, {"types"}}));
}

TEST_CASE("stores: memory = SQLite = PostgreSQL = MariaDB through respond, by number, by token, within scopes",
          "[sql][stores][postgresql][mariadb]") {
    listquery::hmac_sha256_signer const signer("stores test key, at least 16 bytes");
    listquery::token_keys const keys{&signer, {}};
    int lists = 0;
    for (std::uint32_t seed = 1; seed <= 150; ++seed) {
        std::mt19937 rng(seed);
        auto const data = reference_pipeline::random_data(rng);
        auto lite = sqlite::database::open(":memory:").value();
        auto pg = sql_test::postgres(); // a new session: its temporary tables are its own
        load(lite, data);
        load(pg, data);
        auto maria = sql_test::mariadb();
        load(maria, data);
        auto const index = listquery::resource_index<droplet>::make(data, wanted).value();
        listquery::memory_store<droplet> const memory(data, render), indexed(data, render, &index);
        table_store<droplet, sqlite::database, documented> from_lite(lite);
        table_store<droplet, postgresql::database, documented> from_pg(pg, {.count = count_strategy::window});
        table_store<droplet, mariadb::database, documented> from_maria(maria, {.count = count_strategy::window});
        for (int i = 0; i < 8; ++i) {
            std::string const query = reference_pipeline::random_query(rng);
            bool const scoped = i % 3 == 0, keyed = i % 2 == 0;
            listquery::respond_options o;
            if (scoped)
                o.scope = app_endpoint.within(i % 2 ? "a1" : "a2");
            if (keyed)
                o.keys = &keys;
            std::string const target = (scoped ? "/v3/apps/a/droplets?" : "/v3/droplets?") + query;
            INFO("seed " << seed << ": " << target);
            auto const answer = [&](auto& store) {
                return scoped ? listquery::respond<app_endpoint>(target, store, o) : listquery::respond<top_endpoint>(target, store, o);
            };
            auto const want = answer(memory);
            CHECK(answer(indexed).body() == want.body());
            CHECK(answer(from_lite).body() == want.body());
            CHECK(answer(from_pg).body() == want.body());
            CHECK(answer(from_pg).link == want.link);
            CHECK(answer(from_maria).body() == want.body());
            lists += want.status == 200;
            // Follow one next link by token: the same page from each store.
            if (keyed && want.status == 200) {
                auto const next = boost::json::parse(want.body()).at("pagination").at("next");
                if (!next.is_null()) {
                    std::string const href(next.at("href").as_string());
                    auto const follow = [&](auto& store) {
                        return scoped ? listquery::respond<app_endpoint>(href, store, o) : listquery::respond<top_endpoint>(href, store, o);
                    };
                    auto const second = follow(memory);
                    CHECK(second.status == 200);
                    CHECK(follow(from_lite).body() == second.body());
                    CHECK(follow(from_pg).body() == second.body());
                    CHECK(follow(from_maria).body() == second.body());
                }
            }
        }
    }
    CHECK(lists > 400); // the nested route refuses app_guids; the rest are lists
}

TEST_CASE("stores: a store's failure is its Cloud Foundry error, the database's words kept for a log",
          "[sql][stores]") {
    auto db = sqlite::database::open(":memory:").value(); // no tables
    table_store<droplet, sqlite::database, documented> store(db);
    auto const r = listquery::respond<top_endpoint>("/v3/droplets?states=STAGED", store);
    CHECK(r.status == 500);
    CHECK(r.body() == R"({"errors":[{"detail":"An unknown error occurred.","title":"UnknownError","code":10001}]})");
    REQUIRE(r.failure);
    CHECK(r.failure->errors.at(0).code == listquery::error::database_error);
    CHECK(r.failure->diagnostic().find("no such table: droplets") != std::string::npos);
    CHECK(r.retry_after == 0);
}

TEST_CASE("stores: a database that cannot be reached is a 503 with Retry-After", "[sql][stores]") {
    // Opened read-only on a path that names no file: SQLITE_CANTOPEN at the first statement.
    reconnecting<sqlite::database> db([] { return sqlite::database::open("/nonexistent/listquery.db", true); });
    table_store<droplet, decltype(db), documented> store(db);
    auto const r = listquery::respond<top_endpoint>("/v3/droplets?states=STAGED", store);
    CHECK(r.status == 503);
    CHECK(r.body() ==
          R"({"errors":[{"detail":"The database cannot be reached; try again later.","title":"CF-ServiceUnavailable","code":10015}]})");
    CHECK(r.retry_after == 1);
    REQUIRE(r.failure);
    CHECK(r.failure->errors.at(0).code == listquery::error::database_unavailable);
}
