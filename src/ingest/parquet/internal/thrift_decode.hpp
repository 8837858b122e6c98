// The Thrift adapter: the only code that decodes Parquet's Thrift structures (the footer's
// FileMetaData and each PageHeader), with the code Debian's thrift-compiler generates from
// parquet.thrift and libthrift's compact protocol. Every Thrift exception stops here and becomes a
// Status with a fixed message (never the bytes, never Thrift's own text).
//
// Before the footer is decoded, a walk over the same bytes with the protocol's read calls estimates
// the memory the decoded structures will take: the generated code resizes a vector to the length a
// list declares before reading its elements, so a few bytes could otherwise claim gigabytes.
#pragma once

#include <cstddef>
#include <string_view>

#include "core/result.hpp"
#include "ingest/parquet/limits.hpp"
#include "parquet_types.h"

namespace fg::ingest::parquet::internal {

//! Decodes a footer. invalid_argument for malformed Thrift or a missing required field;
//! invalid_argument naming the cap when the decoded form would exceed max_footer_memory.
Result<::parquet::FileMetaData> decode_file_metadata(std::string_view bytes, const ReaderLimits& limits);

struct DecodedPageHeader {
  ::parquet::PageHeader header;
  std::size_t size = 0;  //!< bytes the header took
};

//! Decodes the page header at the start of `bytes`. `truncated` is set (with an error) when the
//! bytes ended inside the header, so the caller can retry with more.
Result<DecodedPageHeader> decode_page_header(std::string_view bytes, bool& truncated);

}  // namespace fg::ingest::parquet::internal
