#include "costdb/internal/block_codec.hpp"

#include <random>

#include <gtest/gtest.h>

namespace fg::costdb::internal {
namespace {

TEST(BlockCodec, IntsRoundTripWithNulls) {
  std::vector<std::int64_t> v = {5, INT64_MIN, 7, 1000000, -3, INT64_MIN};
  ByteWriter w;
  IntStats st = encode_ints(v.data(), v.size(), INT64_MIN, w);
  EXPECT_TRUE(st.any);
  EXPECT_EQ(st.min, -3);
  EXPECT_EQ(st.max, 1000000);
  ByteReader r(w.buffer());
  std::vector<std::int64_t> out;
  ASSERT_TRUE(decode_ints(r, v.size(), INT64_MIN, out));
  EXPECT_EQ(out, v);
}

TEST(BlockCodec, IntsFullRange) {
  std::vector<std::int64_t> v = {INT64_MAX, INT64_MIN + 1, 0};
  ByteWriter w;
  encode_ints(v.data(), v.size(), INT64_MIN, w);
  ByteReader r(w.buffer());
  std::vector<std::int64_t> out;
  ASSERT_TRUE(decode_ints(r, v.size(), INT64_MIN, out));
  EXPECT_EQ(out, v);
}

TEST(BlockCodec, DecimalsRoundTripAcrossScalesAndFallback) {
  std::mt19937_64 rng(7);
  for (int scale_case = 0; scale_case < 4; ++scale_case) {
    std::vector<Int128> v;
    std::vector<std::uint8_t> present;
    for (int i = 0; i < 1000; ++i) {
      Int128 x = static_cast<Int128>(rng() % 1000000007) - 500000000;
      if (scale_case == 0) x *= static_cast<Int128>(100000000);                    // 10 fractional digits
      if (scale_case == 1) x *= 1;                                                 // 18 digits
      if (scale_case == 2) x = x * Money::kOne * static_cast<Int128>(1000000000);  // range needs > 64 bits
      if (scale_case == 3) x = (i % 2 ? 1 : -1) * (((Int128)1 << 120) + i);        // near the limits
      v.push_back(i % 17 == 0 ? 0 : x);
      present.push_back(i % 17 == 0 ? 0 : 1);
    }
    ByteWriter w;
    encode_decimals(v.data(), present.data(), v.size(), w);
    ByteReader r(w.buffer());
    std::vector<Int128> out;
    std::vector<std::uint8_t> out_present;
    ASSERT_TRUE(decode_decimals(r, v.size(), out, out_present)) << scale_case;
    EXPECT_TRUE(r.at_end());
    EXPECT_EQ(out_present, present);
    for (std::size_t i = 0; i < v.size(); ++i) ASSERT_TRUE(out[i] == v[i]) << scale_case << " " << i;
  }
}

TEST(BlockCodec, CompactWhenValuesShareAScale) {
  std::vector<Int128> v(1000, static_cast<Int128>(12) * Money::kOne / 100);  // 0.12 everywhere
  std::vector<std::uint8_t> present(v.size(), 1);
  v[3] = static_cast<Int128>(35) * Money::kOne / 100;
  ByteWriter w;
  encode_decimals(v.data(), present.data(), v.size(), w);
  EXPECT_LT(w.size(), 1100u);  // one byte per value plus a header, not 16
}

TEST(BlockCodec, CodesPickWidth) {
  std::vector<std::uint32_t> small = {0, 1, 200}, big = {0, 70000, 3};
  for (const auto& v : {small, big}) {
    ByteWriter w;
    encode_codes(v.data(), v.size(), w);
    ByteReader r(w.buffer());
    std::vector<std::uint32_t> out;
    ASSERT_TRUE(decode_codes(r, v.size(), out));
    EXPECT_EQ(out, v);
  }
}

TEST(BlockCodec, CorruptInputIsRejected) {
  std::string junk = "\x09garbage";
  ByteReader r(junk);
  std::vector<std::uint32_t> out;
  EXPECT_FALSE(decode_codes(r, 100, out));
  std::string frame;
  std::string bad = "not a zstd frame";
  EXPECT_FALSE(decompress(bad, 1 << 20, frame).ok());
}

TEST(BlockCodec, ZstdRoundTrip) {
  Compressor c;
  std::string raw(100000, 'x'), frame, back;
  ASSERT_TRUE(c.compress(raw, frame).ok());
  EXPECT_LT(frame.size(), raw.size());
  ASSERT_TRUE(decompress(frame, raw.size(), back).ok());
  EXPECT_EQ(back, raw);
  frame[frame.size() / 2] ^= 0x55;  // the content checksum catches a flipped byte
  EXPECT_FALSE(decompress(frame, raw.size(), back).ok() && back == raw);
}

}  // namespace
}  // namespace fg::costdb::internal
