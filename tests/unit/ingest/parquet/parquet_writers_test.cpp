// Files written by real writers (DuckDB for every codec, DataPage V1 and V2, with and without
// dictionaries; hyparquet-writer for DELTA_BYTE_ARRAY, RLE booleans and legacy converted types) read
// back value by value against the rows the writers were given (rows.jsonl): exact decimals, shortest
// floats, timestamps in every unit, UTF-8 strings, maps with null and empty entries, lists of structs.
// The files are written at test time by tests/tools/parquet-writers/write_files.mjs (the ctest fixture
// ingest.parquet_files); without them these tests fail, they do not skip.
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "ingest/parquet/parquet_file.hpp"
#include "support/test_env.hpp"

namespace fg::ingest::parquet {
namespace {

using nlohmann::json;

std::string files_dir() {
  return std::string(FG_BINARY_DIR) + "/parquet-files";
}

std::vector<json> expected_rows() {
  std::ifstream in(files_dir() + "/rows.jsonl");
  std::vector<json> rows;
  for (std::string line; std::getline(in, line);) rows.push_back(json::parse(line));
  return rows;
}

json manifest() {
  std::ifstream in(files_dir() + "/manifest.json");
  if (!in) return json();
  return json::parse(in);
}

Money money(const std::string& s) {
  auto m = Money::parse(s);
  EXPECT_TRUE(m.ok()) << s;
  return m.ok() ? m->value : Money();
}

Timestamp utc(const std::string& iso) {
  auto t = parse_timestamp(iso.size() == 10 ? iso : iso + "Z", TimeSyntax::kIso8601);
  EXPECT_TRUE(t.ok()) << iso;
  return t.ok() ? *t : Timestamp{};
}

// Compares one flat column of a row group with the expected rows [first, first + n).
void check_flat(const RowGroupBatch& rg, const std::string& name, const std::vector<json>& rows, std::size_t first,
                const std::string& file) {
  const ColumnBatch* b = rg.column(name);
  ASSERT_NE(b, nullptr) << file << " " << name;
  ASSERT_EQ(b->num_rows(), rg.num_rows());
  std::uint64_t sub_micro = 0;
  for (std::size_t r = 0; r < b->num_rows(); ++r) {
    const json& want = rows[first + r][name];
    const std::string where = file + " " + name + " row " + std::to_string(first + r);
    if (want.is_null()) {
      EXPECT_TRUE(b->is_null(r)) << where;
      continue;
    }
    ASSERT_FALSE(b->is_null(r)) << where;
    if (name == "id" || name == "small") {
      EXPECT_EQ(b->int64(r), want.get<std::int64_t>()) << where;
    } else if (name == "big") {
      EXPECT_EQ(b->int64(r), std::stoll(want.get<std::string>())) << where;
    } else if (name == "cost" || name == "cost18" || name == "cost9") {
      EXPECT_EQ(b->decimal(r), money(want.get<std::string>())) << where;
    } else if (name == "usage" || name == "ratio") {
      const std::string text = want.get<std::string>();
      auto exact = Money::parse(text);
      auto got = b->as_decimal(r);
      if (!exact.ok()) {
        EXPECT_FALSE(got.ok()) << where << ": beyond Money's range on both sides";
      } else {
        ASSERT_TRUE(got.ok()) << where << " " << got.status().to_string();
        EXPECT_EQ(got->value, exact->value) << where << " " << got->value.to_string() << " vs " << text;
      }
      if (name == "usage") {
        EXPECT_EQ(b->float64(r), std::strtod(text.c_str(), nullptr)) << where;
      }
    } else if (name == "start" || name == "start_ms" || name == "start_tz" || name == "day") {
      EXPECT_EQ(b->timestamp(r), utc(want.get<std::string>())) << where;
    } else if (name == "start_ns") {
      const std::int64_t ns = std::stoll(want.get<std::string>());
      EXPECT_EQ(b->timestamp(r).micros, ns / 1000) << where;  // positive: floor == truncation
      sub_micro += ns % 1000 != 0 ? 1 : 0;
    } else if (name == "service" || name == "resource") {
      EXPECT_EQ(b->bytes(r), want.get<std::string>()) << where;
    } else if (name == "flag") {
      EXPECT_EQ(b->boolean(r), want.get<bool>()) << where;
    } else {
      ADD_FAILURE() << "no rule for " << name;
    }
  }
  if (name == "start_ns") {
    EXPECT_EQ(b->stats().truncated_timestamps, sub_micro) << file;
  }
}

void check_tags(const RowGroupBatch& rg, const std::vector<json>& rows, std::size_t first, const std::string& file) {
  auto view = rg.repeated("tags");
  ASSERT_TRUE(view.ok()) << view.status().to_string();
  const ColumnBatch& k = view->leaf(0);
  const ColumnBatch& v = view->leaf(1);
  for (std::size_t r = 0; r < view->num_rows(); ++r) {
    const json& want = rows[first + r]["tags"];
    const std::string where = file + " tags row " + std::to_string(first + r);
    if (want.is_null()) {
      EXPECT_TRUE(view->is_null(r)) << where;
      EXPECT_EQ(view->size(r), 0u) << where;
      continue;
    }
    EXPECT_FALSE(view->is_null(r)) << where;
    ASSERT_EQ(view->size(r), want.size()) << where;
    std::size_t i = 0;
    for (std::size_t s = view->begin(r); s < view->end(r); ++s, ++i) {
      EXPECT_EQ(k.bytes(s), want[i]["key"].get<std::string>()) << where;
      if (want[i]["value"].is_null()) {
        EXPECT_TRUE(v.is_null(s)) << where;
      } else {
        ASSERT_FALSE(v.is_null(s)) << where;
        EXPECT_EQ(v.bytes(s), want[i]["value"].get<std::string>()) << where;
      }
    }
  }
}

void check_credits_and_labels(const RowGroupBatch& rg, const std::vector<json>& rows, std::size_t first,
                              const std::string& file) {
  auto credits = rg.repeated("credits");
  ASSERT_TRUE(credits.ok()) << credits.status().to_string();
  ASSERT_EQ(credits->num_leaves(), 2u);
  auto labels = rg.repeated("labels");
  ASSERT_TRUE(labels.ok()) << labels.status().to_string();
  for (std::size_t r = 0; r < credits->num_rows(); ++r) {
    const json& c = rows[first + r]["credits"];
    const std::string where = file + " row " + std::to_string(first + r);
    EXPECT_EQ(credits->is_null(r), c.is_null()) << where;
    ASSERT_EQ(credits->size(r), c.is_null() ? 0u : c.size()) << where;
    for (std::size_t s = credits->begin(r), i = 0; s < credits->end(r); ++s, ++i) {
      EXPECT_EQ(credits->leaf(0).bytes(s), c[i]["name"].get<std::string>()) << where;
      EXPECT_EQ(credits->leaf(1).decimal(s), money(c[i]["amount"].get<std::string>())) << where;
    }
    const json& l = rows[first + r]["labels"];
    EXPECT_EQ(labels->is_null(r), l.is_null()) << where;
    ASSERT_EQ(labels->size(r), l.is_null() ? 0u : l.size()) << where;
    for (std::size_t s = labels->begin(r), i = 0; s < labels->end(r); ++s, ++i) {
      if (l[i].is_null()) {
        EXPECT_TRUE(labels->leaf(0).is_null(s)) << where;
      } else {
        EXPECT_EQ(labels->leaf(0).bytes(s), l[i].get<std::string>()) << where;
      }
    }
  }
}

const std::vector<std::string> kDuckColumns = {"id",       "cost",     "cost18",   "cost9",    "usage", "ratio",
                                               "start",    "start_ms", "start_ns", "start_tz", "day",   "service",
                                               "resource", "flag",     "small",    "big"};
const std::vector<std::string> kHyparquetColumns = {"id",   "big",  "usage",  "service", "resource",
                                                    "flag", "cost", "cost18", "start_ms"};

TEST(ParquetWriters, EveryFileReadsBackAsItsRows) {
  const json m = manifest();
  ASSERT_TRUE(m.is_object()) << "no " << files_dir() << "/manifest.json: run the ingest.parquet_files fixture";
  const std::vector<json> rows = expected_rows();
  ASSERT_EQ(rows.size(), m["rows"].get<std::size_t>());
  ASSERT_GE(m["files"].size(), 26u);
  for (const json& f : m["files"]) {
    const std::string name = f["name"].get<std::string>();
    SCOPED_TRACE(name);
    auto src = open_file_source(files_dir() + "/" + name);
    ASSERT_TRUE(src.ok()) << src.status().to_string();
    auto file = ParquetFile::open(**src);
    ASSERT_TRUE(file.ok()) << file.status().to_string();
    const bool duck = f["writer"] == "duckdb";
    std::vector<std::string> paths = duck ? kDuckColumns : kHyparquetColumns;
    if (duck) paths.insert(paths.end(), {"tags", "credits", "labels"});
    auto sel = (*file)->select(paths);
    ASSERT_TRUE(sel.ok()) << sel.status().to_string();
    EXPECT_GE((*file)->num_row_groups(), 2u) << "several row groups, so row group boundaries are crossed";
    std::size_t first = 0;
    for (std::size_t g = 0; g < (*file)->num_row_groups(); ++g) {
      auto rg = (*file)->read_row_group(g, *sel);
      ASSERT_TRUE(rg.ok()) << rg.status().to_string();
      for (const std::string& c : duck ? kDuckColumns : kHyparquetColumns) check_flat(*rg, c, rows, first, name);
      if (duck) {
        check_tags(*rg, rows, first, name);
        check_credits_and_labels(*rg, rows, first, name);
      }
      first += rg->num_rows();
    }
    EXPECT_EQ(first, rows.size());
  }
}

TEST(ParquetWriters, SchemaSaysWhatTheWriterMeant) {
  auto src = *open_file_source(files_dir() + "/duckdb-zstd-v2.parquet");
  auto file = *ParquetFile::open(*src);
  const Schema& s = file->schema();
  auto col = [&](const char* path) -> const ColumnDescriptor& {
    const SchemaNode* n = s.find(path);
    EXPECT_NE(n, nullptr) << path;
    return s.columns()[static_cast<std::size_t>(n->leaf_index)];
  };
  EXPECT_EQ(col("cost").kind, ValueKind::kDecimal);
  EXPECT_EQ(col("cost").physical, PhysicalType::kFixedLenByteArray);
  EXPECT_EQ(logical_type_text(col("cost").logical), "DECIMAL(38,10)");
  EXPECT_EQ(col("cost18").physical, PhysicalType::kInt64);
  EXPECT_EQ(col("cost9").physical, PhysicalType::kInt32);
  EXPECT_TRUE(col("cost").nullable);
  EXPECT_EQ(logical_type_text(col("start").logical), "TIMESTAMP(MICROS,local)");
  EXPECT_EQ(logical_type_text(col("start_tz").logical), "TIMESTAMP(MICROS,utc)");
  EXPECT_EQ(logical_type_text(col("start_ns").logical), "TIMESTAMP(NANOS,local)");
  EXPECT_EQ(col("service").kind, ValueKind::kString);
  EXPECT_EQ(s.find("tags")->logical.kind, LogicalKind::kMap);
  EXPECT_EQ(s.find("labels")->logical.kind, LogicalKind::kList);
  EXPECT_EQ(col("tags.key_value.key").max_repetition_level, 1);
  EXPECT_EQ(col("tags.key_value.value").max_definition_level, 3);
  EXPECT_EQ(col("tags.key_value.value").entry_definition_level, 2);
  EXPECT_EQ(col("tags.key_value.value").container_definition_level, 1);
  EXPECT_NE(file->created_by().find("DuckDB"), std::string::npos);
}

TEST(ParquetWriters, ReadsOnlyTheSelectedColumnsByRange) {
  const std::string path = files_dir() + "/duckdb-uncompressed-v1-nodict.parquet";
  auto src = *open_file_source(path);
  auto file = *ParquetFile::open(*src);
  const std::uint64_t after_open = src->bytes_read();
  EXPECT_LT(after_open, src->size() / 10) << "open reads the tail and the footer only";
  auto sel = *file->select({"cost9"});
  for (std::size_t g = 0; g < file->num_row_groups(); ++g) ASSERT_TRUE(file->read_row_group(g, sel).ok());
  // cost9 is 4 bytes a row of a file with ~150 bytes a row.
  EXPECT_LT(src->bytes_read(), src->size() / 10) << src->bytes_read() << " of " << src->size();
  EXPECT_GT(src->bytes_read() - after_open, 6000u * 3) << "but all of cost9 (4 bytes a value, 1 in 7 null)";
}

}  // namespace
}  // namespace fg::ingest::parquet
