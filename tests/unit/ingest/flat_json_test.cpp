#include "ingest/focus/flat_json.hpp"

#include <random>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace fg::ingest {
namespace {

std::string dumped(const std::string& text) {
  return nlohmann::json::parse(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

TEST(FlatJsonTest, CanonicalFormIsNlohmannsDump) {
  for (const std::string text :
       {R"({"env": "prod", "team": "ml", "app": "app-413"})", R"({})", R"(  { }  )", R"({"b":"","a":"x y/z"})",
        "{\n\t\"k\" : \"v\"\r\n}", R"({"A":"1","a":"2","_":"3"})"}) {
    std::string out;
    ASSERT_TRUE(canonical_flat_object(text, out)) << text;
    EXPECT_EQ(out, dumped(text)) << text;
  }
}

TEST(FlatJsonTest, LeavesEverythingElseToTheFullParser) {
  for (const char* text :
       {R"({"a":1})", R"({"a":true})", R"({"a":null})", R"({"a":{"b":"c"}})", R"({"a":["b"]})", R"({"a":"b\"c"})",
        R"({"a":"b\\c"})", R"({"a":"\u00e9"})", "{\"a\":\"\xc3\xa9\"}", R"({"a":"x","a":"y"})", R"({"a":"x",})",
        R"({"a" "x"})", R"({"a":"x"} x)", R"(["a"])", R"({"a":"x")", R"("a")", "", "{\"a\":\"\x01\"}"}) {
    std::string out;
    EXPECT_FALSE(canonical_flat_object(text, out)) << text;
  }
}

// Random flat objects of printable ASCII, spaced at random: always the same text as the full
// parser's dump.
TEST(FlatJsonTest, AgreesWithTheFullParserOnRandomObjects) {
  std::mt19937 rng(11);
  auto word = [&] {
    std::string w;
    for (int n = static_cast<int>(rng() % 8); n > 0; --n) {
      char c = static_cast<char>(0x20 + rng() % 95);
      if (c == '"' || c == '\\') c = '_';
      w += c;
    }
    return w;
  };
  auto space = [&] { return std::string(rng() % 3, " \t\n"[rng() % 3]); };
  for (int i = 0; i < 5000; ++i) {
    std::string text = space() + "{";
    const int pairs = static_cast<int>(rng() % 6);
    for (int p = 0; p < pairs; ++p) {
      if (p) text += space() + "," + space();
      text += "\"" + word() + "\"" + space() + ":" + space() + "\"" + word() + "\"";
    }
    text += space() + "}" + space();
    std::string out;
    const bool fast = canonical_flat_object(text, out);
    const nlohmann::json j = nlohmann::json::parse(text);
    if (j.size() != static_cast<std::size_t>(pairs)) {
      EXPECT_FALSE(fast) << text;  // a duplicate key
      continue;
    }
    ASSERT_TRUE(fast) << text;
    EXPECT_EQ(out, dumped(text)) << text;
  }
}

}  // namespace
}  // namespace fg::ingest
