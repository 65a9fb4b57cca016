// SPDX-License-Identifier: BSL-1.0
// Test that header file is self-contained.
#include <listquery/pipeline/apply.hpp>

#include "test_helpers.hpp"
#include "support/test_resources.hpp"

#include <string>
#include <vector>

using namespace std::chrono;
using test_model::droplet;

namespace match_test {

// The reference split of a label key, as Ruby's key.split('/') gives it (Cloud Controller's
// MetadataHelpers.extract_prefix): "env" -> ("", "env"); "a.b/env/x" -> ("a.b", "env").
struct split_key {
    std::string_view prefix, name;
};
split_key split_label_key(std::string_view key) {
    auto const slash = key.find('/');
    if (slash == std::string_view::npos)
        return {{}, key};
    std::string_view const rest = key.substr(slash + 1); // the first two fields; a missing name is ""
    return {key.substr(0, slash), rest.substr(0, rest.find('/'))};
}


constexpr auto& droplets_endpoint = listquery::cf::droplets;

// The ids of the resources of `data` that `query` selects, in order (one page of up to 5000).
std::vector<int> select(std::vector<droplet> const& data, std::string const& query) {
    auto const q = listquery::parse_list_query<droplets_endpoint>(query + "&per_page=5000");
    INFO(query);
    REQUIRE(q.has_value());
    auto const page = listquery::apply<droplets_endpoint>(data, *q);
    std::vector<int> ids;
    for (auto const* d : page.resources)
        ids.push_back(d->id);
    CHECK(page.total_results == ids.size());
    return ids;
}

droplet make(int id, std::string guid) {
    droplet d;
    d.id = id;
    d.guid = std::move(guid);
    return d;
}

std::shared_ptr<std::string const> app(char const* guid) { return std::make_shared<std::string const>(guid); }


TEST_CASE("match: list filters OR within, AND across, byte-exact", "[pipeline][match]") {
    std::vector<droplet> data;
    for (auto [state, app_guid] : {std::pair{"STAGED", "a1"}, {"FAILED", "a1"}, {"STAGED", "a2"},
                                   {"staged", "a2"}, {"COPYING", "a3"}}) {
        auto d = make(static_cast<int>(data.size()), "g" + std::to_string(data.size()));
        d.state = state;
        d.app_guid = app(app_guid);
        data.push_back(d);
    }
    CHECK(select(data, "states=STAGED") == std::vector<int>{0, 2});
    CHECK(select(data, "states=STAGED,FAILED") == std::vector<int>{0, 1, 2});
    CHECK(select(data, "states=STAGED&app_guids=a2") == std::vector<int>{2});
    CHECK(select(data, "states=STAGED,staged&app_guids=a2,a3") == std::vector<int>{2, 3});
    CHECK(select(data, "guids=g4,g0,nope") == std::vector<int>{0, 4});
    CHECK(select(data, "states=Staged") == std::vector<int>{});
    CHECK(select(data, "states=STAGED%20") == std::vector<int>{});
    CHECK(select(data, "states=") == std::vector<int>{});
}

TEST_CASE("match: the empty element matches only an empty field, never a null one",
          "[pipeline][match]") {
    std::vector<droplet> data{make(0, "g0"), make(1, "g1"), make(2, "g2")};
    data[0].state = "";          // empty
    data[1].state = std::nullopt; // null
    data[2].state = "STAGED";
    data[0].app_guid = app("");
    CHECK(select(data, "states=") == std::vector<int>{0});
    CHECK(select(data, "states") == std::vector<int>{0});
    CHECK(select(data, "states=,STAGED") == std::vector<int>{0, 2});
    CHECK(select(data, "app_guids=") == std::vector<int>{0}); // a null pointer never matches
    CHECK(select(data, "app_guids=x") == std::vector<int>{});
}

TEST_CASE("match: timestamps at whole seconds (docs/semantics.md#timestamp-seconds)", "[pipeline][match]") {
    auto const t = sys_days(2020y / May / 26) + 18h + 47min + 3s;
    std::vector<droplet> data;
    for (auto ms : {-1ms, 0ms, 1ms, 999ms, 1000ms}) {
        auto d = make(static_cast<int>(data.size()), "g");
        d.created_at = time_point_cast<milliseconds>(t) + ms;
        data.push_back(d);
    }
    data.push_back(make(5, "g")); // null created_at never matches
    std::string const T = "2020-05-26T18:47:03Z";
    CHECK(select(data, "created_ats=" + T) == std::vector<int>{1, 2, 3});
    CHECK(select(data, "created_ats=" + T + ",2020-05-26T18:47:04Z") == std::vector<int>{1, 2, 3, 4});
    CHECK(select(data, "created_ats[lt]=" + T) == std::vector<int>{0});
    CHECK(select(data, "created_ats[lte]=" + T) == std::vector<int>{0, 1, 2, 3});
    CHECK(select(data, "created_ats[gt]=" + T) == std::vector<int>{4});
    CHECK(select(data, "created_ats[gte]=" + T) == std::vector<int>{1, 2, 3, 4});
    CHECK(select(data, "created_ats[gte]=" + T + "&created_ats[lt]=" + T) == std::vector<int>{});
    // 18:47:02.999 floors to :02, which is not after :02.
    CHECK(select(data, "created_ats[gt]=2020-05-26T18:47:02Z&created_ats[lte]=" + T) ==
          std::vector<int>{1, 2, 3});
    CHECK(select(data, "created_ats[gte]=2020-05-26T18:47:02Z&created_ats[lt]=" + T) == std::vector<int>{0});
    CHECK(select(data, "updated_ats[gte]=1970-01-01T00:00:00Z") == std::vector<int>{0, 1, 2, 3, 4, 5});
}

TEST_CASE("match: label requirements (docs/semantics.md#selector-match)", "[pipeline][match]") {
    using labels = std::vector<std::pair<std::string, std::string>>;
    std::vector<labels> const sets{
        {{"env", "prod"}, {"tier", "web"}}, // 0
        {{"env", "dev"}},                   // 1
        {{"env", ""}},                      // 2: empty value
        {},                                 // 3: no labels
        {{"example.com/env", "prod"}},      // 4: prefixed
        {{"Env", "prod"}},                  // 5: keys are byte-exact
        {{"env", "PROD"}},                  // 6: values too
        {{"/env", "prod"}},                 // 7: stored key "/env" splits into "" and "env"
    };
    std::vector<droplet> data;
    for (auto const& s : sets) {
        auto d = make(static_cast<int>(data.size()), "g");
        d.labels = s;
        data.push_back(d);
    }
    struct row {
        std::string selector;
        std::vector<int> ids;
    };
    row const rows[] = {
        {"env=prod", {0, 7}},
        {"env==prod", {0, 7}},
        {"env in (prod,dev)", {0, 1, 7}},
        {"env!=prod", {1, 2, 3, 4, 5, 6}},          // also resources without the key
        {"env notin (prod,dev)", {2, 3, 4, 5, 6}},
        {"env", {0, 1, 2, 6, 7}},
        {"!env", {3, 4, 5}},
        {"env=", {}},                                // an empty list matches nothing...
        {"env in ()", {}},
        {"env in (,)", {}},
        {"env!=", {0, 1, 2, 3, 4, 5, 6, 7}},         // ...and everything negated
        {"env notin ()", {0, 1, 2, 3, 4, 5, 6, 7}},
        {"env in (,x)", {2}},                        // "" is a value here
        {"example.com/env=prod", {4}},
        {"example.com/env", {4}},
        {"EXAMPLE.COM/env", {}},                     // byte-exact
        {"env=prod,tier=web", {0}},                  // ANDed
        {"env=prod,tier!=web", {7}},
        {"env,!tier", {1, 2, 6, 7}},
    };
    for (auto const& r : rows) {
        CAPTURE(r.selector);
        CHECK(select(data, "label_selector=" + r.selector) == r.ids);
    }
}

TEST_CASE("match: label containers and key splitting", "[pipeline][match]") {
    std::vector<vendor::package> data(3);
    data[0].labels = {{"x.com/tier", "web"}};
    data[1].labels = {{"x.com/tier/extra", "web"}}; // Ruby's split('/') keeps "x.com" and "tier"
    data[2].labels = {{"tier", "web"}};
    auto const q = listquery::parse_list_query<listquery::cf::packages>("label_selector=x.com/tier=web");
    REQUIRE(q.has_value());
    auto const page = listquery::apply<listquery::cf::packages>(data, *q);
    REQUIRE(page.resources.size() == 2);
    CHECK(page.resources[0] == &data[0]);
    CHECK(page.resources[1] == &data[1]);
}

TEST_CASE("match: label keys split as Cloud Controller splits them", "[pipeline][match]") {
    auto const split = [](std::string_view key) {
        auto const p = listquery::split_label_key(key);
        return std::string(p.has_prefix ? "+" : "-") + std::string(p.prefix) + "|" + std::string(p.name);
    };
    CHECK(split("env") == "-|env");
    CHECK(split("x.com/env") == "+x.com|env");
    CHECK(split("/env") == "+|env");
    CHECK(split("a/b/c") == "+a|b");
    CHECK(split("a/") == "+a|");
    CHECK(split("//x") == "+|");
    CHECK(split("/") == "-|");
    CHECK(split("") == "-|");
}

} // namespace match_test

// Labels in the other containers issue 4 names: std::unordered_map and boost's flat_map.
#include <boost/container/flat_map.hpp>
#include <unordered_map>

namespace label_containers_test {

template <class Labels>
struct labelled {
    std::string guid, state, app;
    listquery::timestamp created_at{}, updated_at{};
    Labels labels;
};

template <class Labels>
constexpr auto listquery_fields(listquery::tag<labelled<Labels>>) {
    using L = labelled<Labels>;
    return listquery::fields(listquery::guid_field(&L::guid),
                             listquery::timestamp_field("created_ats", &L::created_at).sortable("created_at"),
                             listquery::timestamp_field("updated_ats", &L::updated_at).sortable("updated_at"),
                             listquery::list_field("states", &L::state), listquery::list_field("app_guids", &L::app),
                             listquery::labels_field(&L::labels));
}

template <class Labels>
std::vector<std::string> guids_matching(std::string_view selector) {
    std::vector<labelled<Labels>> data(3);
    data[0].guid = "a";
    data[0].labels.insert({"env", "prod"});
    data[1].guid = "b";
    data[1].labels.insert({"x.com/env", "prod"});
    data[2].guid = "c";
    auto const q = listquery::parse_list_query<listquery::cf::droplets>("label_selector=" + std::string(selector));
    REQUIRE(q.has_value());
    std::vector<std::string> out;
    for (auto const* r : listquery::apply<listquery::cf::droplets>(data, *q).resources)
        out.push_back(r->guid);
    return out;
}

TEST_CASE("match: labels in std::unordered_map and boost::container::flat_map", "[pipeline][match]") {
    using unordered = std::unordered_map<std::string, std::string>;
    using flat = boost::container::flat_map<std::string, std::string>;
    CHECK(guids_matching<unordered>("env=prod") == std::vector<std::string>{"a"});
    CHECK(guids_matching<unordered>("!env") == std::vector<std::string>{"b", "c"});
    CHECK(guids_matching<flat>("x.com/env in (prod)") == std::vector<std::string>{"b"});
    CHECK(guids_matching<flat>("env!=prod") == std::vector<std::string>{"b", "c"});
}

} // namespace label_containers_test

TEST_CASE("match: a stored label key matches a requirement as the reference split says", "[pipeline][match]") {
    std::string_view const keys[] = {"env", "/env", "//env", "env/", "x.com/env", "x.com/env/more", "x.com//env",
                                     "x.com/", "/", "", "X.com/env", "x.co/env", "x.com/envy", "en", "/env/x"};
    for (std::string_view text : {"env", "x.com/env", "x.com/e"}) {
        auto const s = listquery::parse_label_selector(text);
        REQUIRE(s.has_value());
        auto const& r = s->requirements[0];
        for (auto key : keys) {
            CAPTURE(text, key);
            auto const parts = match_test::split_label_key(key);
            CHECK(listquery::detail::same_label_key(key, r) == (parts.prefix == r.prefix && parts.name == r.name));
            auto const split = listquery::split_label_key(key); // the library's one split agrees
            CHECK(listquery::detail::same_label_key(key, r) == (split.prefix == r.prefix && split.name == r.name));
        }
    }
}
