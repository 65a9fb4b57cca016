// SPDX-License-Identifier: BSL-1.0
// Test that header file is self-contained.
#include <listquery/error.hpp>
#include <listquery/result.hpp>

#include "test_helpers.hpp"

#include <boost/system/error_code.hpp>

#include <set>
#include <string>

using listquery::error;

TEST_CASE("error: registered with Boost.System", "[error]") {
    boost::system::error_code ec = error::invalid_page; // is_error_code_enum
    CHECK(ec.category() == listquery::error_category());
    CHECK(std::string(ec.category().name()) == "listquery");
    CHECK(ec.value() == static_cast<int>(error::invalid_page));
    CHECK(ec.message() == "page is not a positive integer");
    CHECK(ec == error::invalid_page);
    CHECK(ec != error::invalid_per_page);
    CHECK(ec);
    CHECK_FALSE(listquery::make_error_code(error::success));
}

TEST_CASE("error: a category with the same id compares equal, as across shared objects",
          "[error]") {
    listquery::detail::error_category_impl const other_instance;
    CHECK(other_instance == listquery::error_category());
    CHECK(boost::system::error_code(1, other_instance) == error::invalid_page);
}

TEST_CASE("error: every enumerator has its own description", "[error]") {
    std::set<std::string> seen;
    int const last = static_cast<int>(error::database_timeout);
    for (int ev = 0; ev <= last; ++ev) {
        std::string const m = listquery::error_category().message(ev);
        CAPTURE(ev, m);
        CHECK(m != "unknown listquery error");
        CHECK(seen.insert(m).second);
    }
    CHECK(listquery::error_category().message(last + 1) == "unknown listquery error");
    CHECK(listquery::error_category().message(-1) == "unknown listquery error");
}

TEST_CASE("result: value() throws query_exception carrying the error", "[error]") {
    listquery::query_error const e{error::invalid_page, "page", 1, "Page must be a positive integer"};
    listquery::result<int> r = e;
    CHECK(r.error().ec() == error::invalid_page);
    try {
        (void)r.value();
        FAIL("value() did not throw");
    } catch (listquery::query_exception const& x) {
        CHECK(x.code() == error::invalid_page);
        REQUIRE(x.errors().errors.size() == 1);
        CHECK(x.errors().errors.front() == e);
        CHECK(std::string(x.what()).find("Page must be a positive integer") != std::string::npos);
    }
}
