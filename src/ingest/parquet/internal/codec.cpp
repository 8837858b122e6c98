#include "ingest/parquet/internal/codec.hpp"

#include <algorithm>
#include <cstring>

#include <brotli/decode.h>
#include <lz4.h>
#include <snappy.h>
#include <zlib.h>
#include <zstd.h>

#include "parquet_types.h"

namespace fg::ingest::parquet::internal {
namespace {

using Codec = ::parquet::CompressionCodec;

Status corrupt(int codec) {
  return invalid_argument_error(codec_name(codec) + " data is corrupt or has the wrong size");
}

Status gunzip(const std::uint8_t* in, std::size_t in_size, std::uint8_t* out, std::size_t out_size) {
  std::size_t in_pos = 0, out_pos = 0;
  // Some writers emit several gzip members back to back; inflate them in turn.
  while (in_pos < in_size) {
    z_stream z{};
    if (inflateInit2(&z, 15 + 32) != Z_OK) return internal_error("zlib init failed");
    z.next_in = const_cast<Bytef*>(in + in_pos);
    z.avail_in = static_cast<uInt>(std::min<std::size_t>(in_size - in_pos, 0x7fffffff));
    z.next_out = out + out_pos;
    z.avail_out = static_cast<uInt>(std::min<std::size_t>(out_size - out_pos, 0x7fffffff));
    const int rc = inflate(&z, Z_FINISH);
    const std::size_t used_in = z.total_in, used_out = z.total_out;
    inflateEnd(&z);
    if (rc != Z_STREAM_END) return corrupt(Codec::GZIP);
    in_pos += used_in;
    out_pos += used_out;
    if (used_in == 0) break;
  }
  if (out_pos != out_size) return corrupt(Codec::GZIP);
  return ok_status();
}

bool lz4_raw(const std::uint8_t* in, std::size_t in_size, std::uint8_t* out, std::size_t out_size) {
  if (in_size > 0x7fffffff || out_size > 0x7fffffff) return false;
  const int n = LZ4_decompress_safe(reinterpret_cast<const char*>(in), reinterpret_cast<char*>(out),
                                    static_cast<int>(in_size), static_cast<int>(out_size));
  return n >= 0 && static_cast<std::size_t>(n) == out_size;
}

std::uint32_t load_be32(const std::uint8_t* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}

// Hadoop's framing: blocks of [BE u32 decompressed size][BE u32 compressed size][LZ4 block]. Older
// parquet-cpp wrote plain LZ4 blocks under the same codec id, so fall back to that (as Arrow does).
bool lz4_hadoop(const std::uint8_t* in, std::size_t in_size, std::uint8_t* out, std::size_t out_size) {
  std::size_t ip = 0, op = 0;
  while (in_size - ip >= 8) {
    const std::uint32_t dsize = load_be32(in + ip), csize = load_be32(in + ip + 4);
    ip += 8;
    if (csize > in_size - ip || dsize > out_size - op) return false;
    if (!lz4_raw(in + ip, csize, out + op, dsize)) return false;
    ip += csize;
    op += dsize;
  }
  return ip == in_size && op == out_size;
}

}  // namespace

std::string codec_name(int codec) {
  switch (codec) {
    case Codec::UNCOMPRESSED: return "UNCOMPRESSED";
    case Codec::SNAPPY: return "SNAPPY";
    case Codec::GZIP: return "GZIP";
    case Codec::LZO: return "LZO";
    case Codec::BROTLI: return "BROTLI";
    case Codec::LZ4: return "LZ4";
    case Codec::ZSTD: return "ZSTD";
    case Codec::LZ4_RAW: return "LZ4_RAW";
    default: return "codec " + std::to_string(codec);
  }
}

std::string codec_unsupported(int codec) {
  switch (codec) {
    case Codec::UNCOMPRESSED:
    case Codec::SNAPPY:
    case Codec::GZIP:
    case Codec::BROTLI:
    case Codec::LZ4:
    case Codec::ZSTD:
    case Codec::LZ4_RAW: return {};
    default: return codec_name(codec) + " compression is not supported";
  }
}

Status decompress(int codec, const std::uint8_t* in, std::size_t in_size, std::uint8_t* out, std::size_t out_size) {
  switch (codec) {
    case Codec::UNCOMPRESSED:
      if (in_size != out_size) return corrupt(codec);
      if (in_size > 0) std::memcpy(out, in, in_size);
      return ok_status();
    case Codec::SNAPPY: {
      std::size_t n = 0;
      const char* src = reinterpret_cast<const char*>(in);
      if (!snappy::GetUncompressedLength(src, in_size, &n) || n != out_size) return corrupt(codec);
      if (!snappy::RawUncompress(src, in_size, reinterpret_cast<char*>(out))) return corrupt(codec);
      return ok_status();
    }
    case Codec::GZIP: return gunzip(in, in_size, out, out_size);
    case Codec::ZSTD: {
      const std::size_t n = ZSTD_decompress(out, out_size, in, in_size);
      if (ZSTD_isError(n) || n != out_size) return corrupt(codec);
      return ok_status();
    }
    case Codec::LZ4_RAW:
      if (!lz4_raw(in, in_size, out, out_size)) return corrupt(codec);
      return ok_status();
    case Codec::LZ4:
      if (!lz4_hadoop(in, in_size, out, out_size) && !lz4_raw(in, in_size, out, out_size)) return corrupt(codec);
      return ok_status();
    case Codec::BROTLI: {
      std::size_t n = out_size;
      if (BrotliDecoderDecompress(in_size, in, &n, out) != BROTLI_DECODER_RESULT_SUCCESS || n != out_size) {
        return corrupt(codec);
      }
      return ok_status();
    }
    default: return invalid_argument_error(codec_unsupported(codec));
  }
}

}  // namespace fg::ingest::parquet::internal
