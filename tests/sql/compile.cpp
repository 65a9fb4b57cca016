// SPDX-License-Identifier: BSL-1.0
// The SQL compiler: the exact text of each shape, its parameters, and that no request byte
// reaches the text.
#include <listquery/sql.hpp>

#include "support/test_resources.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace sql_compile {

using listquery::sql::dialect;
using listquery::sql::parameter;
using listquery::sql::time_point;
using sv_list = std::vector<std::string_view>;
constexpr auto& E = listquery::cf::droplets;

listquery::list_query parse(std::string_view text) {
    auto q = listquery::parse_list_query<E>(text);
    REQUIRE(q.has_value());
    return std::move(*q);
}

listquery::sql::compiled_query compile(std::string_view text, dialect d,
                                       listquery::sql::options o = {}) {
    return listquery::sql::compile<E, test_model::droplet>(parse(text), d, o);
}

time_point at(std::int64_t seconds) { return time_point(std::chrono::seconds(seconds)); }

} // namespace sql_compile

using namespace sql_compile;

TEST_CASE("sql compile: no filters, container order", "[sql][compile]") {
    auto const c = compile("", dialect::sqlite);
    CHECK(c.page.text == "SELECT t.id FROM droplets AS t ORDER BY t.id LIMIT ?1 OFFSET ?2");
    CHECK(c.page.parameters == std::vector<parameter>{std::int64_t{50}, std::int64_t{0}});
    CHECK(c.count.text == "SELECT count(*) FROM droplets AS t");
    CHECK(c.count.parameters.empty());
    CHECK(!c.page_counts);
    CHECK(!c.has_document);
    CHECK(c.page_number == 1);
    CHECK(c.per_page == 50);
}

TEST_CASE("sql compile: a nested route's scope is one more bound condition, first", "[sql][compile]") {
    constexpr auto& nested = listquery::cf::app_droplets;
    auto const q = listquery::parse_list_query<nested>("states=STAGED&order_by=-created_at").value();
    std::string_view const hostile = "a'; DROP TABLE droplets; --";
    for (auto d : {dialect::sqlite, dialect::postgresql}) {
        auto const c = listquery::sql::compile<nested, test_model::droplet>(q, d, {.scope = nested.within(hostile)});
        bool const lite = d == dialect::sqlite;
        CHECK(c.count.text == (lite ? "SELECT count(*) FROM droplets AS t WHERE t.app_guid = ?1 AND t.state = ?2"
                                    : "SELECT count(*) FROM droplets AS t WHERE t.app_guid = $1 AND t.state = ANY($2::text[])"));
        CHECK(c.page.parameters.front() == parameter(hostile));
        CHECK(c.page.text.find(hostile) == std::string::npos);
        auto const k = listquery::sql::compile_keyset<nested, test_model::droplet>(q, d, std::nullopt, {.scope = nested.within("a1")});
        CHECK(k.count.text == c.count.text);
        CHECK(k.count.parameters.front() == parameter(std::string_view("a1")));
    }
    // A scope that names no column of the mapping matches nothing, as in memory.
    auto const none = listquery::sql::compile<E, test_model::droplet>(q, dialect::sqlite, {.scope = listquery::scope{"colours", "x"}});
    CHECK(none.count.text == "SELECT count(*) FROM droplets AS t WHERE 1 = 0 AND t.state = ?1");
}

TEST_CASE("sql compile: list filters, both dialects", "[sql][compile]") {
    std::string_view const query = "states=STAGED,FAILED&guids=&page=3&per_page=20";
    auto const lite = compile(query, dialect::sqlite);
    // SQLite: a one-value list is `=`, so the planner sees an equality (docs/sql.md#list-filters).
    CHECK(lite.page.text == "SELECT t.id FROM droplets AS t WHERE t.guid = ?1 AND "
                            "t.state IN (SELECT value FROM json_each(?2)) ORDER BY t.id LIMIT ?3 OFFSET ?4");
    CHECK(lite.page.parameters ==
          std::vector<parameter>{std::string_view(""), sv_list{"STAGED", "FAILED"}, std::int64_t{20}, std::int64_t{40}});
    CHECK(lite.count.text == "SELECT count(*) FROM droplets AS t WHERE t.guid = ?1 "
                             "AND t.state IN (SELECT value FROM json_each(?2))");
    CHECK(lite.count.parameters == std::vector<parameter>{std::string_view(""), sv_list{"STAGED", "FAILED"}});
    auto const pg = compile(query, dialect::postgresql);
    CHECK(pg.page.text == "SELECT t.id FROM droplets AS t WHERE t.guid = ANY($1::text[]) AND "
                          "t.state = ANY($2::text[]) ORDER BY t.id LIMIT $3 OFFSET $4");
    CHECK(pg.page.parameters ==
          std::vector<parameter>{sv_list{""}, sv_list{"STAGED", "FAILED"}, std::int64_t{20}, std::int64_t{40}});
}

TEST_CASE("sql compile: timestamps are half-open ranges", "[sql][compile]") {
    std::int64_t const t = 1577836800; // 2020-01-01T00:00:00Z
    auto const lite = compile("created_ats[lt]=2020-01-01T00:00:00Z&created_ats[lte]=2020-01-01T00:00:00Z&"
                              "created_ats[gt]=2020-01-01T00:00:00Z&created_ats[gte]=2020-01-01T00:00:00Z&"
                              "updated_ats=2020-01-01T00:00:00Z,2020-01-01T00:00:05Z",
                              dialect::sqlite);
    CHECK(lite.count.text ==
          "SELECT count(*) FROM droplets AS t WHERE t.created_at < ?1 AND t.created_at < ?2 AND "
          "t.created_at >= ?3 AND t.created_at >= ?4 AND EXISTS (SELECT 1 FROM json_each(?5) AS s WHERE "
          "t.updated_at >= s.value AND t.updated_at < s.value + 1000000)");
    CHECK(lite.count.parameters == std::vector<parameter>{at(t), at(t + 1), at(t + 1), at(t),
                                                          std::vector<time_point>{at(t), at(t + 5)}});
    auto const pg = compile("created_ats[gt]=2020-01-01T00:00:00Z&updated_ats=2020-01-01T00:00:00Z", dialect::postgresql);
    CHECK(pg.count.text == "SELECT count(*) FROM droplets AS t WHERE t.created_at >= $1::timestamp AND EXISTS "
                           "(SELECT 1 FROM unnest($2::timestamp[]) AS s(v) WHERE t.updated_at >= s.v AND "
                           "t.updated_at < s.v + interval '1 second')");
}

TEST_CASE("sql compile: each selector operator is one predicate over the labels table", "[sql][compile]") {
    auto const c = compile("label_selector=env%3Dprod,x.com%2Ftier+in+(web,api),!legacy,team!%3Dcore,"
                           "zone+notin+(a),owner",
                           dialect::sqlite);
    std::string const in = "t.guid IN (SELECT l.resource_guid FROM droplet_labels AS l WHERE ";
    std::string const not_exists = "NOT EXISTS (SELECT 1 FROM droplet_labels AS l WHERE l.resource_guid = t.guid AND ";
    CHECK(c.count.text == "SELECT count(*) FROM droplets AS t WHERE " + in +
                              "l.key_prefix = ?1 AND l.key_name = ?2 AND l.value = ?3) AND " +
                              in + "l.key_prefix = ?4 AND l.key_name = ?5 AND l.value IN (SELECT value FROM json_each(?6))) AND " +
                              not_exists + "l.key_prefix = ?7 AND l.key_name = ?8) AND " + not_exists +
                              "l.key_prefix = ?9 AND l.key_name = ?10 AND l.value = ?11) AND " + not_exists +
                              "l.key_prefix = ?12 AND l.key_name = ?13 AND l.value = ?14) AND " +
                              in + "l.key_prefix = ?15 AND l.key_name = ?16)");
    using S = std::string_view;
    CHECK(c.count.parameters == std::vector<parameter>{S(""), S("env"), S("prod"), S("x.com"), S("tier"),
                                                       sv_list{"web", "api"}, S(""), S("legacy"), S(""), S("team"),
                                                       S("core"), S(""), S("zone"), S("a"), S(""), S("owner")});
}

TEST_CASE("sql compile: order by a field, then guid, nulls as in memory", "[sql][compile]") {
    CHECK(compile("order_by=created_at", dialect::sqlite).page.text ==
          "SELECT t.id FROM droplets AS t ORDER BY t.created_at ASC NULLS FIRST, t.guid ASC LIMIT ?1 OFFSET ?2");
    CHECK(compile("order_by=-updated_at", dialect::sqlite).page.text ==
          "SELECT t.id FROM droplets AS t ORDER BY t.updated_at DESC NULLS LAST, t.guid DESC LIMIT ?1 OFFSET ?2");
    CHECK(compile("order_by=-created_at", dialect::postgresql).page.text ==
          "SELECT t.id FROM droplets AS t ORDER BY t.created_at DESC NULLS LAST, t.guid COLLATE \"C\" DESC LIMIT $1 OFFSET $2");
}

TEST_CASE("sql compile: the window count", "[sql][compile]") {
    auto const c = compile("states=A", dialect::postgresql, {listquery::sql::count_strategy::window});
    CHECK(c.page.text == "SELECT t.id, count(*) OVER () FROM droplets AS t WHERE t.state = ANY($1::text[]) "
                         "ORDER BY t.id LIMIT $2 OFFSET $3");
    CHECK(c.page_counts);
}

TEST_CASE("sql compile: the text depends on the shape only", "[sql][compile]") {
    for (auto d : {dialect::sqlite, dialect::postgresql}) {
        // On SQLite a one-value list is `=`: one value or several is part of the shape there.
        auto const a = compile("states=A,B&label_selector=env+in+(a,b)&created_ats=2020-01-01T00:00:00Z&page=1&per_page=1", d);
        auto const b = compile("states=B,C,D,E&label_selector=x.com%2Fenv+in+(a,b,c)&"
                               "created_ats=2021-01-01T00:00:00Z,2022-01-01T00:00:00Z&page=7&per_page=300",
                               d);
        CHECK(a.page.text == b.page.text);
        CHECK(a.count.text == b.count.text);
        CHECK(a.page.parameters.size() == b.page.parameters.size());
    }
}

TEST_CASE("sql compile: no request byte reaches the text", "[sql][compile]") {
    // Values chosen so that none can occur in the fixed text by chance.
    std::vector<std::string> const hostile{"'; DROP TABLE droplets; --", "\\\\", "%", "50%_off", "\"quoted\"", "ÄÖ💥",
                                           "a'b", "Robert'); DROP TABLE droplet_labels;--"};
    for (auto const& v : hostile) {
        std::string encoded;
        for (unsigned char ch : v) {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", ch);
            encoded += buf;
        }
        auto const q = parse("states=" + encoded + "&app_guids=" + encoded + "&guids=" + encoded);
        REQUIRE(q.filters.size() == 3);
        std::string_view const value = q.filters[0].values[0]; // decoded as Cloud Controller decodes
        REQUIRE(!value.empty());
        for (auto d : {dialect::sqlite, dialect::postgresql, dialect::mariadb}) {
            auto const c = listquery::sql::compile<E, test_model::droplet>(q, d);
            CHECK(c.page.text.find(value) == std::string::npos);
            CHECK(c.count.text.find(value) == std::string::npos);
        }
    }
}

TEST_CASE("sql compile: MariaDB's text", "[sql][compile][mariadb]") {
    auto const c = compile("states=STAGED,FAILED&app_guids=a&created_ats=2020-01-01T00:00:00Z,2021-01-01T00:00:00Z"
                           "&label_selector=env%20in%20(prod,dev,test),!tier&order_by=-created_at",
                           dialect::mariadb);
    // A list of up to 64 values is as many placeholders, rounded up to a power of two with the
    // last value repeated: three values fill four.
    std::string const where = " FROM droplets AS t WHERE t.app_guid = ? AND t.state IN (?, ?) AND EXISTS (SELECT 1 FROM "
                              "JSON_TABLE(?, '$[*]' COLUMNS (v BIGINT PATH '$')) AS s WHERE t.created_at >= s.v AND "
                              "t.created_at < s.v + 1000000) AND t.guid IN (SELECT l.resource_guid FROM droplet_labels AS l "
                              "WHERE l.key_prefix = ? AND l.key_name = ? AND l.value IN (?, ?, ?, ?)) AND NOT EXISTS (SELECT 1 "
                              "FROM droplet_labels AS l WHERE l.resource_guid = t.guid AND l.key_prefix = ? AND l.key_name = ?)";
    CHECK(c.count.text == "SELECT count(*)" + where);
    CHECK(c.page.text == "SELECT t.id" + where + " ORDER BY t.created_at DESC, t.guid DESC LIMIT ? OFFSET ?");
    REQUIRE(c.page.parameters.size() == 14);
    auto const text = [&](std::size_t i) { return std::get<std::string_view>(c.page.parameters.at(i)); };
    CHECK(std::vector{text(0), text(1), text(2)} == std::vector<std::string_view>{"a", "STAGED", "FAILED"});
    CHECK(std::vector{text(6), text(7), text(8), text(9)} == std::vector<std::string_view>{"prod", "dev", "test", "test"});
    // Past 64 values, one JSON array parameter.
    std::string many = "states=";
    for (int i = 0; i < 65; ++i)
        many += (i ? "," : "") + std::to_string(i);
    auto const long_list = compile(many, dialect::mariadb);
    CHECK(long_list.count.text == "SELECT count(*) FROM droplets AS t WHERE t.state IN (SELECT j.v FROM JSON_TABLE(?, '$[*]' "
                                  "COLUMNS (v LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin PATH '$')) AS j)");
    CHECK(long_list.count.parameters.size() == 1);
    CHECK(compile("states=" + many.substr(7, many.rfind(',') - 7), dialect::mariadb).count.parameters.size() == 64);
    CHECK(listquery::sql::insert_statements_for<test_model::droplet>(dialect::mariadb).label ==
          "INSERT INTO droplet_labels (resource_guid, key_prefix, key_name, value) VALUES (?, ?, ?, ?)");
}

TEST_CASE("sql compile: a page past any offset SQL can hold is empty, not an overflow", "[sql][compile]") {
    auto q = parse("per_page=5000");
    q.page = std::uint64_t{1} << 62;
    auto const c = listquery::sql::compile<E, test_model::droplet>(q, dialect::sqlite);
    CHECK(c.page.parameters.back() == parameter(std::numeric_limits<std::int64_t>::max()));
}

TEST_CASE("sql store: the INSERT statements and a resource's parameters", "[sql][store]") {
    auto const lite = listquery::sql::insert_statements_for<test_model::droplet>(dialect::sqlite);
    CHECK(lite.resource == "INSERT INTO droplets (id, guid, created_at, updated_at, app_guid, state) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    CHECK(lite.label == "INSERT INTO droplet_labels (resource_guid, key_prefix, key_name, value) VALUES (?1, ?2, ?3, ?4)");
    CHECK(listquery::sql::insert_statements_for<test_model::droplet>(dialect::postgresql).label ==
          "INSERT INTO droplet_labels (resource_guid, key_prefix, key_name, value) VALUES ($1, $2, $3, $4)");
    test_model::droplet d;
    d.guid = "g";
    d.created_at = test_model::millis(std::chrono::milliseconds(1500));
    d.updated_at = listquery::timestamp(std::chrono::seconds(2));
    d.app_guid = std::make_shared<std::string const>("app");
    d.labels = {{"x.com/env", "prod"}, {"tier", ""}, {"/a/b", "c"}};
    auto const params = listquery::sql::resource_parameters(d, 7);
    CHECK(params == std::vector<parameter>{std::int64_t{7}, std::string_view("g"),
                                           time_point(std::chrono::microseconds(1'500'000)), at(2),
                                           std::string_view("app"), std::monostate{}});
    std::vector<std::string> labels;
    listquery::sql::for_each_label(d, [&](std::string_view guid, listquery::sql::stored_label const& l) {
        labels.push_back(std::string(guid) + "|" + std::string(l.key_prefix) + "|" + std::string(l.key_name) + "|" +
                         std::string(l.value.value_or("NULL")));
    });
    CHECK(labels == std::vector<std::string>{"g|x.com|env|prod", "g||tier|", "g||a|c"});
}

TEST_CASE("sql store: labels stored with their keys split as Cloud Controller splits them", "[sql][store]") {
    test_model::droplet d;
    d.guid = "g";
    d.labels = {{"a/b/c", "1"}, {"/env", "2"}, {"a/", "3"}};
    std::vector<std::string> labels;
    listquery::sql::for_each_label(d, [&](std::string_view, listquery::sql::stored_label const& l) {
        labels.push_back(std::string(l.key_prefix) + "|" + std::string(l.key_name));
    });
    CHECK(labels == std::vector<std::string>{"a|b", "|env", "a|"});
}
