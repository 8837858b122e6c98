// Test-only job handlers (kinds test.*). src/app/job_handlers.cpp registers them only when the
// enable_test_job_kinds setting is on, which config refuses in production mode.
//
//   test.count         appends "<job id> <ref_id>\n" to `runs_file`: the multi-process tests count runs
//   test.sleep         sleeps ref_id milliseconds; stops at once (interrupted) when asked to
//   test.sleep_unsafe  sleeps ref_id milliseconds and ignores stop requests (a non-idempotent job cut off)
//   test.fail          always fails with a transient error
#pragma once

#include <string>

#include "worker/handler_table.hpp"

namespace fg::worker {

//! Adds the four kinds. Errors as HandlerTable::add.
Status add_test_handlers(HandlerTable& table, const std::string& runs_file);

}  // namespace fg::worker
