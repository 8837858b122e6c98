// A tiny Parquet writer for tests: footers and page headers serialized with the same Thrift-generated
// structs (and libthrift's compact protocol) the reader uses, page bodies encoded by hand. Tests use it
// to build exactly the file a case needs: a valid baseline, then one field tampered with (a page that
// claims 4 GiB, a dictionary index out of range, a level above the maximum, invalid UTF-8 ...).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "parquet_types.h"

namespace fg::ingest::parquet::test {

struct PageSpec {
  ::parquet::PageHeader header;
  std::string body;  //!< as stored (compressed when the column has a codec)
};

struct ColumnSpec {
  ::parquet::SchemaElement element;
  std::vector<PageSpec> pages;
  std::int64_t num_values = 0;
  ::parquet::CompressionCodec::type codec = ::parquet::CompressionCodec::UNCOMPRESSED;
};

//! A leaf schema element.
::parquet::SchemaElement leaf(const std::string& name, ::parquet::Type::type type,
                              ::parquet::FieldRepetitionType::type rep = ::parquet::FieldRepetitionType::REQUIRED);

std::string plain_int32(const std::vector<std::int32_t>& v);
std::string plain_int64(const std::vector<std::int64_t>& v);
std::string plain_double(const std::vector<double>& v);
std::string plain_byte_array(const std::vector<std::string>& v);
//! RLE/bit-packed hybrid: one RLE run per value (simple and valid), `width` bits wide.
std::string rle_runs(const std::vector<std::uint32_t>& v, int width);
//! A V1 RLE level block: 4-byte length then rle_runs.
std::string v1_levels(const std::vector<std::uint32_t>& levels, int width);

//! A DataPage V1 header for an uncompressed body of `num_values` values.
PageSpec data_page_v1(std::int32_t num_values, std::string body,
                      ::parquet::Encoding::type encoding = ::parquet::Encoding::PLAIN);
PageSpec dictionary_page(std::int32_t num_values, std::string body);

//! Serializes a Thrift struct with the compact protocol.
template <typename T>
std::string serialize(const T& value);

//! The whole file: one row group of `num_rows` rows with these columns. `tamper` may edit the footer.
std::string build_file(std::vector<ColumnSpec> columns, std::int64_t num_rows,
                       const std::function<void(::parquet::FileMetaData&)>& tamper = {});

//! A file with one REQUIRED INT64 column "x" holding `values` (the baseline most tests start from).
std::string int64_file(const std::vector<std::int64_t>& values);

}  // namespace fg::ingest::parquet::test
