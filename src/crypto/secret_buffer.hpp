// SecretBuffer: bytes that must never leak (a data key, a decrypted credential, a private key).
//
// The bytes live in libsodium's guarded heap (sodium_malloc): locked out of swap, excluded from core
// dumps where the kernel allows it, surrounded by guard pages, and wiped by sodium_free on destruction.
// The type is move-only and deliberately has no formatter, no operator<< and no conversion to string,
// so `fmt::format("{}", secret)` or `log << secret` is a compile error.
//
//   SecretBuffer key = SecretBuffer::random(32);
//   aead_seal(key, aad, plaintext);
#pragma once

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <span>
#include <string_view>

#include <fmt/core.h>

namespace fg::crypto {

class SecretBuffer {
 public:
  //! An empty buffer (size 0).
  SecretBuffer() = default;
  //! `size` zero bytes in locked memory. Aborts if the guarded heap cannot serve it (out of locked
  //! memory is an operational emergency, not a recoverable error).
  explicit SecretBuffer(std::size_t size);
  //! A copy of `bytes`. The caller remains responsible for wiping its own copy.
  static SecretBuffer copy_of(std::span<const std::uint8_t> bytes);
  static SecretBuffer copy_of(std::string_view text);
  //! `size` bytes from the CSPRNG.
  static SecretBuffer random(std::size_t size);

  SecretBuffer(SecretBuffer&& other) noexcept;
  SecretBuffer& operator=(SecretBuffer&& other) noexcept;
  SecretBuffer(const SecretBuffer&) = delete;
  SecretBuffer& operator=(const SecretBuffer&) = delete;
  //! Wipes and frees.
  ~SecretBuffer();

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  //! Precondition: the buffer was not made read-only. Never copy the bytes into an ordinary string.
  std::uint8_t* data();
  const std::uint8_t* data() const { return data_; }
  std::span<const std::uint8_t> bytes() const { return {data_, size_}; }
  //! The bytes as text (for a credential that is text, e.g. a cloud secret key). Same lifetime rules.
  std::string_view view() const { return {reinterpret_cast<const char*>(data_), size_}; }

  //! Makes the pages read-only (sodium_mprotect_readonly): a stray write now faults instead of
  //! corrupting the secret. data() then aborts.
  void make_read_only();

  //! Constant-time equality of contents (lengths are compared in the clear).
  bool equals(const SecretBuffer& other) const;

 private:
  void release();

  std::uint8_t* data_ = nullptr;
  std::size_t size_ = 0;
  bool read_only_ = false;
};

//! Printing a secret is a bug the compiler catches.
std::ostream& operator<<(std::ostream&, const SecretBuffer&) = delete;

}  // namespace fg::crypto

//! No formatter: fmt::format("{}", secret) does not compile.
template <>
struct fmt::formatter<fg::crypto::SecretBuffer> {
  formatter() = delete;
};
