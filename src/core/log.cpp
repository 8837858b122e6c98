#include "core/log.hpp"

#include <memory>
#include <regex>

#include <nlohmann/json.hpp>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "core/time.hpp"

namespace fg::log {
namespace {

thread_local std::string t_request_id;

struct State {
  std::shared_ptr<spdlog::logger> logger;
  LogFormat format = LogFormat::kJson;
};

State& state() {
  static State s;
  return s;
}

spdlog::level::level_enum to_spd(Level l) {
  switch (l) {
    case Level::kTrace: return spdlog::level::trace;
    case Level::kDebug: return spdlog::level::debug;
    case Level::kInfo: return spdlog::level::info;
    case Level::kWarn: return spdlog::level::warn;
    case Level::kError: return spdlog::level::err;
  }
  return spdlog::level::info;
}

std::string_view level_name(Level l) {
  switch (l) {
    case Level::kTrace: return "trace";
    case Level::kDebug: return "debug";
    case Level::kInfo: return "info";
    case Level::kWarn: return "warn";
    case Level::kError: return "error";
  }
  return "info";
}

void install(const Config& cfg, std::shared_ptr<spdlog::logger> logger) {
  logger->set_pattern("%v");
  logger->set_level(spdlog::level::from_str(cfg.log_level));
  logger->flush_on(spdlog::level::trace);
  state().logger = std::move(logger);
  state().format = cfg.log_format;
}

std::shared_ptr<spdlog::logger> default_logger() {
  auto l = std::make_shared<spdlog::logger>("finguard", std::make_shared<spdlog::sinks::stderr_sink_mt>());
  l->set_pattern("%v");
  return l;
}

}  // namespace

void init(const Config& cfg) {
  install(cfg, std::make_shared<spdlog::logger>("finguard", std::make_shared<spdlog::sinks::stderr_sink_mt>()));
}

void init_to_file(const Config& cfg, const std::string& path) {
  install(cfg, std::make_shared<spdlog::logger>("finguard", std::make_shared<spdlog::sinks::basic_file_sink_mt>(path)));
}

std::string redact(std::string_view text) {
  // Patterns, most specific first. std::regex is slow, but log lines are short and few.
  static const std::regex kPatterns[] = {
      std::regex(R"(fgk_[A-Za-z0-9_\-]+)"),
      std::regex(R"((Bearer|Basic)\s+[A-Za-z0-9._~+/=\-]+)", std::regex::icase),
      std::regex(R"(fg_session=[^;\s"]+)"),
      std::regex(R"((("?)(password|passwd|secret|token|api_key|private_key|master_key|client_secret|totp_code)("?)\s*[:=]\s*"?)[^",\s}]+)",
                 std::regex::icase),
  };
  static const char* kReplacements[] = {"fgk_[redacted]", "$1 [redacted]", "fg_session=[redacted]", "$1[redacted]"};
  std::string out(text);
  for (std::size_t i = 0; i < std::size(kPatterns); ++i) out = std::regex_replace(out, kPatterns[i], kReplacements[i]);
  return out;
}

void emit(Level level, std::string_view message, const Fields& fields) {
  State& st = state();
  if (!st.logger) st.logger = default_logger();
  if (!st.logger->should_log(to_spd(level))) return;
  std::string line;
  if (st.format == LogFormat::kJson) {
    nlohmann::json j;
    j["ts"] = format_timestamp(SystemClock::instance().now());
    j["level"] = level_name(level);
    j["msg"] = redact(message);
    if (!t_request_id.empty()) j["request_id"] = t_request_id;
    for (const auto& [k, v] : fields) j[k] = redact(v);
    line = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  } else {
    line = format_timestamp(SystemClock::instance().now());
    line += ' ';
    line += level_name(level);
    if (!t_request_id.empty()) line += " [" + t_request_id + "]";
    line += ' ';
    line += redact(message);
    for (const auto& [k, v] : fields) line += " " + k + "=" + redact(v);
  }
  st.logger->log(to_spd(level), line);
}

ScopedRequestId::ScopedRequestId(std::string id) : previous_(std::move(t_request_id)) { t_request_id = std::move(id); }
ScopedRequestId::~ScopedRequestId() { t_request_id = std::move(previous_); }
const std::string& current_request_id() { return t_request_id; }

}  // namespace fg::log
