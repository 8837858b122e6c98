// The schedule routes: an org's cron schedules (jobs/schedule_store.hpp does the work and the audit).
//
//   GET    /api/v1/schedules        jobs.read    this org's schedules, by name
//   POST   /api/v1/schedules        jobs.manage  {name, kind, ref_id?, cron, time_zone?}: 201, schedule.created
//   PATCH  /api/v1/schedules/{id}   jobs.manage  {enabled?, cron?, time_zone?}: 200, schedule.updated
//   DELETE /api/v1/schedules/{id}   jobs.manage  204, schedule.deleted
//
// Only schedulable kinds are accepted (job_kind.hpp). Another org's schedule is a 404 like a missing one.
#pragma once

#include <nlohmann/json.hpp>

#include "api/router/router.hpp"
#include "audit/audit_log.hpp"
#include "jobs/schedule_store.hpp"
#include "store/database.hpp"

namespace fg::api {

//! Adds the four routes; install_jobs (job_routes.hpp) calls it, everything else calls install_jobs.
//! `db` and `audit` must outlive the router. Errors as Router::add.
Status add_schedule_routes(Router& router, store::Database& db, const audit::AuditLog& audit,
                           jobs::ScheduleRules rules = {});

//! The JSON form of a schedule (timestamps as ISO 8601, an absent last run as null).
nlohmann::json schedule_json(const jobs::Schedule& schedule);
//! The response schema of schedule_json (OpenAPI).
nlohmann::json schedule_schema();

}  // namespace fg::api
