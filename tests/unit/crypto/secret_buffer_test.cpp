#include "crypto/secret_buffer.hpp"

#include <ostream>
#include <string>
#include <type_traits>

#include <gtest/gtest.h>

namespace fg::crypto {
namespace {

// Misuse must not compile: no copies, no formatting, no streaming, no conversion to text.
static_assert(!std::is_copy_constructible_v<SecretBuffer>);
static_assert(!std::is_copy_assignable_v<SecretBuffer>);
static_assert(std::is_nothrow_move_constructible_v<SecretBuffer>);
static_assert(!fmt::is_formattable<SecretBuffer>::value);
static_assert(!std::is_convertible_v<SecretBuffer, std::string>);
static_assert(!std::is_convertible_v<SecretBuffer, std::string_view>);
template <typename T>
concept Streamable = requires(std::ostream& os, const T& s) {
  os << s;
};
static_assert(!Streamable<SecretBuffer>);
static_assert(Streamable<int>);

TEST(SecretBufferTest, StartsZeroedAndHasItsSize) {
  SecretBuffer b(32);
  ASSERT_EQ(b.size(), 32u);
  for (std::uint8_t x : b.bytes()) EXPECT_EQ(x, 0);
  SecretBuffer empty;
  EXPECT_TRUE(empty.empty());
  EXPECT_TRUE(SecretBuffer(0).empty());
}

TEST(SecretBufferTest, CopyOfKeepsTheBytes) {
  SecretBuffer b = SecretBuffer::copy_of(std::string_view("hunter2-canary"));
  EXPECT_EQ(b.view(), "hunter2-canary");
}

TEST(SecretBufferTest, MoveLeavesTheSourceEmpty) {
  SecretBuffer a = SecretBuffer::copy_of(std::string_view("abc"));
  SecretBuffer b(std::move(a));
  EXPECT_EQ(b.view(), "abc");
  EXPECT_TRUE(a.empty());  // NOLINT(bugprone-use-after-move): the moved-from state is the contract
  SecretBuffer c;
  c = std::move(b);
  EXPECT_EQ(c.view(), "abc");
  EXPECT_TRUE(b.empty());  // NOLINT(bugprone-use-after-move)
}

TEST(SecretBufferTest, RandomBuffersDiffer) {
  SecretBuffer a = SecretBuffer::random(32);
  SecretBuffer b = SecretBuffer::random(32);
  EXPECT_FALSE(a.equals(b));
  EXPECT_TRUE(a.equals(a));
}

TEST(SecretBufferTest, EqualsComparesLengthAndContent) {
  EXPECT_TRUE(SecretBuffer::copy_of(std::string_view("x")).equals(SecretBuffer::copy_of(std::string_view("x"))));
  EXPECT_FALSE(SecretBuffer::copy_of(std::string_view("x")).equals(SecretBuffer::copy_of(std::string_view("xy"))));
  EXPECT_TRUE(SecretBuffer().equals(SecretBuffer(0)));
}

TEST(SecretBufferTest, ReadOnlyBufferStillReadsButRefusesWrites) {
  SecretBuffer b = SecretBuffer::copy_of(std::string_view("ro"));
  b.make_read_only();
  EXPECT_EQ(b.view(), "ro");
  EXPECT_DEATH((void)b.data(), "");
}

}  // namespace
}  // namespace fg::crypto
