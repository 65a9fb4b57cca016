// SPDX-License-Identifier: BSL-1.0
// A list server in one file, to copy (docs/server.md#a-minimal-server): Boost.Beast, one route
// table, any listquery store (a container here). GET /v3/droplets and /v3/apps/:guid/droplets,
// with Cloud Controller's queries, errors, links and bodies. One thread per connection.
//   listquery-minimal-server [--port 8080] [--base-url URL]
#include <listquery/json.hpp>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/parse_path.hpp>

#include <chrono>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;

// The resource, declared once: its fields, and its JSON (rendered at start).
struct droplet {
    std::string guid, state, app_guid, json;
    std::chrono::sys_seconds created_at, updated_at;
    std::vector<std::pair<std::string, std::string>> labels;
};

constexpr auto listquery_fields(listquery::tag<droplet>) {
    return listquery::fields(
        listquery::guid_field(&droplet::guid),
        listquery::timestamp_field("created_ats", &droplet::created_at).sortable("created_at"),
        listquery::timestamp_field("updated_ats", &droplet::updated_at).sortable("updated_at"),
        listquery::list_field("app_guids", &droplet::app_guid), listquery::list_field("states", &droplet::state),
        listquery::labels_field(&droplet::labels));
}

std::string_view rendered(droplet const& d, std::string&) { return d.json; }

std::vector<droplet> make_droplets() { // 120 droplets of three apps
    std::vector<droplet> out;
    char const* const states[] = {"STAGED", "FAILED", "EXPIRED"};
    for (int i = 0; i < 120; ++i) {
        droplet d{"droplet-" + std::to_string(i), states[i % 3], "app-" + std::to_string(i % 3 + 1), "",
                  std::chrono::sys_seconds(std::chrono::seconds(1700000000 + 37 * i)),
                  std::chrono::sys_seconds(std::chrono::seconds(1700000000 + 41 * i)), {{"env", i % 2 ? "dev" : "prod"}}};
        d.json = boost::json::serialize(boost::json::object{
            {"guid", d.guid}, {"state", d.state}, {"created_at", listquery::to_string(d.created_at)},
            {"updated_at", listquery::to_string(d.updated_at)},
            {"links", {{"app", {{"href", "/v3/apps/" + d.app_guid}}}}}});
        out.push_back(std::move(d));
    }
    return out;
}

using store = listquery::memory_store<droplet>;

// The route table: a path's segments (one "*" for the app guid) and what answers it.
struct route {
    std::vector<std::string_view> path;
    listquery::response (*answer)(std::string_view target, std::string const& guid, store const& s,
                                  listquery::respond_options o);
};

route const routes[] = {
    {{"v3", "droplets"},
     [](std::string_view target, std::string const&, store const& s, listquery::respond_options o) {
         return listquery::respond<listquery::cf::droplets>(target, s, o);
     }},
    {{"v3", "apps", "*", "droplets"},
     [](std::string_view target, std::string const& guid, store const& s, listquery::respond_options o) {
         o.scope = listquery::cf::app_droplets.within(guid); // the droplets within one app
         return listquery::respond<listquery::cf::app_droplets>(target, s, o);
     }},
};

listquery::response answer(std::string_view target, store const& s, listquery::respond_options const& o) {
    auto const segments = boost::urls::parse_path(target.substr(0, target.find('?')));
    std::vector<std::string> parts;
    if (segments && segments->is_absolute())
        for (auto const& segment : *segments)
            parts.push_back(segment.decode());
    for (auto const& r : routes) {
        bool matches = parts.size() == r.path.size();
        std::string guid;
        for (std::size_t i = 0; matches && i < parts.size(); ++i)
            matches = r.path[i] == "*" ? !(guid = parts[i]).empty() : parts[i] == r.path[i];
        if (matches)
            return r.answer(target, guid, s, o);
    }
    return listquery::error_response(404, "Unknown request", "CF-NotFound", 10000);
}

void serve(tcp::socket socket, store const& s, listquery::respond_options const& o) {
    boost::beast::flat_buffer buffer;
    boost::beast::error_code ec;
    for (;;) {
        http::request<http::empty_body> req;
        http::read(socket, buffer, req, ec);
        if (ec)
            return;
        auto const r = req.method() == http::verb::get
                           ? answer(req.target(), s, o)
                           : listquery::error_response(405, "Method not allowed", "CF-MethodNotAllowed", 10000);
        http::response<http::string_body> res{static_cast<http::status>(r.status), req.version()};
        res.set(http::field::content_type, listquery::response::content_type);
        if (!r.link.empty())
            res.set(http::field::link, r.link);
        res.body() = r.body();
        res.keep_alive(req.keep_alive());
        res.prepare_payload();
        http::write(socket, res, ec);
        if (ec || !res.keep_alive())
            return;
    }
}

int main(int argc, char** argv) {
    std::vector<std::string_view> const args(argv + 1, argv + argc);
    unsigned short port = 8080;
    std::string base;
    for (std::size_t i = 0; i + 1 < args.size(); i += 2)
        args[i] == "--port" ? void(port = static_cast<unsigned short>(std::stoi(std::string(args[i + 1]))))
                            : void(base = args[i + 1]);
    static std::vector<droplet> const droplets = make_droplets();
    static store const s(droplets, rendered);
    boost::asio::io_context io;
    tcp::acceptor acceptor(io, {boost::asio::ip::make_address("127.0.0.1"), port});
    std::string const own = "http://127.0.0.1:" + std::to_string(acceptor.local_endpoint().port());
    static std::string const base_url = base.empty() ? own : base; // links from here, never from Host
    auto const parsed = boost::urls::parse_uri(base_url);
    if (!parsed) {
        std::cerr << "listquery-minimal-server: --base-url must be an absolute URL\n";
        return 2;
    }
    static listquery::respond_options const o{.base_url = *parsed};
    std::cout << "listening on " << own << std::endl;
    for (;;)
        std::thread(serve, acceptor.accept(), std::cref(s), std::cref(o)).detach();
}
