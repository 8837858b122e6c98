#include "ingest/upload/upload_sweep.hpp"

#include <string>

#include "core/uuid.hpp"
#include "ingest/upload/upload_area.hpp"

namespace fg::ingest {
namespace {

constexpr std::string_view kReportSuffix = ".quarantine.csv";
constexpr std::string_view kTempPrefix = ".tmp-";

// Only names the upload area itself makes are swept: a UUID with the report suffix or temp prefix.
bool is_report(std::string_view name) {
  return name.size() > kReportSuffix.size() && name.ends_with(kReportSuffix) &&
         Uuid::parse(name.substr(0, name.size() - kReportSuffix.size())).ok();
}

bool is_temp(std::string_view name) {
  return name.starts_with(kTempPrefix) && Uuid::parse(name.substr(kTempPrefix.size())).ok();
}

}  // namespace

Result<SweepResult> sweep_upload_area(const std::filesystem::path& data_dir, const OrgScope& scope,
                                      const SweepPolicy& policy, std::filesystem::file_time_type now) {
  SweepResult out;
  const std::filesystem::path dir = upload_dir(data_dir, scope);
  std::error_code ec;
  if (!std::filesystem::exists(dir, ec)) return out;
  std::filesystem::directory_iterator it(dir, ec);
  if (ec) return internal_error("uploads: cannot read the upload directory");
  for (const std::filesystem::directory_iterator end; it != end; it.increment(ec)) {
    if (ec) return internal_error("uploads: cannot read the upload directory");
    const std::string name = it->path().filename().string();
    const bool report = is_report(name);
    if (!report && !is_temp(name)) continue;
    if (!it->is_regular_file(ec) || it->is_symlink(ec)) continue;
    const std::filesystem::file_time_type modified = it->last_write_time(ec);
    if (ec) continue;  // gone meanwhile (its upload finished)
    if (now - modified < (report ? policy.report_retention : policy.temp_age)) continue;
    const bool removed = std::filesystem::remove(it->path(), ec);
    if (ec) return internal_error("uploads: cannot remove a file");
    if (removed) ++(report ? out.reports_removed : out.temps_removed);
  }
  return out;
}

Result<std::vector<Uuid>> aged_uploads(const std::filesystem::path& data_dir, const OrgScope& scope,
                                       std::chrono::hours min_age, std::filesystem::file_time_type now) {
  std::vector<Uuid> out;
  const std::filesystem::path dir = upload_dir(data_dir, scope);
  std::error_code ec;
  if (!std::filesystem::exists(dir, ec)) return out;
  std::filesystem::directory_iterator it(dir, ec);
  if (ec) return internal_error("uploads: cannot read the upload directory");
  for (const std::filesystem::directory_iterator end; it != end; it.increment(ec)) {
    if (ec) return internal_error("uploads: cannot read the upload directory");
    Result<Uuid> id = Uuid::parse(it->path().filename().string());
    if (!id.ok() || !it->is_regular_file(ec) || it->is_symlink(ec)) continue;
    const std::filesystem::file_time_type modified = it->last_write_time(ec);
    if (!ec && now - modified >= min_age) out.push_back(*id);
  }
  return out;
}

}  // namespace fg::ingest
