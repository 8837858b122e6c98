// Structured logging: one JSON object per line (or plain text), with the request id of the current
// thread, after redaction of anything shaped like a credential.
//
//   log::info("ingest finished", {{"rows", "1200"}, {"source", name}});
//   log::ScopedRequestId rid(request_id);   // every line on this thread now carries it
//
// Redaction is a net, not the plan: secrets live in SecretBuffer, which cannot be formatted at all.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/config.hpp"

namespace fg::log {

enum class Level { kTrace, kDebug, kInfo, kWarn, kError };

using Fields = std::vector<std::pair<std::string, std::string>>;

//! Sets the level and format from the config; logs go to stderr. Call once, before threads start.
void init(const Config& cfg);
//! Sends log lines to `path` instead (tests read them back to grep for canaries).
void init_to_file(const Config& cfg, const std::string& path);

void emit(Level level, std::string_view message, const Fields& fields = {});
inline void trace(std::string_view m, const Fields& f = {}) { emit(Level::kTrace, m, f); }
inline void debug(std::string_view m, const Fields& f = {}) { emit(Level::kDebug, m, f); }
inline void info(std::string_view m, const Fields& f = {}) { emit(Level::kInfo, m, f); }
inline void warn(std::string_view m, const Fields& f = {}) { emit(Level::kWarn, m, f); }
inline void error(std::string_view m, const Fields& f = {}) { emit(Level::kError, m, f); }

//! Masks credential-shaped substrings: API keys (fgk_...), bearer tokens, session cookies,
//! password/secret/token key-value pairs. Thread-safe.
std::string redact(std::string_view text);

//! Sets the thread's request id for its lifetime, restoring the previous one after.
class ScopedRequestId {
 public:
  explicit ScopedRequestId(std::string id);
  ~ScopedRequestId();
  ScopedRequestId(const ScopedRequestId&) = delete;
  ScopedRequestId& operator=(const ScopedRequestId&) = delete;

 private:
  std::string previous_;
};
//! The thread's current request id ("" if none).
const std::string& current_request_id();

}  // namespace fg::log
