// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <listquery/endpoint.hpp>
#include <listquery/pipeline/match.hpp>
#include <listquery/query.hpp>

#include <functional>
#include <iterator>
#include <memory>
#include <ranges>
#include <type_traits>
#include <utility>

// The stages use only std::ranges concepts and ranges::begin/end, never std::views: clang 14
// cannot compile libstdc++ 12's range adaptors.

namespace listquery {

namespace detail {

template <class E>
inline constexpr bool is_reference_wrapper_v = false;
template <class U>
inline constexpr bool is_reference_wrapper_v<std::reference_wrapper<U>> = true;

/// The resource an element refers to: the element, `*p` for a pointer, `.get()` for a
/// `std::reference_wrapper`.
template <class Element>
struct element_traits {
    using resource = std::remove_cvref_t<Element>;
    static resource const* address(resource const& e) { return std::addressof(e); }
};
template <class Element>
    requires std::is_pointer_v<std::remove_cvref_t<Element>>
struct element_traits<Element> {
    using resource = std::remove_cv_t<std::remove_pointer_t<std::remove_cvref_t<Element>>>;
    static resource const* address(resource const* p) { return p; } // a null element is skipped
};
template <class Element>
    requires is_reference_wrapper_v<std::remove_cvref_t<Element>>
struct element_traits<Element> {
    using resource = std::remove_cv_t<typename std::remove_cvref_t<Element>::type>;
    static resource const* address(std::remove_cvref_t<Element> const& e) { return std::addressof(e.get()); }
};

template <class R>
using resource_t = typename element_traits<std::ranges::range_reference_t<R>>::resource;

/// A forward range whose elements stay where they are, so results may point at them.
template <class R>
concept stable_range =
    std::ranges::forward_range<R> &&
    (std::is_lvalue_reference_v<std::ranges::range_reference_t<R>> ||
     std::is_pointer_v<std::remove_cvref_t<std::ranges::range_reference_t<R>>> ||
     is_reference_wrapper_v<std::remove_cvref_t<std::ranges::range_reference_t<R>>>);

/// A range passed to a stage: an lvalue is held by address, anything else (a span, a stage's
/// own view) by value.
template <class R>
class range_holder {
public:
    explicit range_holder(R&& r) : stored_(init(std::forward<R>(r))) {}
    decltype(auto) get() const {
        if constexpr (std::is_lvalue_reference_v<R>)
            return *stored_;
        else
            return (stored_);
    }

private:
    using stored = std::conditional_t<std::is_lvalue_reference_v<R>, std::remove_reference_t<R>*, std::remove_cvref_t<R>>;
    static stored init(R&& r) {
        if constexpr (std::is_lvalue_reference_v<R>)
            return std::addressof(r);
        else
            return std::move(r);
    }
    stored stored_;
};

/// Results point at the range's elements, so a temporary container is refused at compile time.
template <class R>
constexpr bool check_lasting_range() {
    static_assert(std::is_lvalue_reference_v<R> || std::ranges::borrowed_range<R>,
                  "listquery: pass the container as an lvalue: results point at its elements");
    return true;
}

/// The filter stage's predicate: the element refers to a resource that matches.
template <class T>
struct keep_matching {
    matcher<T> match;
    template <class Element>
    bool operator()(Element const& e) const {
        auto const* r = element_traits<Element const&>::address(e);
        return r && match(*r);
    }
};

/// A stage waiting for its range: `range | stage`.
template <class F>
struct stage_closure {
    F apply;
};

template <class R, class F>
auto operator|(R&& r, stage_closure<F> const& s) -> decltype(s.apply(std::forward<R>(r))) {
    return s.apply(std::forward<R>(r));
}

template <class Stage, class... Args>
auto make_closure(Args const&... args) {
    auto apply = [&args...](auto&& range) -> decltype(Stage{}(std::forward<decltype(range)>(range), args...)) {
        return Stage{}(std::forward<decltype(range)>(range), args...);
    };
    return stage_closure<decltype(apply)>{apply};
}

} // namespace detail

namespace detail {

//------------------------------------------------
/** The resources of a range that match a query: a lazy forward range, made by the filter stage.
    It refers to the caller's range, which must outlive it (as must the query).
*/
template <class Holder, class Keep>
class filtered_view {
public:
    filtered_view(Holder base, Keep keep) : base_(std::move(base)), keep_(std::move(keep)) {}

    /// An iterator over the matching elements.
    class iterator {
        using base_iterator = decltype(std::ranges::begin(std::declval<Holder const&>().get()));
        using base_sentinel = decltype(std::ranges::end(std::declval<Holder const&>().get()));

    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = std::iter_value_t<base_iterator>;
        using difference_type = std::ptrdiff_t;
        using reference = std::iter_reference_t<base_iterator>;

        iterator() = default;
        iterator(base_iterator it, base_sentinel end, Keep const* keep) : it_(it), end_(end), keep_(keep) { skip(); }
        reference operator*() const { return *it_; }
        iterator& operator++() {
            ++it_;
            skip();
            return *this;
        }
        iterator operator++(int) {
            auto copy = *this;
            ++*this;
            return copy;
        }
        friend bool operator==(iterator const& a, iterator const& b) { return a.it_ == b.it_; }
        friend bool operator==(iterator const& a, std::default_sentinel_t) { return a.it_ == a.end_; }

    private:
        void skip() {
            while (it_ != end_ && !(*keep_)(*it_))
                ++it_;
        }
        base_iterator it_{};
        base_sentinel end_{};
        Keep const* keep_ = nullptr;
    };

    iterator begin() const { return {std::ranges::begin(base_.get()), std::ranges::end(base_.get()), &keep_}; }
    std::default_sentinel_t end() const { return {}; }

    /// The filtered range.
    decltype(auto) base() const { return base_.get(); }
    /// The predicate.
    Keep const& pred() const { return keep_; }

private:
    Holder base_;
    Keep keep_;
};

} // namespace detail

/** The filter stage: `listquery::filter<E>(range, q)` or `range | listquery::filter<E>(q)`, and
    with a nested route's scope `filter<E>(range, q, E.within(guid))`.

    A lazy view of the resources of `range` in the scope that match the query. The range is not
    copied; pass containers as lvalues, since results point at their elements.
*/
template <endpoint const& E>
struct filter_fn {
    template <class R>
        requires detail::stable_range<R>
    auto operator()(R&& range, list_query const& q, std::optional<scope> const& within = {}) const {
        static_assert(detail::check_lasting_range<R>());
        using T = detail::resource_t<R>;
        static_assert(detail::check_resource<E, T>());
        return detail::filtered_view<detail::range_holder<R>, detail::keep_matching<T>>(
            detail::range_holder<R>(std::forward<R>(range)), detail::keep_matching<T>{detail::matcher<T>(q, within)});
    }

    /// The stage, for `range | listquery::filter<E>(q)`; `q` must outlive the view.
    auto operator()(list_query const& q) const { return detail::make_closure<filter_fn>(q); }
    /// The stage within a scope, for `range | listquery::filter<E>(q, s)`; `q` and `s` must
    /// outlive the view.
    auto operator()(list_query const& q, scope const& within) const { return detail::make_closure<filter_fn>(q, within); }
};

/// The filter stage for endpoint `E`.
template <endpoint const& E>
inline constexpr filter_fn<E> filter{};

} // namespace listquery

// A filtered view refers to the caller's elements, so its iterators outlive it.
template <class Holder, class Keep>
inline constexpr bool std::ranges::enable_borrowed_range<listquery::detail::filtered_view<Holder, Keep>> = true;
