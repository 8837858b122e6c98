#include "identity/sso/jwks_cache.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/log.hpp"
#include "crypto/encoding.hpp"

namespace fg::identity {
namespace {

// The refresher re-reads the clock at least this often even when nothing is due: a wall clock that
// jumps forward cannot push a refresh back by more than this.
constexpr std::chrono::seconds kIdleRecheck{60};

Timestamp plus(Timestamp t, std::chrono::seconds d) {
  return Timestamp{t.micros + std::chrono::duration_cast<std::chrono::microseconds>(d).count()};
}

}  // namespace

std::chrono::seconds jwks_retry_delay(int failures) {
  std::chrono::seconds d = kJwksRetryInitial;
  for (int i = 1; i < failures && d < kJwksRetryMax; ++i) d *= 2;
  return std::min(d, kJwksRetryMax);
}

std::string jwt_header_alg(std::string_view token) {
  const std::size_t dot = token.find('.');
  if (dot == std::string_view::npos) return {};
  Result<crypto::Bytes> raw = crypto::base64url_decode(token.substr(0, dot));
  if (!raw.ok()) return {};
  nlohmann::json h = nlohmann::json::parse(raw->begin(), raw->end(), nullptr, /*allow_exceptions=*/false);
  if (!h.is_object() || !h.contains("alg") || !h["alg"].is_string()) return {};
  return h["alg"].get<std::string>();
}

JwksCache::JwksCache(const net::HttpClient& client, const Clock& clock, std::string jwks_uri)
    : client_(client), clock_(clock), uri_(std::move(jwks_uri)), next_due_(clock.now()) {
  refresher_ = std::jthread([this](std::stop_token stop) { run(std::move(stop)); });
}

JwksCache::~JwksCache() {
  // The stop wakes an idle refresher at once; a fetch in flight cannot be interrupted and ends
  // within the client's timeout, before the state it writes to is destroyed.
  refresher_.request_stop();
  refresher_.join();
}

Result<crypto::Jwks> JwksCache::fetch() const {
  Result<net::OutboundResponse> r = client_.get(uri_);
  if (!r.ok()) return unavailable_error("identity provider keys: " + r.status().message());
  if (r->status != 200) return unavailable_error("identity provider keys: HTTP " + std::to_string(r->status));
  Result<crypto::Jwks> set = crypto::Jwks::parse(r->body);
  if (!set.ok()) return unavailable_error("identity provider keys: " + set.status().message());
  return set;
}

void JwksCache::record_locked(Result<crypto::Jwks> set, Timestamp attempted_at) {
  attempted_ = true;
  last_attempt_ = attempted_at;
  if (set.ok()) {
    keys_ = std::make_shared<const crypto::Jwks>(std::move(*set));
    // Aged from the request, not the answer: a slow answer is no fresher than what was asked for.
    fetched_at_ = attempted_at;
    failures_ = 0;
    next_due_ = plus(attempted_at, kJwksMaxAge - kJwksRefreshLead);
    return;
  }
  ++failures_;
  next_due_ = plus(attempted_at, jwks_retry_delay(failures_));
  log::warn("identity provider keys not refreshed",
            {{"error", set.status().message()}, {"failures", std::to_string(failures_)}});
}

void JwksCache::wake_locked() {
  ++wakes_;
  wake_.notify_all();
}

void JwksCache::run(std::stop_token stop) {
  std::unique_lock lock(mu_);
  while (!stop.stop_requested()) {
    const Timestamp now = clock_.now();
    if (now >= next_due_) {
      in_flight_ = true;
      lock.unlock();
      Result<crypto::Jwks> set = fetch();
      lock.lock();
      in_flight_ = false;
      record_locked(std::move(set), now);
      changed_.notify_all();
      continue;
    }
    seen_ = wakes_;
    changed_.notify_all();
    // The schedule is in the injected clock's time; sleeping the same span of real time is exact for
    // the system clock, and a manual clock's owner wakes the refresher after moving it.
    const std::chrono::microseconds until_due{next_due_.micros - now.micros};
    wake_.wait_for(lock, stop, std::min<std::chrono::microseconds>(until_due, kIdleRecheck),
                   [this] { return wakes_ != seen_; });
  }
}

bool JwksCache::settle_for_test(std::chrono::milliseconds deadline) {
  std::unique_lock lock(mu_);
  wake_locked();
  return changed_.wait_for(lock, deadline, [this] { return !in_flight_ && seen_ == wakes_; });
}

Result<crypto::VerifiedJwt> JwksCache::verify(std::string_view token, const crypto::JwtPolicy& policy) {
  const std::string alg = jwt_header_alg(token);
  if (alg != "RS256" && alg != "ES256" && alg != "PS256") {
    return unauthenticated_error("token refused: unsupported alg");
  }
  std::shared_ptr<const crypto::Jwks> keys;
  Timestamp now;
  {
    std::unique_lock lock(mu_);
    // Right after start-up the prefetch is usually a few milliseconds from done: waiting for it
    // briefly beats a 503 for the first sign-in. Only until the first attempt ends, and bounded, so a
    // hanging provider costs each early request kJwksFirstFetchWait at most, and later ones nothing.
    if (!attempted_) changed_.wait_for(lock, kJwksFirstFetchWait, [this] { return attempted_; });
    now = clock_.now();
    if (now >= next_due_ && !in_flight_ && wakes_ == seen_) wake_locked();
    if (!keys_) return unavailable_error("identity provider keys: not fetched yet");
    if (now > plus(fetched_at_, kJwksMaxAge + kJwksGrace)) {
      return unavailable_error("identity provider keys: out of date, the provider has not answered for too long");
    }
    keys = keys_;
  }
  Result<crypto::VerifiedJwt> v = crypto::verify_jwt(token, *keys, policy, now);
  // crypto::verify_jws names this one reason "no key for this kid and alg": the only failure a
  // refetch can cure (the provider rotated its keys since we fetched them).
  if (v.ok() || v.status().message().find("no key for") == std::string::npos) return v;
  {
    std::lock_guard lock(mu_);
    if (keys_ == keys) {
      // Pulled forward only while the provider is healthy: during a backoff, forged kids must not
      // bring the retries back to one per kJwksMinRefresh.
      if (!in_flight_ && failures_ == 0 && now >= plus(last_attempt_, kJwksMinRefresh) && now < next_due_) {
        next_due_ = now;
        wake_locked();
      }
      if (in_flight_ || now >= next_due_) {
        return unavailable_error("token signed with a key not yet fetched; the provider's keys are being refreshed");
      }
      return v;
    }
    keys = keys_;  // a refetch landed meanwhile: it may hold the kid
  }
  return crypto::verify_jwt(token, *keys, policy, now);
}

}  // namespace fg::identity
