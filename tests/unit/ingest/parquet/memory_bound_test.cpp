// Memory follows one row group, not the file: reading every row group of a 4M-row file (DuckDB,
// zstd, 31 row groups) keeps the peak RSS growth far below what the decoded columns add up to, and the
// exact decimal total equals DuckDB's SUM over the same file. A release-build check: ASan's shadow
// memory and quarantine make RSS meaningless there.
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "ingest/parquet/parquet_file.hpp"

namespace fg::ingest::parquet {
namespace {

std::int64_t status_kib(const char* key) {
  std::ifstream in("/proc/self/status");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(key, 0) == 0) return std::stoll(line.substr(line.find(':') + 1));
  }
  return -1;
}

TEST(ParquetMemoryBound, LargeFileOneRowGroupAtATime) {
#if defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "RSS bounds are checked in the release build (ASan inflates memory)";
#endif
  std::ifstream in(std::string(FG_BINARY_DIR) + "/parquet-files/manifest.json");
  ASSERT_TRUE(in) << "run the ingest.parquet_files fixture";
  const auto large = nlohmann::json::parse(in)["large"];
  auto src = *open_file_source(std::string(FG_BINARY_DIR) + "/parquet-files/" + large["name"].get<std::string>());
  auto file = *ParquetFile::open(*src);
  ASSERT_GT(file->num_row_groups(), 20u);
  auto sel = *file->select({"cost", "usage", "service"});
  // Reset the peak to now (Linux: "5" to clear_refs), so the bound is about this read alone.
  { std::ofstream("/proc/self/clear_refs") << "5"; }
  const std::int64_t before = status_kib("VmRSS:");
  MoneySum total;
  std::uint64_t rows = 0, decoded = 0;
  for (std::size_t g = 0; g < file->num_row_groups(); ++g) {
    auto rg = file->read_row_group(g, sel);
    ASSERT_TRUE(rg.ok()) << rg.status().to_string();
    const ColumnBatch& cost = *rg->column("cost");
    ASSERT_EQ(cost.kind(), ValueKind::kDecimal);
    for (std::size_t r = 0; r < cost.num_rows(); ++r) total.add(cost.decimal(r));
    for (const ColumnBatch& b : rg->columns()) decoded += b.memory_bytes();
    rows += rg->num_rows();
  }
  const std::int64_t growth_kib = status_kib("VmHWM:") - before;
  EXPECT_EQ(rows, large["rows"].get<std::uint64_t>());
  EXPECT_EQ(total.total()->to_string(), Money::parse(large["sum_cost"].get<std::string>())->value.to_string());
  // All row groups' batches together are ~200 MB; one row group's are ~7 MB.
  EXPECT_GT(decoded, 150ull << 20);
  EXPECT_LT(growth_kib, 48 * 1024) << "peak RSS grew " << growth_kib << " KiB while reading " << (decoded >> 20)
                                   << " MiB of decoded columns";
}

}  // namespace
}  // namespace fg::ingest::parquet
