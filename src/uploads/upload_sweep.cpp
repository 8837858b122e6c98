#include "uploads/upload_sweep.hpp"

#include <string>

#include "core/uuid.hpp"
#include "uploads/upload_area.hpp"

namespace fg::uploads {
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

// Calls f(entry, name) for each regular file (not a symlink) of the org's upload directory; an
// absent directory has none. f returns a Status, and the first error stops the walk.
template <typename F>
Status for_each_upload_file(const std::filesystem::path& dir, F&& f) {
  std::error_code ec;
  if (!std::filesystem::exists(dir, ec)) return ok_status();
  std::filesystem::directory_iterator it(dir, ec);
  if (ec) return internal_error("uploads: cannot read the upload directory");
  for (const std::filesystem::directory_iterator end; it != end; it.increment(ec)) {
    if (ec) return internal_error("uploads: cannot read the upload directory");
    if (!it->is_regular_file(ec) || it->is_symlink(ec)) continue;
    FG_TRY(f(*it, it->path().filename().string()));
  }
  return ok_status();
}

}  // namespace

Result<SweepResult> sweep_upload_area(const std::filesystem::path& data_dir, const OrgScope& scope,
                                      const SweepPolicy& policy, std::filesystem::file_time_type now) {
  SweepResult out;
  FG_TRY(for_each_upload_file(upload_dir(data_dir, scope),
                              [&](const std::filesystem::directory_entry& e, const std::string& name) -> Status {
                                const bool report = is_report(name);
                                if (!report && !is_temp(name)) return ok_status();
                                std::error_code ec;
                                const std::filesystem::file_time_type modified = e.last_write_time(ec);
                                if (ec) return ok_status();  // gone meanwhile (its upload finished)
                                if (now - modified < (report ? policy.report_retention : policy.temp_age))
                                  return ok_status();
                                const bool removed = std::filesystem::remove(e.path(), ec);
                                if (ec) return internal_error("uploads: cannot remove a file");
                                if (removed) ++(report ? out.reports_removed : out.temps_removed);
                                return ok_status();
                              }));
  return out;
}

Result<std::vector<Uuid>> aged_uploads(const std::filesystem::path& data_dir, const OrgScope& scope,
                                       std::chrono::hours min_age, std::filesystem::file_time_type now) {
  std::vector<Uuid> out;
  FG_TRY(for_each_upload_file(upload_dir(data_dir, scope),
                              [&](const std::filesystem::directory_entry& e, const std::string& name) -> Status {
                                Result<Uuid> id = Uuid::parse(name);
                                if (!id.ok()) return ok_status();
                                std::error_code ec;
                                const std::filesystem::file_time_type modified = e.last_write_time(ec);
                                if (!ec && now - modified >= min_age) out.push_back(*id);
                                return ok_status();
                              }));
  return out;
}

}  // namespace fg::uploads
