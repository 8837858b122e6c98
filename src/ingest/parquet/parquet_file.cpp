#include "ingest/parquet/parquet_file.hpp"

#include <algorithm>
#include <cstring>

#include "ingest/parquet/internal/codec.hpp"
#include "ingest/parquet/internal/column_chunk_decoder.hpp"
#include "ingest/parquet/internal/schema_builder.hpp"
#include "ingest/parquet/internal/thrift_decode.hpp"

namespace fg::ingest::parquet {

struct ParquetFile::Impl {
  const RandomAccessSource* source = nullptr;
  ReaderLimits limits;
  ::parquet::FileMetaData meta;
  Schema schema;
  std::vector<internal::ChunkLocation> chunks;  //!< row group × leaf, row-major
};

namespace {

constexpr char kMagic[] = "PAR1";
constexpr char kEncryptedMagic[] = "PARE";

Status footer_error(const Status& s) {
  return s.with_context("parquet: footer");
}

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) {
    if (!out.empty()) out += '.';
    out += p;
  }
  return out;
}

::parquet::Type::type thrift_type_of(PhysicalType t) {
  switch (t) {
    case PhysicalType::kBoolean: return ::parquet::Type::BOOLEAN;
    case PhysicalType::kInt32: return ::parquet::Type::INT32;
    case PhysicalType::kInt64: return ::parquet::Type::INT64;
    case PhysicalType::kInt96: return ::parquet::Type::INT96;
    case PhysicalType::kFloat: return ::parquet::Type::FLOAT;
    case PhysicalType::kDouble: return ::parquet::Type::DOUBLE;
    case PhysicalType::kByteArray: return ::parquet::Type::BYTE_ARRAY;
    case PhysicalType::kFixedLenByteArray: return ::parquet::Type::FIXED_LEN_BYTE_ARRAY;
  }
  return ::parquet::Type::INT32;
}

// Where a chunk's pages start: the dictionary page if any, else the first data page. Some writers set
// dictionary_page_offset to 0 or past the data page when there is no dictionary; ignore those (as
// parquet-mr and Arrow do).
std::int64_t chunk_start(const ::parquet::ColumnMetaData& m) {
  std::int64_t start = m.data_page_offset;
  if (m.__isset.dictionary_page_offset && m.dictionary_page_offset > 0 && m.dictionary_page_offset < start) {
    start = m.dictionary_page_offset;
  }
  return start;
}

// Checks one row group against the schema and records where each column chunk lies.
Status check_row_group(const ParquetFile::Impl& f, std::size_t g, std::uint64_t data_end,
                       std::vector<internal::ChunkLocation>& out) {
  const ::parquet::RowGroup& rg = f.meta.row_groups[g];
  const auto& columns = f.schema.columns();
  if (rg.num_rows < 0) return invalid_argument_error("negative row count");
  if (rg.columns.size() != columns.size()) {
    return invalid_argument_error(std::to_string(rg.columns.size()) + " column chunks for " +
                                  std::to_string(columns.size()) + " schema columns");
  }
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const ::parquet::ColumnChunk& cc = rg.columns[c];
    const std::string ctx = "column " + columns[c].path;
    if (!cc.file_path.empty()) return invalid_argument_error(ctx + ": column chunks in another file are not supported");
    if (cc.__isset.crypto_metadata || cc.__isset.encrypted_column_metadata) {
      return invalid_argument_error(ctx + ": encrypted columns are not supported");
    }
    if (!cc.__isset.meta_data) return invalid_argument_error(ctx + ": column chunk without metadata");
    const ::parquet::ColumnMetaData& m = cc.meta_data;
    if (m.type != thrift_type_of(columns[c].physical)) {
      return invalid_argument_error(ctx + ": the column chunk's type differs from the schema's");
    }
    if (joined(m.path_in_schema) != columns[c].path) {
      return invalid_argument_error(ctx + ": the column chunk's path differs from the schema's");
    }
    const std::int64_t start = chunk_start(m);
    // Pages sit after the leading magic and before the footer.
    if (start < 4 || m.total_compressed_size < 0 || static_cast<std::uint64_t>(start) > data_end ||
        static_cast<std::uint64_t>(m.total_compressed_size) > data_end - static_cast<std::uint64_t>(start)) {
      return invalid_argument_error(ctx + ": column chunk lies outside the file");
    }
    if (m.num_values < 0) return invalid_argument_error(ctx + ": negative value count");
    out.push_back(internal::ChunkLocation{static_cast<std::uint64_t>(start),
                                          static_cast<std::uint64_t>(m.total_compressed_size)});
  }
  return ok_status();
}

}  // namespace

ParquetFile::ParquetFile(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ParquetFile::~ParquetFile() = default;

Result<std::unique_ptr<ParquetFile>> ParquetFile::open(const RandomAccessSource& source, const ReaderLimits& limits) {
  const std::uint64_t size = source.size();
  if (size < 12) return invalid_argument_error("parquet: not a Parquet file (too small)");
  char tail[8];
  char head[4];
  FG_TRY(source.read_at(size - 8, 8, tail));
  FG_TRY(source.read_at(0, 4, head));
  if (std::memcmp(tail + 4, kEncryptedMagic, 4) == 0) {
    return invalid_argument_error("parquet: encrypted Parquet files (encrypted footer) are not supported");
  }
  if (std::memcmp(tail + 4, kMagic, 4) != 0 || std::memcmp(head, kMagic, 4) != 0) {
    return invalid_argument_error("parquet: not a Parquet file (no PAR1 magic)");
  }
  std::uint32_t footer_len = 0;
  std::memcpy(&footer_len, tail, 4);  // little-endian on every platform we build for
  if (footer_len > limits.max_footer_bytes) {
    return invalid_argument_error("parquet: footer of " + std::to_string(footer_len) +
                                  " bytes exceeds the max_footer_bytes cap");
  }
  if (footer_len > size - 12) return invalid_argument_error("parquet: footer length runs past the file (truncated?)");
  std::string footer(footer_len, '\0');
  FG_TRY(source.read_at(size - 8 - footer_len, footer_len, footer.data()));

  auto impl = std::make_unique<Impl>();
  impl->source = &source;
  impl->limits = limits;
  auto meta = internal::decode_file_metadata(footer, limits);
  if (!meta.ok()) return footer_error(meta.status());
  impl->meta = std::move(*meta);
  footer = std::string();
  if (impl->meta.__isset.encryption_algorithm) {
    return invalid_argument_error("parquet: encrypted Parquet files (plaintext footer) are not supported");
  }
  auto schema = internal::build_schema(impl->meta.schema, limits);
  if (!schema.ok()) return schema.status().with_context("parquet: schema");
  impl->schema = std::move(*schema);
  const std::uint64_t data_end = size - 8 - footer_len;
  impl->chunks.reserve(impl->meta.row_groups.size() * impl->schema.columns().size());
  for (std::size_t g = 0; g < impl->meta.row_groups.size(); ++g) {
    Status s = check_row_group(*impl, g, data_end, impl->chunks);
    if (!s.ok()) return s.with_context("parquet: row group " + std::to_string(g));
  }
  return std::make_unique<ParquetFile>(std::move(impl));
}

const Schema& ParquetFile::schema() const {
  return impl_->schema;
}
std::size_t ParquetFile::num_row_groups() const {
  return impl_->meta.row_groups.size();
}
std::int64_t ParquetFile::num_rows() const {
  // The row groups' counts, not FileMetaData.num_rows: some writers leave that 0 (parquet-testing's
  // repeated_no_annotation), and the row groups are what the pages are checked against.
  std::int64_t n = 0;
  for (const ::parquet::RowGroup& rg : impl_->meta.row_groups) n += rg.num_rows;
  return n;
}
std::int64_t ParquetFile::row_group_rows(std::size_t index) const {
  return impl_->meta.row_groups.at(index).num_rows;
}
const std::string& ParquetFile::created_by() const {
  return impl_->meta.created_by;
}

const std::string* ParquetFile::metadata(std::string_view key) const {
  for (const ::parquet::KeyValue& kv : impl_->meta.key_value_metadata) {
    if (kv.key == key) return &kv.value;
  }
  return nullptr;
}

Result<ColumnSelection> ParquetFile::select(const std::vector<std::string>& paths) const {
  ColumnSelection sel;
  const Schema& schema = impl_->schema;
  for (const std::string& path : paths) {
    const SchemaNode* node = schema.find(path);
    if (node == nullptr) return invalid_argument_error("parquet: no column " + path, path);
    ColumnSelection::Entry e;
    e.path = path;
    e.node = static_cast<int>(node - schema.nodes().data());
    e.leaves = schema.leaves_under(e.node);
    for (int leaf : e.leaves) {
      const ColumnDescriptor& c = schema.columns()[static_cast<std::size_t>(leaf)];
      if (!c.unsupported.empty()) {
        return invalid_argument_error("parquet: column " + c.path + ": " + c.unsupported + " is not supported", path);
      }
      sel.leaves.push_back(leaf);
    }
    sel.entries.push_back(std::move(e));
  }
  std::sort(sel.leaves.begin(), sel.leaves.end());
  sel.leaves.erase(std::unique(sel.leaves.begin(), sel.leaves.end()), sel.leaves.end());
  return sel;
}

Result<RowGroupBatch> ParquetFile::read_row_group(std::size_t index, const ColumnSelection& selection) const {
  const Impl& f = *impl_;
  const std::string ctx = "parquet: row group " + std::to_string(index);
  if (index >= f.meta.row_groups.size()) return invalid_argument_error(ctx + ": no such row group");
  const ::parquet::RowGroup& rg = f.meta.row_groups[index];
  const std::size_t leaves = f.schema.columns().size();
  std::vector<ColumnBatch> out;
  out.reserve(selection.leaves.size());
  for (int leaf : selection.leaves) {
    const auto l = static_cast<std::size_t>(leaf);
    if (l >= leaves) return invalid_argument_error(ctx + ": the selection belongs to another file");
    const ColumnDescriptor& c = f.schema.columns()[l];
    const ::parquet::ColumnMetaData& m = rg.columns[l].meta_data;
    const std::string cctx = ctx + ", column " + c.path;
    if (const std::string why = internal::codec_unsupported(m.codec); !why.empty()) {
      return invalid_argument_error(cctx + ": " + why);
    }
    internal::ColumnChunkDecoder decoder(c, m, rg.num_rows, f.limits);
    auto batch = decoder.decode(*f.source, f.chunks[index * leaves + l]);
    if (!batch.ok()) return batch.status().with_context(cctx);
    out.push_back(std::move(*batch));
  }
  return RowGroupBatch(RowGroupBatch::Private{}, f.schema, index, static_cast<std::size_t>(rg.num_rows),
                       std::move(out));
}

const ColumnBatch* RowGroupBatch::column(std::string_view leaf_path) const {
  for (const ColumnBatch& b : columns_) {
    if (b.column().path == leaf_path) return &b;
  }
  return nullptr;
}

Result<RepeatedView> RowGroupBatch::repeated(std::string_view path) const {
  const SchemaNode* node = schema_->find(path);
  if (node == nullptr) return invalid_argument_error("parquet: no column " + std::string(path), std::string(path));
  std::vector<const ColumnBatch*> leaves;
  for (int leaf : schema_->leaves_under(static_cast<int>(node - schema_->nodes().data()))) {
    const ColumnBatch* b = column(schema_->columns()[static_cast<std::size_t>(leaf)].path);
    if (b == nullptr) {
      return invalid_argument_error("parquet: column " + std::string(path) + " was not selected", std::string(path));
    }
    leaves.push_back(b);
  }
  auto view = RepeatedView::make(std::move(leaves));
  if (!view.ok()) {
    return view.status().with_context("parquet: row group " + std::to_string(index_) + ", column " + std::string(path));
  }
  return view;
}

}  // namespace fg::ingest::parquet
