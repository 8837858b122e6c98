#include "costdb/delivery.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "core/time.hpp"
#include "costdb/internal/org_layout.hpp"

namespace fg::costdb {

namespace fs = std::filesystem;

namespace {

// Removes delivery directories that no manifest partition names and whose delivery is not running
// (its in-flight lock can be taken): leftovers of crashed or replaced deliveries. Best effort: a
// failure here only leaves garbage behind, never changes what readers see.
void collect_garbage(const fs::path& org_dir, const Manifest& m) {
  std::set<std::string> live;
  for (const Partition& p : m.partitions) live.insert(p.delivery_id);
  std::error_code ec;
  for (const auto& source : fs::directory_iterator(org_dir, ec)) {
    if (!source.is_directory() || source.path().filename().string().front() == '.') continue;
    for (const auto& period : fs::directory_iterator(source.path(), ec)) {
      if (!period.is_directory()) continue;
      for (const auto& delivery : fs::directory_iterator(period.path(), ec)) {
        const std::string id = delivery.path().filename().string();
        if (live.count(id)) continue;
        const fs::path lock_path = org_dir / ".inflight" / (id + ".lock");
        auto lock = internal::FileLock::try_acquire(lock_path);
        if (!lock.ok()) continue;
        fs::remove_all(delivery.path(), ec);
        fs::remove(lock_path, ec);
      }
    }
  }
  for (const auto& e : fs::directory_iterator(org_dir, ec)) {
    if (e.path().filename().string().rfind("manifest.json.tmp-", 0) == 0) fs::remove(e.path(), ec);
  }
}

}  // namespace

Delivery::Delivery(Private, fs::path org_dir, std::string source, std::uint64_t max_segment_rows, std::string id,
                   internal::FileLock inflight)
    : org_dir_(std::move(org_dir)),
      source_(std::move(source)),
      max_segment_rows_(max_segment_rows),
      id_(std::move(id)),
      inflight_(std::move(inflight)) {}

Delivery::~Delivery() {
  if (!done_) abort_files();
  std::error_code ec;
  fs::remove(org_dir_ / ".inflight" / (id_ + ".lock"), ec);
}

void Delivery::abort_files() {
  std::error_code ec;
  for (auto& [period, p] : partitions_) {
    p.writer.reset();
    fs::remove_all(p.dir, ec);
  }
  partitions_.clear();
  last_ = nullptr;
  done_ = true;
}

Status Delivery::roll_segment(PartitionWriter& p, std::int64_t period_start) {
  if (p.writer) {
    FG_TRY(p.writer->finish());
    p.segments.push_back(fs::relative(p.writer->path(), org_dir_).string());
  }
  const fs::path path = p.dir / fmt::format("seg-{}.seg", p.segments.size());
  FG_ASSIGN_OR_RETURN(p.writer, SegmentWriter::create(path, period_start));
  return ok_status();
}

Result<Delivery::PartitionWriter*> Delivery::writer_for(std::int64_t period_start) {
  if (last_ && last_period_ == period_start) return last_;
  auto it = partitions_.find(period_start);
  if (it == partitions_.end()) {
    PartitionWriter p;
    p.dir = org_dir_ / internal::source_dir_name(source_) / internal::period_dir_name(period_start) / id_;
    FG_TRY(internal::make_dirs(p.dir));
    it = partitions_.emplace(period_start, std::move(p)).first;
    FG_TRY(roll_segment(it->second, period_start));
  }
  last_ = &it->second;
  last_period_ = period_start;
  return last_;
}

Status Delivery::append(const LineItem& row) {
  if (!error_.ok()) return error_;
  if (done_) return internal_error("costdb: delivery already finished");
  const std::int64_t period = row.get_seconds(Column::kBillingPeriodStart);
  if (period == kNullTime) return invalid_argument_error("row has no BillingPeriodStart", "BillingPeriodStart");
  auto p = writer_for(period);
  if (!p.ok()) return error_ = p.status();
  PartitionWriter& pw = **p;
  if (pw.writer->rows() >= max_segment_rows_) {
    error_ = roll_segment(pw, period);
    if (!error_.ok()) return error_;
  }
  if (Status s = pw.writer->append(row); !s.ok()) return error_ = s;
  ++pw.rows;
  ++rows_;
  return ok_status();
}

Result<CommitSummary> Delivery::commit() {
  if (done_) return internal_error("costdb: delivery already finished");
  if (!error_.ok()) {
    abort_files();
    return error_;
  }
  CommitSummary summary;
  summary.delivery_id = id_;
  summary.rows = rows_;
  auto fail = [this](const Status& s) -> Status {
    abort_files();
    return s;
  };
  for (auto& [period, p] : partitions_) {
    Status s = p.writer->finish();
    if (!s.ok()) return fail(s);
    p.segments.push_back(fs::relative(p.writer->path(), org_dir_).string());
    p.writer.reset();
    s = internal::sync_dir(p.dir);
    if (!s.ok()) return fail(s);
    summary.periods.push_back(period);
  }

  auto lock = internal::FileLock::acquire(org_dir_ / ".lock");
  if (!lock.ok()) return fail(lock.status());
  Manifest m;
  auto text = internal::read_whole(org_dir_ / "manifest.json");
  if (text.ok()) {
    auto parsed = Manifest::parse(*text);
    if (!parsed.ok()) return fail(parsed.status());
    m = std::move(parsed).value();
  } else if (text.status().code() != StatusCode::kNotFound) {
    return fail(text.status());
  }

  std::vector<std::string> replaced_dirs;
  std::vector<Partition> kept;
  for (Partition& p : m.partitions) {
    if (p.source == source_ && partitions_.count(p.period_start)) {
      ++summary.replaced_partitions;
      for (const std::string& seg : p.segments) replaced_dirs.push_back(fs::path(seg).parent_path().string());
    } else {
      kept.push_back(std::move(p));
    }
  }
  const std::int64_t now = SystemClock::instance().now().seconds();
  for (auto& [period, pw] : partitions_) {
    Partition p;
    p.source = source_;
    p.period_start = period;
    p.delivery_id = id_;
    p.rows = pw.rows;
    p.segments = pw.segments;
    p.objects = objects_;
    p.committed_at = now;
    kept.push_back(std::move(p));
  }
  std::sort(kept.begin(), kept.end(), [](const Partition& a, const Partition& b) {
    return std::tie(a.source, a.period_start) < std::tie(b.source, b.period_start);
  });
  m.partitions = std::move(kept);
  m.generation += 1;
  summary.generation = m.generation;
  Status s = internal::atomic_replace(org_dir_ / "manifest.json", m.to_json());
  if (!s.ok()) return fail(s);
  done_ = true;

  std::error_code ec;
  for (const std::string& dir : replaced_dirs) fs::remove_all(org_dir_ / dir, ec);
  collect_garbage(org_dir_, m);
  return summary;
}

}  // namespace fg::costdb
