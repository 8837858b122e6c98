#include "jobs/job_kind.hpp"

#include <array>

namespace fg::jobs {

std::optional<JobKind> find_kind(std::string_view name) {
  static constexpr std::array<JobKind, 8> kKinds = {kIngestUploadKind,    kKeyRewrapKind, kAuditCheckpointKind,
                                                    kUploadsCleanupKind,  kTestCountKind, kTestSleepKind,
                                                    kTestSleepUnsafeKind, kTestFailKind};
  for (const JobKind& k : kKinds) {
    if (k.name == name) return k;
  }
  return std::nullopt;
}

}  // namespace fg::jobs
