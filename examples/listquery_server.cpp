// SPDX-License-Identifier: BSL-1.0
// listquery-server: the six Cloud Foundry list routes over HTTP/1.1 with Boost.Beast, the way a
// server embeds listquery: data loaded once into declared structs, the pipeline answering every
// request without copying resources. See docs/server.md.
#include "cf_api/engines.hpp"
#include "cf_api/keyset_keys.hpp"
#include "cf_api/load_file.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>

#include <algorithm>
#include <atomic>
#include <climits>
#include <cstdlib>
#include <charconv>
#include <chrono>
#include <iostream>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include <sys/socket.h>
#include <sys/uio.h>

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

constexpr std::size_t max_target = std::size_t{8} * 1024;    // longer targets: 414
constexpr std::size_t max_header = std::size_t{64} * 1024;   // longer headers: 431, then close

/// What answers this worker thread's requests: the memory backend, which every thread shares,
/// or this thread's own database connection, for the SQL engines.
thread_local cf_api::backend* thread_backend = nullptr;

struct config {
    /// The base URL (the server's own http://HOST:PORT, or --base-url) and the page-token keys.
    cf_api::settings settings;
    /// The time a client has to send a whole request (an idle keep-alive connection counts
    /// as a request not yet sent), and to read a response.
    std::chrono::seconds header_timeout{30};
};

/** A response on its way out: Beast's header and the body's pieces, written with one gathered
    write (`session::send_now`). A list's pieces point at the resources' texts, rendered once at
    load or read from the database, so no resource is copied (docs/server.md#how-a-response-is-written).
    Beast's own serializer walked its buffer adaptors over the 100-odd pieces of a 50-resource
    page at every partial write, a fifth of the server's time.
*/
struct http_response {
    http::response<http::empty_body> header; // a message, for keep_alive() and content_length()
    listquery::response body;

    bool keep_alive() const { return header.keep_alive(); }
};

http_response make_response(unsigned version, bool keep_alive, listquery::response r) {
    http_response res{{}, std::move(r)};
    res.header.version(version);
    res.header.result(res.body.status);
    res.header.set(http::field::server, "listquery-server");
    res.header.set(http::field::content_type, listquery::response::content_type);
    if (!res.body.link.empty())
        res.header.set(http::field::link, res.body.link);
    if (res.body.retry_after != 0)
        res.header.set(http::field::retry_after, std::to_string(res.body.retry_after));
    res.header.keep_alive(keep_alive);
    res.header.content_length(res.body.content_length());
    return res;
}

http_response error_response(unsigned version, bool keep_alive, http::status status, std::string_view detail,
                             std::string_view title, int code) {
    return make_response(version, keep_alive, listquery::error_response(static_cast<unsigned>(status), detail, title, code));
}

http_response answer(http::request<http::string_body> const& req, bool keep_alive, config const& cfg) {
    if (req.method() != http::verb::get) {
        auto res = error_response(req.version(), keep_alive, http::status::method_not_allowed, "Method not allowed",
                                  "CF-MethodNotAllowed", 10000);
        res.header.set(http::field::allow, "GET");
        return res;
    }
    if (req.target().size() > max_target)
        return error_response(req.version(), keep_alive, http::status::uri_too_long, "Request target too long",
                              "CF-UriTooLong", 10000);
    auto const path = req.target().substr(0, req.target().find('?'));
    auto const document = [](std::string text) {
        listquery::response r;
        r.text = std::move(text);
        return r;
    };
    if (path == "/healthz") // liveness: the process answers
        return make_response(req.version(), keep_alive, document(R"({"status":"ok"})"));
    if (path == "/readyz") { // readiness: and so does its data (docs/server.md#health)
        if (thread_backend->ready())
            return make_response(req.version(), keep_alive, document(R"({"status":"ready"})"));
        return make_response(req.version(), keep_alive,
                             listquery::error_response(listquery::sql::database_failure(
                                 listquery::error::database_unavailable, "readiness: the database does not answer")));
    }
    auto r = thread_backend->answer(req.target(), cfg.settings);
    if (r.status == 500 && r.failure) // an unknown failure: its words in the log, never in the body
        std::cerr << "listquery-server: " << r.failure->diagnostic() << std::endl;
    return make_response(req.version(), keep_alive, std::move(r));
}

class session;

/// The connections, so that a stop can drain them: each finishes the request it is receiving
/// or answering, then closes; idle ones close at once.
class session_registry {
public:
    void add(session* s, std::weak_ptr<session> w) {
        std::lock_guard lock(mutex_);
        sessions_.emplace(s, std::move(w));
    }
    void remove(session* s) {
        std::lock_guard lock(mutex_);
        sessions_.erase(s);
    }
    std::size_t size() {
        std::lock_guard lock(mutex_);
        return sessions_.size();
    }
    bool draining() const noexcept { return draining_; }
    /// Marks the server as stopping and tells every connection.
    void drain();

private:
    std::mutex mutex_;
    std::unordered_map<session*, std::weak_ptr<session>> sessions_;
    std::atomic<bool> draining_{false};
};

/// One connection: read a request, answer it, repeat while keep-alive holds and the server is
/// not stopping.
class session : public std::enable_shared_from_this<session> {
public:
    session(tcp::socket&& socket, config const& cfg, session_registry& registry)
        : stream_(std::move(socket)), cfg_(cfg), registry_(registry) {}
    ~session() { registry_.remove(this); }

    void start() {
        registry_.add(this, weak_from_this());
        asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->read(); });
    }

    /// The server is stopping: an idle connection closes now; one receiving a request finishes
    /// it first, and its response says `Connection: close`.
    void drain() {
        asio::dispatch(stream_.get_executor(), [self = shared_from_this()] {
            if (self->reading_ && !self->receiving())
                self->stream_.cancel(); // on_read closes
        });
    }

private:
    // Some bytes of the next request have arrived.
    bool receiving() const { return buffer_.size() != 0 || (parser_ && parser_->got_some()); }

    void read() {
        if (registry_.draining() && !receiving())
            return close();
        parser_.emplace();
        parser_->header_limit(max_header);
        parser_->body_limit(std::uint64_t{64} * 1024);
        stream_.expires_after(cfg_.header_timeout); // one deadline for the whole request
        reading_ = true;
        http::async_read(stream_, buffer_, *parser_,
                         [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
    }

    void on_read(beast::error_code ec) {
        reading_ = false;
        if (ec == http::error::end_of_stream || ec == beast::error::timeout || ec == asio::error::operation_aborted ||
            ec == asio::error::connection_reset || ec == asio::error::eof)
            return close();
        if (ec == http::error::header_limit)
            return reply(error_response(11, false, http::status::request_header_fields_too_large,
                                        "Request header fields too large", "CF-HeaderTooLarge", 10000));
        if (ec) // malformed: answer 400 and close
            return reply(error_response(11, false, http::status::bad_request, "Malformed HTTP request",
                                        "CF-BadRequest", 10000));
        auto const& req = parser_->get();
        reply(answer(req, req.keep_alive() && !registry_.draining(), cfg_));
    }

    void reply(http_response&& res) {
        response_ = std::move(res); // in place now: the pieces may point into it
        header_writer_.emplace(response_.header, response_.header.version(), response_.header.result_int());
        buffers_.clear();
        auto const header = header_writer_->get();
        buffers_.assign(asio::buffer_sequence_begin(header), asio::buffer_sequence_end(header));
        response_.body.for_each_piece([this](std::string_view p) { buffers_.emplace_back(p.data(), p.size()); });
        next_ = 0;
        stream_.expires_after(cfg_.header_timeout);
        on_write({}, send_now());
    }

    // One sendmsg with every piece, without waiting: Linux takes up to IOV_MAX (1024) pieces,
    // where Asio's socket takes 64 per call and its async_write 16, and a 50-resource page has
    // over 100. Returns the bytes the socket took (usually all); Asio sends the rest.
    std::size_t send_now() {
        iov_.clear();
        for (std::size_t i = next_; i < buffers_.size() && iov_.size() < IOV_MAX; ++i)
            iov_.push_back({const_cast<void*>(buffers_[i].data()), buffers_[i].size()}); // iovec's base is not const
        msghdr msg{};
        msg.msg_iov = iov_.data();
        msg.msg_iovlen = iov_.size();
        ssize_t const n = ::sendmsg(stream_.socket().native_handle(), &msg, MSG_NOSIGNAL | MSG_DONTWAIT);
        return n > 0 ? static_cast<std::size_t>(n) : 0; // an error shows again on Asio's write
    }

    // What the socket did not take at once, 64 pieces at a time, with the stream's timeout.
    void write_some() {
        std::size_t const n = std::min<std::size_t>(64, buffers_.size() - next_);
        stream_.async_write_some(std::span<asio::const_buffer const>(buffers_.data() + next_, n),
                                 [self = shared_from_this()](beast::error_code ec, std::size_t written) {
                                     self->on_write(ec, written);
                                 });
    }

    void on_write(beast::error_code ec, std::size_t written) {
        if (ec)
            return close();
        for (; next_ < buffers_.size() && written >= buffers_[next_].size(); ++next_)
            written -= buffers_[next_].size();
        if (next_ < buffers_.size()) {
            buffers_[next_] += written; // the rest of a piece sent in part
            return write_some();
        }
        if (!response_.keep_alive())
            return close();
        read();
    }

    void close() {
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    }

    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::string_body>> parser_;
    http_response response_;
    std::optional<http::fields::writer> header_writer_; // its buffers point into itself
    std::vector<asio::const_buffer> buffers_;
    std::size_t next_ = 0; // the first piece not yet sent in full
    std::vector<iovec> iov_;
    bool reading_ = false;
    config const& cfg_;
    session_registry& registry_;
};

void session_registry::drain() {
    std::vector<std::shared_ptr<session>> live;
    {
        std::lock_guard lock(mutex_);
        draining_ = true;
        for (auto const& [_, weak] : sessions_)
            if (auto s = weak.lock())
                live.push_back(std::move(s));
    }
    for (auto const& s : live)
        s->drain();
}

/// One I/O loop per thread, each running its own connections: nothing on the way of a request
/// is shared between threads (no strand, no lock). New connections go to the loops in turn.
struct io_loops {
    explicit io_loops(unsigned n) {
        for (unsigned i = 0; i < n; ++i) {
            all.push_back(std::make_unique<asio::io_context>(1));
            keep.push_back(asio::make_work_guard(*all.back())); // a loop without connections waits
        }
    }
    asio::io_context& first() { return *all.front(); }
    asio::io_context& next() { return *all[turn++ % all.size()]; }
    /// Lets each loop return once its connections are gone.
    void release() { keep.clear(); }
    void stop() {
        for (auto& loop : all)
            loop->stop();
    }

    std::vector<std::unique_ptr<asio::io_context>> all;
    std::vector<asio::executor_work_guard<asio::io_context::executor_type>> keep;
    std::size_t turn = 0; // only the first loop accepts
};

class listener : public std::enable_shared_from_this<listener> {
public:
    listener(io_loops& loops, tcp::endpoint const& at, config const& cfg, session_registry& registry)
        : loops_(loops), acceptor_(loops.first()), cfg_(cfg), registry_(registry) {
        acceptor_.open(at.protocol());
        acceptor_.set_option(asio::socket_base::reuse_address(true));
        acceptor_.bind(at);
        acceptor_.listen(asio::socket_base::max_listen_connections);
    }
    tcp::endpoint local_endpoint() const { return acceptor_.local_endpoint(); }
    void accept() {
        acceptor_.async_accept(loops_.next(), [self = shared_from_this()](beast::error_code ec, tcp::socket s) {
            if (ec == asio::error::operation_aborted)
                return; // stopped
            if (!ec) {
                // A response can take several writes (a gathered write sends at most 64 pieces
                // at a time); without this, Nagle holds the last one back until the client's
                // delayed ACK, 40 ms later.
                beast::error_code ignored;
                s.set_option(tcp::no_delay(true), ignored);
                std::make_shared<session>(std::move(s), self->cfg_, self->registry_)->start();
            }
            self->accept();
        });
    }
    void stop() {
        asio::post(acceptor_.get_executor(), [self = shared_from_this()] {
            beast::error_code ignored;
            self->acceptor_.close(ignored);
        });
    }

private:
    io_loops& loops_;
    tcp::acceptor acceptor_;
    config const& cfg_;
    session_registry& registry_;
};

/// Waits, after a stop signal, until every connection is gone or `deadline` passes, checking
/// every 20 ms; then the I/O loops have no work left, or are stopped.
void await_drained(std::shared_ptr<asio::steady_timer> const& timer, session_registry& registry,
                   std::chrono::steady_clock::time_point deadline, io_loops& loops) {
    if (registry.size() == 0)
        return loops.release();
    if (std::chrono::steady_clock::now() >= deadline) {
        std::cerr << "listquery-server: drain timeout, closing " << registry.size() << " connection(s)\n";
        return loops.stop();
    }
    timer->expires_after(std::chrono::milliseconds(20));
    timer->async_wait([timer, &registry, deadline, &loops](beast::error_code) {
        await_drained(timer, registry, deadline, loops);
    });
}

constexpr char const* usage =
    "usage: listquery-server [--engine ENGINE] [--db URL] [--data FILE] [--base-url URL] [--host 127.0.0.1]\n"
    "                        [--port 8080] [--threads N] [--header-timeout SECONDS] [--drain-timeout SECONDS]\n"
    "                        [--statement-timeout SECONDS] [--connect-timeout SECONDS]\n"
    "  --engine, --db, --data, --keyset-key, --keyset-previous-key as for listquery (docs/cli.md);\n"
    "  one database connection per thread, opened again whenever it breaks\n"
    "  --statement-timeout (default 5), --connect-timeout (default 2): the longest wait for the database\n"
    "  --base-url URL  the base of every link (default the server's own http://HOST:PORT)\n"
    "  --port 0 picks a free port; the first line printed is 'listening on http://HOST:PORT'\n";

/** The database's state across every worker's connection, logged once per change: lost when
    the first connection finds it unavailable, back when the last one that did reconnects.
*/
class database_state {
public:
    listquery::sql::reconnect_options reconnect() {
        listquery::sql::reconnect_options o;
        o.on_change = [this](bool available, listquery::query_errors const& why) {
            std::lock_guard lock(mutex_);
            if (!available && down_++ == 0)
                std::cerr << "listquery-server: database unavailable: " << why.diagnostic() << std::endl;
            else if (available && --down_ == 0)
                std::cerr << "listquery-server: database available again" << std::endl;
        };
        return o;
    }

private:
    std::mutex mutex_;
    unsigned down_ = 0; // connections that found it unavailable and have not reconnected yet
};

int usage_error(std::string const& message) {
    std::cerr << "listquery-server: " << message << "\n" << usage;
    return 2;
}

bool parse_number(std::string_view s, unsigned& out, unsigned max) {
    auto const [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc{} && end == s.data() + s.size() && out <= max;
}

} // namespace

int main(int argc, char** argv) {
    std::vector<std::string_view> const args(argv + 1, argv + argc);
    std::string data_file, base_url, host = "127.0.0.1", engine_name, db, keyset_key;
    std::vector<std::string> previous_keys;
    unsigned port = 8080, threads = 2, header_timeout = 30, drain_timeout = 10, statement_timeout = 5, connect_timeout = 2;
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string_view const a = args[i];
        if (a == "--help" || a == "-h") {
            std::cout << usage;
            return 0;
        }
        if (i + 1 == args.size())
            return usage_error(std::string(a) + (a.starts_with("--") ? " needs a value" : ": unexpected argument"));
        std::string_view const v = args[++i];
        if (a == "--data")
            data_file = v;
        else if (a == "--engine")
            engine_name = v;
        else if (a == "--db")
            db = v;
        else if (a == "--keyset-key")
            keyset_key = v;
        else if (a == "--keyset-previous-key")
            previous_keys.emplace_back(v);
        else if (a == "--base-url")
            base_url = v;
        else if (a == "--host")
            host = v;
        else if (a == "--port" && !parse_number(v, port, 65535))
            return usage_error("--port takes a number from 0 to 65535");
        else if (a == "--threads" && (!parse_number(v, threads, 256) || threads == 0))
            return usage_error("--threads takes a number from 1 to 256");
        else if (a == "--header-timeout" && (!parse_number(v, header_timeout, 3600) || header_timeout == 0))
            return usage_error("--header-timeout takes a number of seconds from 1 to 3600");
        else if (a == "--drain-timeout" && !parse_number(v, drain_timeout, 3600))
            return usage_error("--drain-timeout takes a number of seconds from 0 to 3600");
        else if (a == "--statement-timeout" && (!parse_number(v, statement_timeout, 3600) || statement_timeout == 0))
            return usage_error("--statement-timeout takes a number of seconds from 1 to 3600");
        else if (a == "--connect-timeout" && (!parse_number(v, connect_timeout, 3600) || connect_timeout == 0))
            return usage_error("--connect-timeout takes a number of seconds from 1 to 3600");
        else if (a != "--port" && a != "--threads" && a != "--header-timeout" && a != "--drain-timeout" &&
                 a != "--statement-timeout" && a != "--connect-timeout")
            return usage_error("unknown option " + std::string(a));
    }
    config cfg;
    cfg.header_timeout = std::chrono::seconds(header_timeout);
    // Read once at start, before any other thread exists.
    if (char const* file = std::getenv("LISTQUERY_KEYSET_KEY_FILE"); file && keyset_key.empty()) // NOLINT(concurrency-mt-unsafe)
        keyset_key = file;
    if (!previous_keys.empty() && keyset_key.empty())
        return usage_error("--keyset-previous-key needs --keyset-key");
    std::unique_ptr<cf_api::keyset_keys> keyset;
    if (!keyset_key.empty()) {
        std::string error;
        if (!(keyset = cf_api::read_keyset_keys(keyset_key, previous_keys, error)))
            return usage_error(error);
        cfg.settings.keys = &keyset->keys;
    }
    if (!base_url.empty()) {
        auto const parsed = boost::urls::parse_uri(base_url);
        if (!parsed || !parsed->has_authority())
            return usage_error("--base-url must be an absolute URL such as https://api.example.org");
    }
    beast::error_code ec;
    auto const address = asio::ip::make_address(host, ec);
    if (ec)
        return usage_error("--host must be an IP address: " + host);

    using cf_api::engine;
    std::string error;
    auto const chosen = cf_api::choose_engine(engine_name, db, !data_file.empty(), error);
    if (!chosen)
        return usage_error(error);
    engine const e = *chosen;
    std::unique_ptr<cf_api::dataset> data;
    if (e == engine::memory || !data_file.empty() || (e == engine::sqlite && db.empty()))
        if (!(data = cf_api::load_file(data_file, "listquery-server", std::cerr)))
            return 2;
    // The memory backend, which every thread shares; or one connection per worker thread, opened
    // (and loaded, with --data) before serving.
    std::vector<std::unique_ptr<cf_api::backend>> backends;
    database_state state;
    cf_api::connection_settings const connections{{std::chrono::seconds(connect_timeout), std::chrono::seconds(statement_timeout)},
                                                  state.reconnect()};
    if (e == engine::memory) {
        cf_api::prepare_to_serve(*data); // each resource's JSON once, echoed by every response
        backends.push_back(std::make_unique<cf_api::memory_backend>(*data));
    } else {
        for (unsigned i = 0; i < threads; ++i) {
            auto b = cf_api::open_backend(e, db, data.get(), connections);
            if (!b) {
                std::cerr << "listquery-server: " << b.error().diagnostic() << "\n";
                return 2;
            }
            backends.push_back(std::move(*b));
        }
    }

    io_loops loops(threads);
    session_registry registry;
    std::shared_ptr<listener> server;
    try {
        server = std::make_shared<listener>(loops, tcp::endpoint(address, static_cast<unsigned short>(port)), cfg, registry);
    } catch (boost::system::system_error const& e) {
        std::cerr << "listquery-server: cannot listen on " << host << ":" << port << ": " << e.code().message() << "\n";
        return 2;
    }
    server->accept();
    // A stop drains: no new connections; each open one finishes the request it is receiving or
    // answering (within --drain-timeout), then closes; when none is left, run() returns.
    asio::signal_set signals(loops.first(), SIGINT, SIGTERM);
    signals.async_wait([&](beast::error_code ec, int) {
        if (ec)
            return;
        server->stop();
        registry.drain();
        await_drained(std::make_shared<asio::steady_timer>(loops.first()), registry,
                      std::chrono::steady_clock::now() + std::chrono::seconds(drain_timeout), loops);
    });
    auto const at = server->local_endpoint();
    std::string const own = "http://" + (at.address().is_v6() ? "[" + at.address().to_string() + "]" : at.address().to_string()) +
                            ":" + std::to_string(at.port());
    if (base_url.empty())
        base_url = own;
    // A view of the text, which lives until the end: Boost 1.81's url(url_view) copies nothing from
    // a url_view assigned from a boost::urls::url, so the base is never a url object.
    cfg.settings.base_url = boost::urls::parse_uri(base_url).value(); // checked above, or an address and a port
    std::cout << "listening on " << own << std::endl;

    auto const backend_of = [&backends](unsigned thread) { return backends[backends.size() == 1 ? 0 : thread].get(); };
    std::vector<std::thread> pool;
    for (unsigned i = 1; i < threads; ++i)
        pool.emplace_back([&loops, &backend_of, i] {
            thread_backend = backend_of(i);
            loops.all[i]->run();
        });
    thread_backend = backend_of(0);
    loops.first().run();
    for (auto& t : pool)
        t.join();
    return 0;
}
