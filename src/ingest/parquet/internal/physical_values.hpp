// PhysicalValues: one page's non-null values as stored, before conversion (value_converter.hpp).
// Only the vector of the column's physical type is used. Byte views point into the decompressed page
// or into `owned` (values a decoder had to build), so they live until the next page is decoded.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fg::ingest::parquet::internal {

struct PhysicalValues {
  std::vector<std::int64_t> ints;       //!< BOOLEAN (0/1), INT32 (sign-extended), INT64
  std::vector<double> doubles;          //!< FLOAT (widened exactly), DOUBLE
  std::vector<std::string_view> bytes;  //!< INT96 (12 bytes), BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY
  std::string owned;

  void clear() {
    ints.clear();
    doubles.clear();
    bytes.clear();
    owned.clear();
  }
};

}  // namespace fg::ingest::parquet::internal
