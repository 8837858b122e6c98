// Programmer-error checks. Never use these on user input: bad input is a Status.
//
// FG_ASSERT(cond): debug builds only, for invariants the code proves. FG_CHECK(cond): kept in release,
// for states that cannot be recovered from (a wrong key length, a broken invariant that would corrupt
// data). Each use carries a comment saying why the condition holds.
#pragma once

namespace fg::detail {
[[noreturn]] void check_failed(const char* expr, const char* file, int line);
}  // namespace fg::detail

#define FG_CHECK(cond) \
  ((cond) ? static_cast<void>(0) : ::fg::detail::check_failed(#cond, __FILE__, __LINE__))

#ifdef NDEBUG
#define FG_ASSERT(cond) static_cast<void>(0)
#else
#define FG_ASSERT(cond) FG_CHECK(cond)
#endif
