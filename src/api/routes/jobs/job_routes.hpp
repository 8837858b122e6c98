// The job routes: an org's view of its own queue, and an Administrator's retry of a dead job.
//
//   GET  /api/v1/jobs                 jobs.read    this org's jobs, newest first; ?status=&kind=&limit=
//   GET  /api/v1/jobs/{id}            jobs.read    one job; another org's job is a 404 like a missing one
//   POST /api/v1/jobs/{id}/retry      jobs.manage  dead -> queued, audited job.retried; 409 if not dead
//
// Permission names are identity's (src/identity/permission_table.cpp). A job carries references only
// (kind, ref_id), so nothing here can echo a secret. The API enqueues and reads; it never runs jobs.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "api/router/router.hpp"
#include "audit/audit_log.hpp"
#include "jobs/job.hpp"
#include "jobs/schedule_store.hpp"
#include "store/database.hpp"

namespace fg::api {

//! The jobs module's routes: the three above and the schedule routes (schedule_routes.hpp). `db` and
//! `audit` must outlive the router. Errors as Router::add. Serve and the test fixtures call it alike.
Status install_jobs(Router& router, store::Database& db, const audit::AuditLog& audit,
                    jobs::ScheduleRules schedules = {});

//! The JSON form of a job (timestamps as ISO 8601, absent ones as null).
nlohmann::json job_json(const jobs::Job& job);
//! The response schema of job_json (OpenAPI).
nlohmann::json job_schema();

}  // namespace fg::api
