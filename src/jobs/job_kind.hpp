// JobKind: what the queue must know about a kind of job before it runs: its name and whether running
// it twice is harmless. Only idempotent kinds are retried automatically; a non-idempotent job that
// fails or loses its worker goes to `dead`, for an Administrator to re-queue.
//
// The handlers live in the worker; the kind -> handler table is src/app/job_handlers.cpp.
#pragma once

#include <optional>
#include <string_view>

namespace fg::jobs {

struct JobKind {
  std::string_view name;
  bool idempotent = true;
  int max_attempts = 5;  //!< automatic attempts (idempotent kinds) before `dead`
  //! An org may put it on a cron schedule (POST /api/v1/schedules). Kinds whose ref_id names a one-off
  //! object (an upload) or that operators start (key re-wrap) are not.
  bool schedulable = false;
};

//! Ingest of an uploaded file (ref_id: the upload id). Re-ingest replaces the same periods.
inline constexpr JobKind kIngestUploadKind{"ingest.upload", true, 5};
//! Re-wraps one org's sealed secrets to the active worker key (ref_id: that key id). Resumable.
inline constexpr JobKind kKeyRewrapKind{"keys.rewrap", true, 10};

//! Signs the org's audit chain head and appends the checkpoint to DATA_DIR/audit/checkpoints (ref_id
//! unused). Every org gets a daily schedule of it at creation; an org may add more.
inline constexpr JobKind kAuditCheckpointKind{"audit.checkpoint", true, 5, true};

//! Sweeps the org's upload directory (ref_id unused): quarantine reports past the
//! upload_report_retention_days setting and temporary files a crash left behind
//! (uploads/upload_sweep.hpp). Every org gets a daily schedule of it at creation.
inline constexpr JobKind kUploadsCleanupKind{"uploads.cleanup", true, 5, true};

//! Test-only kinds: registered by the worker only when the enable_test_job_kinds setting is on (refused
//! in production mode). test.count appends its ref_id to a file in the data dir, so a test can count
//! runs per job (and is schedulable, for the scheduler tests); test.sleep and test.sleep_unsafe sleep ref_id
//! milliseconds, checking for shutdown.
inline constexpr JobKind kTestCountKind{"test.count", true, 5, true};
inline constexpr JobKind kTestSleepKind{"test.sleep", true, 5};
inline constexpr JobKind kTestSleepUnsafeKind{"test.sleep_unsafe", false, 1};
inline constexpr JobKind kTestFailKind{"test.fail", true, 3};

//! True for the test.* kinds above: schedules and workers accept them only with enable_test_job_kinds.
constexpr bool is_test_kind(std::string_view name) {
  return name.starts_with("test.");
}

//! The kind of that name among the kinds above; nullopt for an unknown one (schedules name kinds).
std::optional<JobKind> find_kind(std::string_view name);

}  // namespace fg::jobs
