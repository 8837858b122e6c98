// Helpers for ingest tests: in-memory sources, files, and an independent exact decimal adder.
#pragma once

#include <algorithm>
#include <cstring>
#include <fstream>
#include <string>

#include "ingest/source/byte_source.hpp"

namespace fg::ingest::test {

//! A ByteSource over a string, handing out at most `step` bytes per read (to cross buffer edges).
class StringSource : public ByteSource {
 public:
  explicit StringSource(std::string data, std::size_t step = 7) : data_(std::move(data)), step_(step) {}
  Result<std::size_t> read(char* out, std::size_t n) override {
    const std::size_t k = std::min({n, step_, data_.size() - pos_});
    std::memcpy(out, data_.data() + pos_, k);
    pos_ += k;
    return k;
  }
  std::uint64_t raw_bytes() const override { return pos_; }
  std::string raw_sha256() const override { return {}; }

 private:
  std::string data_;
  std::size_t step_;
  std::size_t pos_ = 0;
};

inline void write_file(const std::string& path, const std::string& data) {
  std::ofstream(path, std::ios::binary) << data;
}

//! Exact decimal sum of texts like "-1.5E-7", kept as a sign and a base-10 digit string scaled by
//! 10^-40: independent of fg::Money, so tests can check the store's totals against it.
class DecimalSum {
 public:
  static constexpr int kScale = 40;
  //! False if `text` is not a decimal.
  bool add(const std::string& text) {
    std::size_t i = 0;
    bool neg = false;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) neg = text[i++] == '-';
    std::string digits;
    int frac = 0;
    bool dot = false, any = false;
    for (; i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.'); ++i) {
      if (text[i] == '.') {
        if (dot) return false;
        dot = true;
        continue;
      }
      digits += text[i];
      any = true;
      if (dot) ++frac;
    }
    if (!any) return false;
    int exp = 0;
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
      exp = std::stoi(text.substr(i + 1));
      i = text.size();
    }
    if (i != text.size()) return false;
    const int shift = kScale - frac + exp;  // digits × 10^shift, in units of 10^-40
    if (shift < 0) {
      if (static_cast<int>(digits.size()) <= -shift) return true;  // below 10^-40: tests never go there
      digits.resize(digits.size() + shift);
    } else {
      digits.append(static_cast<std::size_t>(shift), '0');
    }
    add_signed(neg, digits);
    return true;
  }
  //! The sum as "-123.45" with trailing fractional zeros removed.
  std::string str() const {
    std::string d = mag_;
    if (d.size() <= kScale) d.insert(0, kScale + 1 - d.size(), '0');
    std::string out = d.substr(0, d.size() - kScale);
    std::string f = d.substr(d.size() - kScale);
    while (!f.empty() && f.back() == '0') f.pop_back();
    if (!f.empty()) out += "." + f;
    return (neg_ && out != "0" ? "-" : "") + out;
  }

 private:
  static std::string strip(std::string s) {
    const auto p = s.find_first_not_of('0');
    return p == std::string::npos ? "0" : s.substr(p);
  }
  static int cmp(const std::string& a, const std::string& b) {
    if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
    return a.compare(b) < 0 ? -1 : a.compare(b) > 0 ? 1 : 0;
  }
  static std::string add_mag(const std::string& a, const std::string& b) {
    std::string r;
    int carry = 0;
    for (std::size_t i = 0; i < std::max(a.size(), b.size()) || carry; ++i) {
      int s = carry + (i < a.size() ? a[a.size() - 1 - i] - '0' : 0) + (i < b.size() ? b[b.size() - 1 - i] - '0' : 0);
      r.push_back(static_cast<char>('0' + s % 10));
      carry = s / 10;
    }
    std::reverse(r.begin(), r.end());
    return strip(r);
  }
  static std::string sub_mag(const std::string& a, const std::string& b) {  // a >= b
    std::string r;
    int borrow = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
      int s = (a[a.size() - 1 - i] - '0') - borrow - (i < b.size() ? b[b.size() - 1 - i] - '0' : 0);
      borrow = s < 0;
      r.push_back(static_cast<char>('0' + (s + 10) % 10));
    }
    std::reverse(r.begin(), r.end());
    return strip(r);
  }
  void add_signed(bool neg, std::string digits) {
    digits = strip(digits);
    if (neg == neg_) {
      mag_ = add_mag(mag_, digits);
    } else if (cmp(mag_, digits) >= 0) {
      mag_ = sub_mag(mag_, digits);
    } else {
      mag_ = sub_mag(digits, mag_);
      neg_ = neg;
    }
    if (mag_ == "0") neg_ = false;
  }
  bool neg_ = false;
  std::string mag_ = "0";
};

}  // namespace fg::ingest::test
