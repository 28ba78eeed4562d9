// Stemmers for search (see stem.hpp). Tested rule by rule in
// tests/text/stem_test.cpp.
#include "text/stem.hpp"

#include <libstemmer.h>
#include <unicode/utf8.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <span>

namespace jarida::text {

namespace {

struct Affix {
  std::u32string_view text;
  std::size_t min_rest;  // letters (code points) that must remain
};

// Light stemmer rules (all of them are here). Input is normalized, so ة is already ه (ية is يه)
// and أ/إ/آ are already ا. Conservative on purpose: a wrong strip at index
// time and at query time is consistent, but it can merge unrelated words.
//
// Order: article prefix, then suffix, then (only if no article was
// stripped) a single-letter particle. At most one prefix and one suffix.
//
// 1. Article and article + particle (وال بال كال فال لل ال, longest first):
//    only if at least 3 letters remain (الحج, لله stay whole).
constexpr std::array<Affix, 6> kArticlePrefixes = {{
    {U"وال", 3},
    {U"بال", 3},
    {U"كال", 3},
    {U"فال", 3},
    {U"لل", 3},
    {U"ال", 3},
}};

// 3. Single-letter particles (و ف ب ك ل): only if at least 4 letters remain
//    AFTER the suffix is gone, because many words begin with these letters.
//    Checking after the suffix keeps كتابها -> كتاب (not ك + تاب) and
//    وزارة/الوزارة together (both وزار). Longer words that merely begin with
//    one are still cut (بريطانيا -> ريطانيا), the same way at index and query
//    time. Stacked prefixes (وبال, وللـ) are not handled.
constexpr std::array<Affix, 5> kParticlePrefixes = {{
    {U"و", 4},
    {U"ف", 4},
    {U"ب", 4},
    {U"ك", 4},
    {U"ل", 4},
}};

// 2. Suffixes (at most one, longest first), only if at least 3 letters remain:
// pronouns (ها هم هن كم كن نا ه ي), plurals and duals (ات ون ين ان), nisba
// feminine (يه = ية), and ه (= ة, the feminine ending). Known cost: proper
// nouns ending like a suffix are cut (لبنان -> لبن merges with "milk").
constexpr std::array<Affix, 13> kSuffixes = {{
    {U"ها", 3},
    {U"هم", 3},
    {U"هن", 3},
    {U"كم", 3},
    {U"كن", 3},
    {U"نا", 3},
    {U"ات", 3},
    {U"ون", 3},
    {U"ين", 3},
    {U"ان", 3},
    {U"يه", 3},
    {U"ه", 3},
    {U"ي", 3},
}};

std::u32string decode(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    UChar32 c;
    U8_NEXT(reinterpret_cast<const std::uint8_t*>(s.data()), i, s.size(), c);
    if (c >= 0) {
      out.push_back(static_cast<char32_t>(c));
    }
  }
  return out;
}

std::string encode(std::u32string_view s) {
  std::string out;
  out.reserve(s.size() * 2);
  for (const char32_t c : s) {
    std::array<std::uint8_t, U8_MAX_LENGTH> buf{};
    std::size_t n = 0;
    U8_APPEND_UNSAFE(buf.data(), n, static_cast<UChar32>(c));
    out.append(reinterpret_cast<const char*>(buf.data()), n);
  }
  return out;
}

// One libstemmer stemmer per thread, freed when the thread ends.
class ThreadStemmer {
 public:
  ThreadStemmer() : stemmer_(sb_stemmer_new("arabic", "UTF_8")) {}
  ~ThreadStemmer() {
    if (stemmer_ != nullptr) {
      sb_stemmer_delete(stemmer_);
    }
  }
  ThreadStemmer(const ThreadStemmer&) = delete;
  ThreadStemmer& operator=(const ThreadStemmer&) = delete;
  sb_stemmer* get() const { return stemmer_; }

 private:
  sb_stemmer* stemmer_;
};

}  // namespace

std::string light_stem(std::string_view normalized_word) {
  const std::u32string letters = decode(normalized_word);
  std::u32string_view word = letters;
  auto strip_prefix = [&word](std::span<const Affix> table) {
    for (const Affix& p : table) {
      if (word.starts_with(p.text) && word.size() - p.text.size() >= p.min_rest) {
        word.remove_prefix(p.text.size());
        return true;
      }
    }
    return false;
  };
  const bool had_article = strip_prefix(kArticlePrefixes);
  for (const Affix& s : kSuffixes) {
    if (word.ends_with(s.text) && word.size() - s.text.size() >= s.min_rest) {
      word.remove_suffix(s.text.size());
      break;
    }
  }
  if (!had_article) {
    strip_prefix(kParticlePrefixes);
  }
  return encode(word);
}

std::string snowball_stem(std::string_view normalized_word) {
  thread_local const ThreadStemmer stemmer;
  if (stemmer.get() == nullptr || normalized_word.empty()) {
    return std::string(normalized_word);
  }
  const sb_symbol* stemmed =
      sb_stemmer_stem(stemmer.get(), reinterpret_cast<const sb_symbol*>(normalized_word.data()),
                      static_cast<int>(normalized_word.size()));
  if (stemmed == nullptr) {  // out of memory
    return std::string(normalized_word);
  }
  return std::string(reinterpret_cast<const char*>(stemmed),
                     static_cast<std::size_t>(sb_stemmer_length(stemmer.get())));
}

namespace {
std::atomic<StemMode> g_search_stem_mode{StemMode::light};
}  // namespace

void set_search_stem_mode(StemMode mode) {
  g_search_stem_mode.store(mode);
}

StemMode search_stem_mode() {
  return g_search_stem_mode.load(std::memory_order_relaxed);
}

std::string search_stem(std::string_view normalized_word) {
  switch (search_stem_mode()) {
    case StemMode::none:
      return std::string(normalized_word);
    case StemMode::snowball:
      // Snowball keeps وال: strip the article the light way first.
      return snowball_stem(light_stem(normalized_word));
    case StemMode::light:
      break;
  }
  return light_stem(normalized_word);
}

}  // namespace jarida::text
