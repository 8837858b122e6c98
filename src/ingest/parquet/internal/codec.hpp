// Page decompression with Debian's libraries: UNCOMPRESSED, SNAPPY (libsnappy), GZIP (zlib, also
// concatenated members), ZSTD (libzstd), LZ4_RAW and the deprecated Hadoop-framed LZ4 (liblz4),
// BROTLI (libbrotlidec). LZO and unknown codecs are refused by name.
//
// The caller sizes the output from the page header (after checking it against its cap); each codec
// must produce exactly that many bytes and can never write past them, so a page that inflates beyond
// what its header declares (a decompression bomb) is an error, not an allocation.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/result.hpp"

namespace fg::ingest::parquet::internal {

//! The codec's name for messages ("SNAPPY", "codec 9"...).
std::string codec_name(int codec);
//! Empty when supported, else the refusal ("codec LZO is not supported").
std::string codec_unsupported(int codec);

//! Decompresses [in, in+in_size) into exactly `out_size` bytes at `out`. invalid_argument when the data
//! is corrupt or decompresses to another size.
Status decompress(int codec, const std::uint8_t* in, std::size_t in_size, std::uint8_t* out, std::size_t out_size);

}  // namespace fg::ingest::parquet::internal
