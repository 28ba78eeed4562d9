#include "http/spliced_body.hpp"

#include <zlib.h>

#include <array>
#include <charconv>
#include <cstring>
#include <stdexcept>

namespace jarida::http {
namespace {

constexpr unsigned char kGzipHeader[10] = {0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff};
// An empty final fixed-Huffman block: BFINAL=1, BTYPE=01, end-of-block.
constexpr unsigned char kFinalBlock[2] = {0x03, 0x00};
constexpr std::size_t kMaxNumberBytes = 40;  // 20 digits x 2 bytes (Arabic-Indic)

// crc32_combine_gen for every length a spliced number can have.
const std::array<unsigned long, kMaxNumberBytes + 1>& small_length_ops() {
  static const auto ops = [] {
    std::array<unsigned long, kMaxNumberBytes + 1> a{};
    for (std::size_t i = 0; i < a.size(); ++i) a[i] = crc32_combine_gen(static_cast<z_off_t>(i));
    return a;
  }();
  return ops;
}

void put_le32(std::string& s, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) s.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

}  // namespace

Chunk Chunk::make(std::string bytes) {
  Chunk c;
  c.identity = std::move(bytes);
  c.crc = static_cast<std::uint32_t>(
      crc32(0, reinterpret_cast<const Bytef*>(c.identity.data()), c.identity.size()));
  c.crc_op = crc32_combine_gen(static_cast<z_off_t>(c.identity.size()));

  z_stream zs{};
  if (deflateInit2(&zs, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("deflateInit2 failed");
  c.deflated.resize(deflateBound(&zs, c.identity.size()) + 16);
  zs.next_in = reinterpret_cast<Bytef*>(c.identity.data());
  zs.avail_in = static_cast<uInt>(c.identity.size());
  zs.next_out = reinterpret_cast<Bytef*>(c.deflated.data());
  zs.avail_out = static_cast<uInt>(c.deflated.size());
  const int rc = deflate(&zs, Z_FULL_FLUSH);
  const auto produced = c.deflated.size() - zs.avail_out;
  deflateEnd(&zs);
  if (rc != Z_OK || zs.avail_in != 0) throw std::runtime_error("deflate failed");
  c.deflated.resize(produced);
  c.deflated.shrink_to_fit();
  return c;
}

void SplicedBody::add_text(std::string bytes) {
  items_.push_back({Kind::text, static_cast<std::uint32_t>(texts_.size())});
  texts_.push_back(Chunk::make(std::move(bytes)));
}

void SplicedBody::add_number_slot() {
  items_.push_back({Kind::number, static_cast<std::uint32_t>(number_slots_++)});
}

void SplicedBody::add_fragment_slot() {
  items_.push_back({Kind::fragment, static_cast<std::uint32_t>(fragment_slots_++)});
}

void SplicedBody::add_text_slot() {
  items_.push_back({Kind::text_slot, static_cast<std::uint32_t>(text_slots_++)});
}

std::size_t format_number(std::int64_t n, bool arabic_digits, char* buf) {
  char tmp[24];
  const int len = static_cast<int>(std::to_chars(tmp, tmp + sizeof tmp, n).ptr - tmp);
  if (!arabic_digits) {
    std::memcpy(buf, tmp, static_cast<std::size_t>(len));
    return static_cast<std::size_t>(len);
  }
  std::size_t out = 0;
  for (int i = 0; i < len; ++i) {
    if (tmp[i] >= '0' && tmp[i] <= '9') {  // U+0660 + d is D9 A0+d in UTF-8
      buf[out++] = static_cast<char>(0xD9);
      buf[out++] = static_cast<char>(0xA0 + (tmp[i] - '0'));
    } else {
      buf[out++] = tmp[i];
    }
  }
  return out;
}

void SplicedBody::write(bool gzip, bool arabic_digits, std::span<const std::int64_t> numbers,
                        std::span<const Chunk* const> fragments, Response& out,
                        std::span<const std::string_view> texts) const {
  if (numbers.size() != number_slots_ || fragments.size() != fragment_slots_ ||
      texts.size() != text_slots_)
    throw std::logic_error("SplicedBody::write: slot count mismatch");
  out.parts.clear();
  // Per-request bytes go to scratch; reserve first so pointers stay valid.
  out.scratch.clear();
  std::size_t text_bytes = 0;
  for (auto t : texts) {
    if (t.size() > 0xffff) throw std::logic_error("SplicedBody::write: text slot too long");
    text_bytes += t.size() + 5;
  }
  out.scratch.reserve(numbers.size() * (kMaxNumberBytes + 5) + text_bytes + 16);
  char digits[kMaxNumberBytes];

  if (!gzip) {
    for (const Item& it : items_) {
      if (it.kind == Kind::text) {
        const auto& t = texts_[it.index].identity;
        out.parts.push_back({t.data(), t.size()});
      } else if (it.kind == Kind::fragment) {
        const auto& f = fragments[it.index]->identity;
        out.parts.push_back({f.data(), f.size()});
      } else if (it.kind == Kind::text_slot) {
        // Copied: the caller's text need not outlive the asynchronous write.
        const auto t = texts[it.index];
        const auto at = out.scratch.size();
        out.scratch.append(t);
        out.parts.push_back({out.scratch.data() + at, t.size()});
      } else {
        const auto n = format_number(numbers[it.index], arabic_digits, digits);
        const auto at = out.scratch.size();
        out.scratch.append(digits, n);
        out.parts.push_back({out.scratch.data() + at, n});
      }
    }
    return;
  }

  const auto& ops = small_length_ops();
  unsigned long crc = 0;
  std::uint32_t total = 0;
  out.parts.push_back({reinterpret_cast<const char*>(kGzipHeader), sizeof kGzipHeader});
  for (const Item& it : items_) {
    if (it.kind == Kind::text_slot) {
      const auto t = texts[it.index];
      const auto n = t.size();
      const auto at = out.scratch.size();
      out.scratch.push_back(0);
      out.scratch.push_back(static_cast<char>(n & 0xff));
      out.scratch.push_back(static_cast<char>(n >> 8));
      out.scratch.push_back(static_cast<char>(~n & 0xff));
      out.scratch.push_back(static_cast<char>((~n >> 8) & 0xff));
      out.scratch.append(t);
      out.parts.push_back({out.scratch.data() + at, n + 5});
      crc = crc32_combine_op(
          crc, crc32(0, reinterpret_cast<const Bytef*>(t.data()), static_cast<uInt>(n)),
          crc32_combine_gen(static_cast<z_off_t>(n)));
      total += static_cast<std::uint32_t>(n);
      continue;
    }
    if (it.kind != Kind::number) {
      const Chunk& c = it.kind == Kind::text ? texts_[it.index] : *fragments[it.index];
      out.parts.push_back({c.deflated.data(), c.deflated.size()});
      crc = crc32_combine_op(crc, c.crc, c.crc_op);
      total += static_cast<std::uint32_t>(c.identity.size());
      continue;
    }
    // A stored block: header byte (BFINAL=0, BTYPE=00, padded), LEN, NLEN.
    const auto n = format_number(numbers[it.index], arabic_digits, digits);
    const auto at = out.scratch.size();
    out.scratch.push_back(0);
    out.scratch.push_back(static_cast<char>(n & 0xff));
    out.scratch.push_back(static_cast<char>(n >> 8));
    out.scratch.push_back(static_cast<char>(~n & 0xff));
    out.scratch.push_back(static_cast<char>((~n >> 8) & 0xff));
    out.scratch.append(digits, n);
    out.parts.push_back({out.scratch.data() + at, n + 5});
    const auto dcrc = crc32(0, reinterpret_cast<const Bytef*>(digits), static_cast<uInt>(n));
    crc = crc32_combine_op(crc, dcrc, ops[n]);
    total += static_cast<std::uint32_t>(n);
  }
  const auto at = out.scratch.size();
  out.scratch.append(reinterpret_cast<const char*>(kFinalBlock), sizeof kFinalBlock);
  put_le32(out.scratch, static_cast<std::uint32_t>(crc));
  put_le32(out.scratch, total);
  out.parts.push_back({out.scratch.data() + at, out.scratch.size() - at});
}

std::size_t SplicedBody::memory_bytes() const {
  std::size_t n = items_.size() * sizeof(Item);
  for (const auto& t : texts_) n += t.identity.size() + t.deflated.size() + sizeof(Chunk);
  return n;
}

}  // namespace jarida::http
