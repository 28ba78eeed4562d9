// A response body assembled per request from precompressed pieces, so a
// cached page can carry live values (the visit counter, shared fragments
// such as the latest-comments list) and still be served gzip-compressed
// without compressing anything per request.
//
// How: every piece is compressed on its own as raw deflate ending in a full
// flush (byte-aligned, no back-reference into what comes before), so pieces
// can be concatenated in any order into one valid deflate stream. A number
// is spliced in as a tiny stored (uncompressed) block. The gzip trailer's
// CRC-32 is combined from the pieces' CRCs with zlib's crc32_combine_op, and
// an empty final block closes the stream. Tested against zlib's inflate in
// tests/http/spliced_body_test.cpp.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "http/response.hpp"

namespace jarida::http {

// One run of bytes, as-is and deflated.
struct Chunk {
  std::string identity;
  std::string deflated;  // raw deflate, full-flushed, not final
  std::uint32_t crc = 0;
  unsigned long crc_op = 0;  // zlib crc32_combine_gen(identity.size())

  static Chunk make(std::string bytes);
};

class SplicedBody {
 public:
  // Building, in page order.
  void add_text(std::string bytes);
  void add_number_slot();    // the next value of `numbers` in write()
  void add_fragment_slot();  // the next chunk of `fragments` in write()
  void add_text_slot();      // the next value of `texts` in write() (per-request text, < 64 KB)

  std::size_t number_slots() const { return number_slots_; }
  std::size_t fragment_slots() const { return fragment_slots_; }
  std::size_t text_slots() const { return text_slots_; }

  // Fills out.parts (pointing into this body, the fragments and
  // out.scratch). The caller keeps this body and the fragments alive until
  // the response is written (Response::owners).
  void write(bool gzip, bool arabic_digits, std::span<const std::int64_t> numbers,
             std::span<const Chunk* const> fragments, Response& out,
             std::span<const std::string_view> texts = {}) const;

  // Bytes held (both encodings), for the cache's byte budget.
  std::size_t memory_bytes() const;

 private:
  enum class Kind : std::uint8_t { text, number, fragment, text_slot };
  struct Item {
    Kind kind;
    std::uint32_t index;  // into texts_, numbers or fragments
  };
  std::vector<Item> items_;
  std::vector<Chunk> texts_;
  std::size_t number_slots_ = 0;
  std::size_t fragment_slots_ = 0;
  std::size_t text_slots_ = 0;
};

// Formats n in Latin or Arabic-Indic digits into buf; returns the length.
std::size_t format_number(std::int64_t n, bool arabic_digits, char* buf);

}  // namespace jarida::http
