#include "costdb/cost_store.hpp"

#include <iterator>

#include "core/uuid.hpp"
#include "costdb/delivery.hpp"
#include "costdb/internal/file_io.hpp"
#include "costdb/query/executor.hpp"
#include "costdb/segment/segment.hpp"

namespace fg::costdb {

namespace fs = std::filesystem;

Result<std::shared_ptr<CostStore>> CostStore::open(const fs::path& data_dir, StoreOptions options) {
  if (options.max_segment_rows == 0 || options.query_threads == 0) {
    return invalid_argument_error("costdb: options must be positive");
  }
  const fs::path root = data_dir / "costdb";
  FG_TRY(internal::make_dirs(root));
  return std::make_shared<CostStore>(Private{}, root, options);
}

fs::path CostStore::org_dir(const OrgScope& scope) const {
  return root_ / scope.org_id().to_string();
}

Result<Manifest> CostStore::load_manifest(const fs::path& dir) const {
  auto text = internal::read_whole(dir / "manifest.json");
  if (!text.ok()) {
    if (text.status().code() == StatusCode::kNotFound) return Manifest{};
    return text.status();
  }
  return Manifest::parse(*text);
}

Result<std::shared_ptr<const Segment>> CostStore::load_segment(const fs::path& path) const {
  {
    std::lock_guard<std::mutex> g(cache_mu_);
    auto it = cache_.find(path.string());
    if (it != cache_.end()) return it->second;
  }
  FG_ASSIGN_OR_RETURN(std::shared_ptr<const Segment> seg, Segment::open(path));
  std::lock_guard<std::mutex> g(cache_mu_);
  // A replaced partition's segments are never named again; dropping the whole cache when full
  // keeps this simple and bounded.
  if (cache_.size() >= options_.segment_cache) cache_.clear();
  cache_.emplace(path.string(), seg);
  return seg;
}

Result<std::unique_ptr<IDelivery>> CostStore::begin_delivery(const OrgScope& scope, std::string_view source) const {
  if (source.empty() || source.size() > 200) {
    return invalid_argument_error("source name must be 1 to 200 bytes", "source");
  }
  const fs::path dir = org_dir(scope);
  FG_TRY(internal::make_dirs(dir / ".inflight"));
  std::string id = Uuid::random().to_string();
  // The in-flight lock is taken before any segment directory exists, so garbage collection in a
  // concurrent commit can never mistake this delivery's files for a crashed one's.
  FG_ASSIGN_OR_RETURN(internal::FileLock lock, internal::FileLock::acquire(dir / ".inflight" / (id + ".lock")));
  std::unique_ptr<IDelivery> delivery = std::make_unique<Delivery>(
      Delivery::Private{}, dir, std::string(source), options_.max_segment_rows, std::move(id), std::move(lock));
  return delivery;
}

Result<std::vector<Partition>> CostStore::partitions(const OrgScope& scope) const {
  FG_ASSIGN_OR_RETURN(Manifest m, load_manifest(org_dir(scope)));
  return m.partitions;
}

Result<QueryResult> CostStore::query(const OrgScope& scope, const Query& q) const {
  const fs::path dir = org_dir(scope);
  // A commit may remove a replaced partition between reading the manifest and opening its
  // segments; the second attempt sees the newer manifest.
  for (int attempt = 0;; ++attempt) {
    FG_ASSIGN_OR_RETURN(Manifest m, load_manifest(dir));
    auto r = execute_query(dir, m, q, options_.query_threads, [this](const fs::path& p) { return load_segment(p); });
    if (r.ok() || r.status().code() != StatusCode::kNotFound || attempt == 2) return r;
  }
}

Result<std::vector<std::string>> CostStore::distinct_values(const OrgScope& scope, const Dimension& dim,
                                                            const Query& q) const {
  const fs::path dir = org_dir(scope);
  for (int attempt = 0;; ++attempt) {
    FG_ASSIGN_OR_RETURN(Manifest m, load_manifest(dir));
    auto r =
        execute_distinct(dir, m, dim, q, options_.query_threads, [this](const fs::path& p) { return load_segment(p); });
    if (r.ok() || r.status().code() != StatusCode::kNotFound || attempt == 2) return r;
  }
}

Status CostStore::drop_org(const OrgScope& scope) const {
  const fs::path dir = org_dir(scope);
  std::error_code ec;
  if (fs::exists(dir, ec)) {
    // A commit holds this lock from reading the manifest to replacing it, so none is half done here.
    FG_ASSIGN_OR_RETURN(internal::FileLock lock, internal::FileLock::acquire(dir / ".lock"));
    const fs::path aside = root_ / (".dropped-" + scope.org_id().to_string() + "-" + Uuid::random().to_string());
    fs::rename(dir, aside, ec);
    if (ec) return internal_error("costdb: cannot set the org's data aside: " + ec.message());
    FG_TRY(internal::sync_dir(root_));
  }
  {
    std::lock_guard<std::mutex> g(cache_mu_);
    const std::string prefix = dir.string() + "/";
    for (auto it = cache_.begin(); it != cache_.end();) {
      it = it->first.rfind(prefix, 0) == 0 ? cache_.erase(it) : std::next(it);
    }
  }
  // Nothing refers to a set-aside directory any more: remove it, and any an earlier drop left.
  Status removed = ok_status();
  for (const fs::directory_entry& e : fs::directory_iterator(root_, ec)) {
    if (e.path().filename().string().rfind(".dropped-", 0) != 0) continue;
    std::error_code rm;
    fs::remove_all(e.path(), rm);
    if (rm && removed.ok()) {
      removed = internal_error("costdb: the dropped data could not all be removed: " + rm.message());
    }
  }
  return removed;
}

}  // namespace fg::costdb
