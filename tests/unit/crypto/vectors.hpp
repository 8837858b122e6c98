// Test-only: reads the known-answer vector files under tests/vectors/ (each names its origin).
#pragma once

#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "crypto/encoding.hpp"

namespace fg::crypto::testing {

inline nlohmann::json load_vectors(const std::string& name) {
  std::ifstream in(std::string(FG_SOURCE_DIR) + "/tests/vectors/" + name);
  EXPECT_TRUE(in.good()) << name;
  return nlohmann::json::parse(in);
}

inline Bytes unhex(const std::string& s) {
  Result<Bytes> b = hex_decode(s);
  EXPECT_TRUE(b.ok()) << s;
  return b.ok() ? *b : Bytes{};
}

}  // namespace fg::crypto::testing
