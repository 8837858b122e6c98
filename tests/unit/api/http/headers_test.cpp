#include "api/http/headers.hpp"

#include <gtest/gtest.h>

namespace fg::api {
namespace {

TEST(HeadersTest, LookupIgnoresCase) {
  Headers h;
  h.add("Content-Type", "application/json");
  EXPECT_EQ(h.get("content-type"), "application/json");
  EXPECT_TRUE(h.has("CONTENT-TYPE"));
  EXPECT_FALSE(h.get("Content-Length").has_value());
}

TEST(HeadersTest, SetReplacesEveryValue) {
  Headers h;
  h.add("Vary", "a");
  h.add("vary", "b");
  EXPECT_EQ(h.count("Vary"), 2u);
  h.set("VARY", "Origin");
  EXPECT_EQ(h.count("Vary"), 1u);
  EXPECT_EQ(h.get("vary"), "Origin");
}

TEST(HeadersTest, RemoveDropsAllAndKeepsOthersInOrder) {
  Headers h;
  h.add("A", "1");
  h.add("Server", "x");
  h.add("B", "2");
  h.remove("server");
  ASSERT_EQ(h.size(), 2u);
  EXPECT_EQ(h.entries()[0].first, "A");
  EXPECT_EQ(h.entries()[1].first, "B");
}

TEST(HeadersTest, IequalsComparesLengthFirst) {
  EXPECT_TRUE(iequals("abc", "ABC"));
  EXPECT_FALSE(iequals("abc", "abcd"));
  EXPECT_FALSE(iequals("abc", "abd"));
}

}  // namespace
}  // namespace fg::api
