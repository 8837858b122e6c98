// libFuzzer target: any bytes as a Parquet file. Opens it, selects every column the reader supports,
// reads every row group and touches every value (decimal conversion, nested views). The reader must
// return an error for anything malformed: a crash, a sanitizer report, a leak, a timeout or an
// allocation past libFuzzer's -rss_limit_mb/-malloc_limit_mb is a bug.
//
// Built with clang-14 (-fsanitize=fuzzer,address,undefined) by the `fuzz` preset; scripts/run-fuzz.sh
// runs it bounded in `make test` with tests/data/parquet as the seed corpus.
#include <cstddef>
#include <cstdint>
#include <string>

#include "ingest/parquet/parquet_file.hpp"

using namespace fg::ingest::parquet;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto src = memory_source(std::string(reinterpret_cast<const char*>(data), size));
  // Smaller caps than production so one input stays within libFuzzer's memory limit.
  ReaderLimits limits;
  limits.max_footer_bytes = 8u << 20;
  limits.max_footer_memory = 64u << 20;
  limits.max_page_bytes = 32u << 20;
  limits.max_batch_bytes = 256u << 20;
  limits.utf8 = size % 2 == 0 ? Utf8Policy::kReject : Utf8Policy::kReplace;
  auto file = ParquetFile::open(*src, limits);
  if (!file.ok()) return 0;
  std::vector<std::string> paths;
  for (const SchemaNode& n : (*file)->schema().nodes()) {
    if (n.parent == 0) paths.push_back(n.path);  // top-level columns and groups
  }
  std::vector<std::string> readable;
  for (const std::string& p : paths) {
    if ((*file)->select({p}).ok()) readable.push_back(p);
  }
  auto sel = (*file)->select(readable);
  if (!sel.ok()) return 0;
  for (std::size_t g = 0; g < (*file)->num_row_groups() && g < 64; ++g) {
    auto rg = (*file)->read_row_group(g, *sel);
    if (!rg.ok()) continue;
    volatile std::size_t sink = 0;
    for (const ColumnBatch& b : rg->columns()) {
      for (std::size_t s = 0; s < b.num_slots(); ++s) {
        if (b.is_null(s)) continue;
        switch (b.kind()) {
          case ValueKind::kDecimal:
          case ValueKind::kDouble:
          case ValueKind::kInt64: sink = sink + (b.as_decimal(s).ok() ? 1 : 0); break;
          case ValueKind::kString:
          case ValueKind::kBytes: sink = sink + b.bytes(s).size(); break;
          case ValueKind::kTimestamp: sink = sink + static_cast<std::size_t>(b.timestamp(s).micros & 1); break;
          case ValueKind::kBool: sink = sink + (b.boolean(s) ? 1 : 0); break;
        }
      }
    }
    for (const std::string& p : readable) {
      auto view = rg->repeated(p);
      if (!view.ok()) continue;
      for (std::size_t r = 0; r < view->num_rows(); ++r) sink = sink + view->size(r) + (view->is_null(r) ? 1 : 0);
    }
  }
  return 0;
}
