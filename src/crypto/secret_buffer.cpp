#include "crypto/secret_buffer.hpp"

#include <cstring>

#include <sodium.h>

#include "core/assert.hpp"
#include "crypto/internal/sodium_init.hpp"

namespace fg::crypto {

SecretBuffer::SecretBuffer(std::size_t size) : size_(size) {
  internal::ensure_sodium();
  if (size == 0) return;
  data_ = static_cast<std::uint8_t*>(sodium_malloc(size));
  // Failing to lock memory for a secret would mean putting it somewhere we promised it would not go.
  FG_CHECK(data_ != nullptr);
  sodium_memzero(data_, size);
}

SecretBuffer SecretBuffer::copy_of(std::span<const std::uint8_t> bytes) {
  SecretBuffer out(bytes.size());
  if (!bytes.empty()) std::memcpy(out.data_, bytes.data(), bytes.size());
  return out;
}

SecretBuffer SecretBuffer::copy_of(std::string_view text) {
  return copy_of(std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
}

SecretBuffer SecretBuffer::random(std::size_t size) {
  SecretBuffer out(size);
  if (size > 0) randombytes_buf(out.data_, size);
  return out;
}

SecretBuffer::SecretBuffer(SecretBuffer&& other) noexcept
    : data_(other.data_), size_(other.size_), read_only_(other.read_only_) {
  other.data_ = nullptr;
  other.size_ = 0;
  other.read_only_ = false;
}

SecretBuffer& SecretBuffer::operator=(SecretBuffer&& other) noexcept {
  if (this != &other) {
    release();
    data_ = other.data_;
    size_ = other.size_;
    read_only_ = other.read_only_;
    other.data_ = nullptr;
    other.size_ = 0;
    other.read_only_ = false;
  }
  return *this;
}

SecretBuffer::~SecretBuffer() {
  release();
}

void SecretBuffer::release() {
  // sodium_free wipes the region (and checks the canary) before unmapping it.
  if (data_ != nullptr) sodium_free(data_);
  data_ = nullptr;
  size_ = 0;
}

std::uint8_t* SecretBuffer::data() {
  // Writing through a read-only buffer would fault later at a confusing place; fail here instead.
  FG_CHECK(!read_only_);
  return data_;
}

void SecretBuffer::make_read_only() {
  if (data_ != nullptr) sodium_mprotect_readonly(data_);
  read_only_ = true;
}

bool SecretBuffer::equals(const SecretBuffer& other) const {
  if (size_ != other.size_) return false;
  if (size_ == 0) return true;
  return sodium_memcmp(data_, other.data_, size_) == 0;
}

}  // namespace fg::crypto
