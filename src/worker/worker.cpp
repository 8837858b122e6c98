#include "worker/worker.hpp"

#include <unistd.h>

#include <algorithm>

#include "core/log.hpp"

namespace fg::worker {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

constexpr milliseconds kMaintenanceTick{100};  // how often the maintenance thread looks at its clocks
constexpr milliseconds kReapEvery{1000};       // a dead worker's jobs come back within lease + this

std::string millis_text(steady_clock::duration d) {
  return std::to_string(std::chrono::duration_cast<milliseconds>(d).count());
}

}  // namespace

TimeLimits default_time_limits() {
  return {{std::string(jobs::kIngestUploadKind.name), std::chrono::minutes(30)}};
}

std::string default_worker_id() {
  char host[64] = {};
  if (::gethostname(host, sizeof(host) - 1) != 0) host[0] = '\0';
  return std::string(host) + ":" + std::to_string(::getpid()) + ":" + Uuid::random().to_string().substr(0, 4);
}

Worker::Worker(store::Database& db, HandlerTable handlers, WorkerOptions options, jobs::JobMetrics& metrics,
               const audit::AuditLog& audit, const Clock& clock)
    : db_(db),
      handlers_(std::move(handlers)),
      options_(std::move(options)),
      metrics_(metrics),
      audit_(audit),
      clock_(clock),
      scopes_(options_.worker_id.empty() ? default_worker_id() : options_.worker_id),
      queue_(db, clock),
      kinds_(handlers_.kinds()) {
  options_.concurrency = std::clamp(options_.concurrency, 1, 64);
  options_.scheduler_tick = std::max(options_.scheduler_tick, milliseconds(10));
  if (options_.run_scheduler) {
    scheduler_ = std::make_unique<jobs::Scheduler>(
        db_, audit_, options_.scheduler_clock != nullptr ? *options_.scheduler_clock : clock_, worker_id(),
        [this](const OrgId& org) { return scopes_.for_due_schedule(org); }, options_.scheduler_lease);
  }
}

Worker::~Worker() {
  stop();
  maintenance_stop_ = true;
  cv_.notify_all();
  // The maintenance thread first: it may add a replacement runner (time limit) to runners_.
  if (maintenance_.joinable()) maintenance_.join();
  for (std::thread& t : runners_) {
    if (t.joinable()) t.join();
  }
}

void Worker::start() {
  log::info("worker started", {{"worker_id", worker_id()},
                               {"concurrency", std::to_string(options_.concurrency)},
                               {"lease_ms", std::to_string(options_.lease.count())}});
  active_runners_ = options_.concurrency;
  for (int i = 0; i < options_.concurrency; ++i) runners_.emplace_back([this] { run_loop(); });
  maintenance_ = std::thread([this] { maintenance_loop(); });
}

void Worker::stop() {
  if (stopping_.exchange(true)) return;
  std::lock_guard lock(mu_);
  for (const auto& r : running_) r->stop.store(true, std::memory_order_release);
  cv_.notify_all();
}

void Worker::run_loop() {
  while (!stopping_.load()) {
    Result<std::optional<jobs::Job>> claimed = queue_.claim(kinds_, worker_id(), options_.lease);
    if (claimed.ok() && *claimed) {
      metrics_.count_claim();
      if (!run_one(std::move(**claimed))) break;  // abandoned at its time limit; replaced already
      continue;
    }
    if (!claimed.ok()) log::debug("claim failed; retrying", {{"error", claimed.status().to_string()}});
    std::unique_lock lock(mu_);
    cv_.wait_for(lock, options_.poll, [this] { return stopping_.load(); });
  }
  --active_runners_;
  cv_.notify_all();
}

std::chrono::milliseconds Worker::time_limit_of(std::string_view kind) const {
  auto it = options_.time_limits.find(kind);
  return it != options_.time_limits.end() ? it->second : options_.default_time_limit;
}

bool Worker::run_one(jobs::Job job) {
  OrgScope scope = scopes_.for_claimed_job(job);
  auto r = std::make_shared<Running>(std::move(job), std::move(scope));
  r->limit = time_limit_of(r->job.kind);
  r->deadline = steady_clock::now() + r->limit;
  {
    std::lock_guard lock(mu_);
    running_.push_back(r);
    if (stopping_.load()) r->stop = true;
  }
  const JobHandler* handler = handlers_.find(r->job.kind);
  JobContext ctx(r->job, r->scope, db_, r->stop);
  const steady_clock::time_point t0 = steady_clock::now();
  Status result;
  if (handler == nullptr) {
    result = internal_error("no handler for this kind");  // unreachable: only known kinds are claimed
  } else {
    try {
      result = (*handler)(ctx);
    } catch (...) {
      result = internal_error("job handler threw");
    }
  }
  bool abandoned = false;
  bool timed_out = false;
  {
    std::lock_guard lock(mu_);
    abandoned = r->abandoned;
    timed_out = r->timed_out;
    running_.remove(r);
  }
  cv_.notify_all();
  if (abandoned) {
    log::warn(
        "job finished after it was released",
        {{"job_id", r->job.id.to_string()}, {"kind", r->job.kind}, {"reason", timed_out ? "time limit" : "shutdown"}});
    if (!timed_out) return true;
    --abandoned_inflight_;
    cv_.notify_all();
    return false;
  }
  if (timed_out) {
    fail_timed_out(*r);
  } else if (ctx.was_interrupted() && !result.ok()) {
    Result<jobs::JobStatus> s = queue_.release(r->scope, r->job, true);
    metrics_.count_outcome(r->job.kind, "released");
    log::info(
        "job released",
        {{"job_id", r->job.id.to_string()}, {"kind", r->job.kind}, {"ok", s.ok() ? "true" : s.status().to_string()}});
  } else {
    finish(*r, result, steady_clock::now() - t0);
  }
  ++finished_;
  return true;
}

void Worker::fail_timed_out(Running& r) {
  const long long seconds = std::chrono::duration_cast<std::chrono::seconds>(r.limit).count();
  const std::string limit_text = seconds > 0 ? std::to_string(seconds) + " s" : std::to_string(r.limit.count()) + " ms";
  const Status error = resource_exhausted_error("job ran past its wall-clock limit of " + limit_text + " for " +
                                                r.job.kind + " (setting job_time_limits)");
  Result<jobs::JobStatus> s = queue_.fail(r.scope, r.job, error, /*permanent=*/true);
  const std::string outcome = s.ok() ? std::string(jobs::status_name(*s)) : "lease_lost";
  metrics_.count_outcome(r.job.kind, outcome);
  log::warn("job past its time limit", {{"job_id", r.job.id.to_string()},
                                        {"kind", r.job.kind},
                                        {"org_id", r.job.org_id.to_string()},
                                        {"limit_ms", std::to_string(r.limit.count())},
                                        {"status", outcome}});
}

void Worker::enforce_time_limits() {
  const steady_clock::time_point now = steady_clock::now();
  std::vector<std::shared_ptr<Running>> overdue;
  {
    std::lock_guard lock(mu_);
    for (auto it = running_.begin(); it != running_.end();) {
      Running& r = **it;
      if (!r.timed_out && now >= r.deadline) {
        r.timed_out = true;
        r.grace_end = now + options_.time_limit_grace;
        r.stop.store(true, std::memory_order_release);
      } else if (r.timed_out && now >= r.grace_end) {
        // The handler ignored the stop request: take its job and its runner's place.
        r.abandoned = true;
        overdue.push_back(*it);
        it = running_.erase(it);
        continue;
      }
      ++it;
    }
  }
  for (const auto& r : overdue) {
    ++abandoned_inflight_;
    fail_timed_out(*r);
    if (stopping_.load()) continue;
    ++active_runners_;
    runners_.emplace_back([this] { run_loop(); });
  }
  if (!overdue.empty()) cv_.notify_all();
}

void Worker::finish(Running& r, const Status& result, steady_clock::duration took) {
  const double seconds = std::chrono::duration<double>(took).count();
  metrics_.observe_duration(r.job.kind, seconds);
  std::string outcome;
  if (result.ok()) {
    Status s = queue_.complete(r.scope, r.job);
    outcome = s.ok() ? "succeeded" : "lease_lost";
  } else {
    Result<jobs::JobStatus> s = queue_.fail(r.scope, r.job, result, is_permanent_failure(result));
    outcome = s.ok() ? std::string(jobs::status_name(*s)) : "lease_lost";
  }
  metrics_.count_outcome(r.job.kind, outcome);
  log::Fields fields = {{"job_id", r.job.id.to_string()},
                        {"kind", r.job.kind},
                        {"org_id", r.job.org_id.to_string()},
                        {"attempt", std::to_string(r.job.attempts)},
                        {"outcome", outcome},
                        {"duration_ms", millis_text(took)}};
  if (!result.ok()) fields.emplace_back("error", jobs::error_summary(result));
  if (result.ok() && outcome == "succeeded") {
    log::info("job finished", fields);
  } else {
    log::warn("job finished", fields);
  }
}

bool Worker::wait() {
  stop();
  const steady_clock::time_point deadline = steady_clock::now() + options_.shutdown_timeout;
  std::vector<std::shared_ptr<Running>> left;
  {
    std::unique_lock lock(mu_);
    cv_.wait_until(lock, deadline, [this] { return running_.empty(); });
    for (const auto& r : running_) {
      r->abandoned = true;
      left.push_back(r);
    }
    running_.clear();
  }
  for (const auto& r : left) {
    // A handler that did not stop in time may be half-way: only an idempotent kind may run again.
    Result<jobs::JobStatus> s = queue_.release(r->scope, r->job, r->job.idempotent);
    const std::string outcome = s.ok() ? std::string(jobs::status_name(*s)) : "lease_lost";
    metrics_.count_outcome(r->job.kind, outcome == "queued" ? "released" : outcome);
    log::warn("job released at shutdown timeout",
              {{"job_id", r->job.id.to_string()}, {"kind", r->job.kind}, {"status", outcome}});
  }
  {
    std::unique_lock lock(mu_);
    const int stuck = static_cast<int>(left.size());
    cv_.wait_until(lock, steady_clock::now() + std::chrono::seconds(5),
                   [this, stuck] { return active_runners_.load() <= stuck + abandoned_inflight_.load(); });
  }
  maintenance_stop_ = true;
  cv_.notify_all();
  if (maintenance_.joinable()) maintenance_.join();
  // Hand the scheduler over at once rather than after the lease runs out.
  if (scheduler_) scheduler_->release_lease().ok();
  // Stuck runners (shutdown or time limit) stay joinable; the caller ends the process.
  if (!left.empty() || abandoned_inflight_.load() > 0) return false;
  for (std::thread& t : runners_) {
    if (t.joinable()) t.join();
  }
  log::info("worker stopped", {{"worker_id", worker_id()}});
  return true;
}

void Worker::maintenance_loop() {
  const milliseconds heartbeat_every = std::max(options_.lease / 3, milliseconds(50));
  const milliseconds reap_every = std::min(kReapEvery, std::max(options_.lease / 3, milliseconds(50)));
  steady_clock::time_point next_heartbeat = steady_clock::now() + heartbeat_every;
  steady_clock::time_point next_reap = steady_clock::now();
  steady_clock::time_point next_schedule = steady_clock::now();
  while (!maintenance_stop_.load()) {
    const steady_clock::time_point now = steady_clock::now();
    if (now >= next_heartbeat) {
      heartbeat_all();
      next_heartbeat = now + heartbeat_every;
    }
    enforce_time_limits();
    if (now >= next_reap && !stopping_.load()) {
      reap();
      next_reap = now + reap_every;
    }
    if (scheduler_ && now >= next_schedule && !stopping_.load()) {
      Result<int> fired = scheduler_->tick();
      if (!fired.ok()) log::debug("scheduler tick failed", {{"error", fired.status().to_string()}});
      next_schedule = now + options_.scheduler_tick;
    }
    std::unique_lock lock(mu_);
    cv_.wait_for(lock, kMaintenanceTick, [this] { return maintenance_stop_.load(); });
  }
}

void Worker::heartbeat_all() {
  std::vector<std::shared_ptr<Running>> snapshot;
  {
    std::lock_guard lock(mu_);
    snapshot.assign(running_.begin(), running_.end());
  }
  for (const auto& r : snapshot) {
    Status s = queue_.heartbeat(r->scope, r->job, options_.lease);
    if (s.code() == StatusCode::kConflict) {
      // Reaped (this process stalled past its lease) or released: the job is no longer ours.
      r->stop = true;
      log::warn("lease lost", {{"job_id", r->job.id.to_string()}, {"kind", r->job.kind}});
    } else if (!s.ok()) {
      log::warn("heartbeat failed", {{"job_id", r->job.id.to_string()}, {"error", s.to_string()}});
    }
  }
}

void Worker::reap() {
  Result<std::vector<jobs::ReapedJob>> reaped = queue_.reap_expired();
  if (!reaped.ok()) {
    log::debug("reap failed", {{"error", reaped.status().to_string()}});
    return;
  }
  for (const jobs::ReapedJob& j : *reaped) {
    metrics_.count_lease_expiry(jobs::status_name(j.status));
    log::warn("lease expired; worker lost", {{"job_id", j.id.to_string()},
                                             {"kind", j.kind},
                                             {"org_id", j.org_id.to_string()},
                                             {"status", std::string(jobs::status_name(j.status))}});
  }
}

}  // namespace fg::worker
