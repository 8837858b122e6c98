#include "ingest/source/expansion_limit.hpp"

#include <fmt/format.h>

namespace fg::ingest {
namespace {

class ExpansionLimitedSource final : public ByteSource {
 public:
  ExpansionLimitedSource(std::unique_ptr<ByteSource> inner, const ExpansionLimits& limits)
      : inner_(std::move(inner)), limits_(limits) {}

  Result<std::size_t> read(char* out, std::size_t n) override {
    FG_ASSIGN_OR_RETURN(std::size_t got, inner_->read(out, n));
    out_ += got;
    if (limits_.max_bytes != 0 && out_ > limits_.max_bytes) {
      return invalid_argument_error(fmt::format(
          "the object decompresses to more than {} bytes (setting ingest_max_decompressed_bytes)", limits_.max_bytes));
    }
    if (limits_.max_ratio != 0 && out_ > limits_.ratio_floor_bytes) {
      // raw_bytes() ≥ 1 here: nothing decompresses from nothing. Compare without dividing.
      const unsigned __int128 allowed = static_cast<unsigned __int128>(inner_->raw_bytes()) * limits_.max_ratio;
      if (out_ > allowed) {
        return invalid_argument_error(
            fmt::format("the object expands to more than {} times its compressed size "
                        "(setting ingest_max_expansion_ratio)",
                        limits_.max_ratio));
      }
    }
    return got;
  }
  std::uint64_t raw_bytes() const override { return inner_->raw_bytes(); }
  std::string raw_sha256() const override { return inner_->raw_sha256(); }

 private:
  std::unique_ptr<ByteSource> inner_;
  ExpansionLimits limits_;
  std::uint64_t out_ = 0;
};

}  // namespace

std::unique_ptr<ByteSource> limit_expansion(std::unique_ptr<ByteSource> inner, const ExpansionLimits& limits) {
  if (limits.max_ratio == 0 && limits.max_bytes == 0) return inner;
  return std::make_unique<ExpansionLimitedSource>(std::move(inner), limits);
}

}  // namespace fg::ingest
