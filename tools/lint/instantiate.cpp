// SPDX-License-Identifier: BSL-1.0
// One translation unit that instantiates the library's templates, for the static analysers
// (tools/lint): every endpoint's parse, each pipeline stage with and without an index, the links,
// the JSON, and the SQL compiler with both executors. Compiled by the build, never run.
#include <listquery/json.hpp>
#include <listquery/keyset.hpp>
#include <listquery/keyset/hmac_sha256.hpp>
#include <listquery/listquery.hpp>
#include <listquery/sql/mariadb.hpp>
#include <listquery/sql/postgresql.hpp>
#include <listquery/sql/sqlite.hpp>

#include <boost/json/serialize.hpp>

#include "support/test_resources.hpp"

#include <string>
#include <vector>

namespace lint {

using test_model::droplet;

std::size_t instantiate(std::string_view query, std::vector<droplet> const& data) {
    namespace cf = listquery::cf;
    std::size_t n = 0;
    n += listquery::parse_list_query<cf::packages>(query).has_value();
    n += listquery::parse_list_query<cf::app_packages>(query).has_value();
    n += listquery::parse_list_query<cf::builds>(query).has_value();
    n += listquery::parse_list_query<cf::app_builds>(query).has_value();
    n += listquery::parse_list_query<cf::app_droplets>(query).has_value();
    auto const q = listquery::parse_list_query<cf::droplets>(query);
    if (!q)
        return boost::json::serialize(boost::json::value_from(q.error())).size();
    auto index = listquery::sort_index<droplet>::make(data, "created_at").value();
    auto const page = listquery::apply<cf::droplets>(data, *q, {.sort = &index});
    auto columns = listquery::resource_index<droplet>::make(data, {{"updated_at"}, {"states", "guids", "created_ats", "label_selector"}}).value();
    columns.insert(data.front());
    n += listquery::apply<cf::droplets>(data, *q, {.index = &columns}).resources.size() + columns.erase(data.front());
    auto const staged = data | listquery::filter<cf::droplets>(*q) | listquery::paginate<cf::droplets>(*q);
    auto const p = listquery::make_pagination("/v3/droplets", *q, page.total_results);
    n += listquery::link_header(p.links).size() + staged.resources.size();
    n += boost::json::serialize(listquery::list_response(p, {})).size();
    listquery::label_selector s;
    n += listquery::parse_label_selector(query, s).has_value();
    return n;
}

// The SQL compiler and every executor.
std::size_t instantiate_sql(listquery::list_query const& q, std::vector<droplet> const& data) {
    namespace sql = listquery::sql;
    std::size_t n = 0;
    if (auto lite = sql::sqlite::database::open(":memory:")) {
        n += lite->store(data.front(), 1).has_value();
        n += lite->store_all(data, [](droplet const& d) { return sql::stored_as{d.id, {}}; }).has_value();
        n += lite->run(sql::compile<listquery::cf::droplets, droplet>(q, sql::dialect::sqlite)).has_value();
        n += sql::run_keyset(*lite, sql::compile_keyset<listquery::cf::droplets, droplet>(q, sql::dialect::sqlite, std::nullopt))
                 .has_value();
    }
    if (auto pg = sql::postgresql::database::connect("")) {
        n += pg->store_all(data, [](droplet const& d) { return sql::stored_as{d.id, {}}; }).has_value();
        n += pg->run(sql::compile<listquery::cf::droplets, droplet>(q, sql::dialect::postgresql)).has_value();
        n += pg->scalar("SELECT 1", {}).has_value();
        n += sql::run_keyset(*pg, sql::compile_keyset<listquery::cf::droplets, droplet>(
                                      q, sql::dialect::postgresql, listquery::keyset_cursor{true, false, {}, "g"}))
                 .has_value();
    }
    if (auto maria = sql::mariadb::database::connect("mariadb://localhost/lint")) {
        n += maria->store_all(data, [](droplet const& d) { return sql::stored_as{d.id, {}}; }).has_value();
        n += maria->run(sql::compile<listquery::cf::droplets, droplet>(q, sql::dialect::mariadb)).has_value();
        n += maria->limit_statements(std::chrono::seconds(1)).has_value();
        n += sql::run_keyset(*maria, sql::compile_keyset<listquery::cf::droplets, droplet>(
                                         q, sql::dialect::mariadb, listquery::keyset_cursor{true, false, {}, "g"}))
                 .has_value();
    }
    return n;
}

// Keyset paging (tokens, memory, the index) and bodies around pre-rendered resources.
std::size_t instantiate_keyset(listquery::list_query const& q, std::vector<droplet> const& data) {
    listquery::hmac_sha256_signer const signer("lint key, at least 16 bytes");
    auto const cursor = listquery::decode_page_token(q, {&signer, {}});
    auto const page = listquery::apply_keyset<listquery::cf::droplets>(data, q, cursor ? std::optional(*cursor) : std::nullopt);
    auto index = listquery::sort_index<droplet>::make(data, "created_at").value();
    auto const indexed = listquery::apply_keyset<listquery::cf::droplets>(data, q, std::nullopt, {.sort = &index});
    auto const p = listquery::make_keyset_pagination("/v3/droplets", q, page, {&signer, {}});
    std::vector<std::string> const texts{"{}"};
    listquery::list_body const body(p, texts);
    return body.str().size() + body.buffers().size() + indexed.page.resources.size();
}

} // namespace lint
