// What the test scripts hand the tests: the throw-away PostgreSQL server, the shared sample data and
// the built binary. Tests that need PostgreSQL skip only when FG_TEST_REQUIRE_PG is unset; `make test`
// and CI set it, so a missing server fails there instead of passing silently.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace fg::testing {

//! Owner (superuser) URL of the test PostgreSQL server (FG_TEST_PG_URL), if one was started.
std::optional<std::string> pg_admin_url();
//! True when FG_TEST_REQUIRE_PG=1: tests must fail, not skip, without PostgreSQL.
bool pg_required();
//! ../shared/data relative to the repository, if present (FG_SHARED_DATA overrides).
std::optional<std::string> shared_data_dir();
//! The finguard binary under test (FG_BINARY, default build/finguard).
std::string finguard_binary();
//! A loopback TCP port that was free a moment ago, for a `finguard` process to listen on (its listen
//! setting refuses port 0). Another process may take it in between; tests accept that small race.
std::uint16_t free_loopback_port();
//! A fresh empty directory under the system temp dir, removed at process exit.
std::string make_temp_dir(const std::string& prefix);

}  // namespace fg::testing

//! Skips (or fails, under make test) a test that needs PostgreSQL.
#define FG_REQUIRE_PG()                                                        \
  do {                                                                         \
    if (!::fg::testing::pg_admin_url()) {                                      \
      if (::fg::testing::pg_required()) FAIL() << "FG_TEST_PG_URL is not set"; \
      GTEST_SKIP() << "no PostgreSQL (FG_TEST_PG_URL unset)";                  \
    }                                                                          \
  } while (0)
