#pragma once

#include <string>
#include <utility>
#include <variant>

namespace bunny {

/// An error a user can read: a sentence, not a code.
struct Error
{
    std::string message;
};

/// The value of a fallible call, or the reason it failed. A small stand-in for std::expected,
/// which GCC 12 only offers in C++23 mode and clang 14 (the fuzzers' compiler) cannot use.
template<typename T>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_data(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : m_data(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    T &value() & { return std::get<0>(m_data); }
    const T &value() const & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }

    const Error &error() const { return std::get<1>(m_data); }
    const std::string &message() const { return error().message; }

private:
    std::variant<T, Error> m_data;
};

template<>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)), m_failed(true) {}

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return m_error; }
    const std::string &message() const { return m_error.message; }

private:
    Error m_error;
    bool m_failed = false;
};

inline Error makeError(std::string message)
{
    return Error{std::move(message)};
}

} // namespace bunny
