#include "ingest/aws/cur_manifest.hpp"

#include <nlohmann/json.hpp>

namespace fg::ingest::aws {

namespace {

// "20231101T000000.000Z" → "20231101".
std::string date_part(const std::string& s) {
  return s.size() >= 8 ? s.substr(0, 8) : std::string();
}

bool yyyymmdd(const std::string& s) {
  if (s.size() != 8) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

bool is_cur_manifest(std::string_view json) {
  const nlohmann::json j = nlohmann::json::parse(json, nullptr, false);
  return j.is_object() && j.contains("reportKeys") && j.contains("billingPeriod");
}

Result<CurManifest> parse_cur_manifest(std::string_view json) {
  const nlohmann::json j = nlohmann::json::parse(json, nullptr, false);
  if (!j.is_object()) return invalid_argument_error("CUR manifest: not a JSON object");
  CurManifest m;
  auto text = [&](const char* key, std::string& out) -> Status {
    if (!j.contains(key) || !j[key].is_string() || j[key].get<std::string>().empty()) {
      return invalid_argument_error(std::string("CUR manifest: ") + key + " must be a non-empty string", key);
    }
    out = j[key].get<std::string>();
    return ok_status();
  };
  FG_TRY(text("assemblyId", m.assembly_id));
  FG_TRY(text("reportName", m.report_name));
  const auto& period = j.value("billingPeriod", nlohmann::json());
  const std::string start = period.is_object() && period.value("start", nlohmann::json()).is_string()
                                ? date_part(period["start"].get<std::string>())
                                : "";
  const std::string end = period.is_object() && period.value("end", nlohmann::json()).is_string()
                              ? date_part(period["end"].get<std::string>())
                              : "";
  if (!yyyymmdd(start) || !yyyymmdd(end)) {
    return invalid_argument_error("CUR manifest: billingPeriod must have start and end dates", "billingPeriod");
  }
  m.period = start + "-" + end;
  if (!j.contains("reportKeys") || !j["reportKeys"].is_array() || j["reportKeys"].empty()) {
    return invalid_argument_error("CUR manifest: reportKeys must list the delivery's files", "reportKeys");
  }
  for (const auto& k : j["reportKeys"]) {
    if (!k.is_string() || k.get<std::string>().empty()) {
      return invalid_argument_error("CUR manifest: each of reportKeys must be a key", "reportKeys");
    }
    m.report_keys.push_back(k.get<std::string>());
  }
  return m;
}

Result<std::vector<std::string>> local_report_files(const CurManifest& manifest,
                                                    const std::filesystem::path& manifest_path) {
  const std::filesystem::path dir = manifest_path.parent_path();
  std::vector<std::string> out;
  const std::string folder = "/" + manifest.period + "/";
  for (const std::string& key : manifest.report_keys) {
    const std::size_t at = ("/" + key).find(folder);
    if (at == std::string::npos) {
      return invalid_argument_error("CUR manifest: a key is not in the billing period's folder " + manifest.period,
                                    "reportKeys");
    }
    const std::filesystem::path rel(key.substr(at + folder.size() - 1));
    if (rel.empty() || rel.is_absolute()) return invalid_argument_error("CUR manifest: a key is empty", "reportKeys");
    for (const auto& part : rel) {
      if (part == ".." || part == ".") {
        return invalid_argument_error("CUR manifest: a key leaves the manifest's folder", "reportKeys");
      }
    }
    const std::filesystem::path file = dir / rel;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) {
      return not_found_error("CUR manifest: the delivery's file " + rel.string() + " is missing");
    }
    out.push_back(file.string());
  }
  return out;
}

}  // namespace fg::ingest::aws
