// Stemmers for search (see stem.hpp). Tested rule by rule in
// tests/text/stem_test.cpp.
#include "text/stem.hpp"

#include <libstemmer.h>
#include <unicode/utf8.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <optional>
#include <span>

namespace jarida::text {

namespace {

struct Affix {
  std::u32string_view text;
  std::size_t min_rest;  // letters (code points) that must remain
};

// Light stemmer rules (all of them are here). Input is normalized, so ة is
// already ه (ية is يه) and أ/إ/آ are already ا. Conservative on purpose: a
// wrong strip at index time and at query time is consistent, but it can
// merge unrelated words.
//
// light_stem: an article prefix, then a suffix (rules 1 and 2, with 2a and
// 2b). particle_stem (index only, rule 3): the same word without a leading
// single-letter particle.
//
// 1. Article and article + particle (وال بال كال فال لل ال, longest first):
//    only if at least 2 letters remain (الخط -> خط, الحج -> حج; الم "pain"
//    and لله stay whole), and never in الله (it would become له "for him").
constexpr std::array<Affix, 6> kArticlePrefixes = {{
    {U"وال", 2},
    {U"بال", 2},
    {U"كال", 2},
    {U"فال", 2},
    {U"لل", 2},
    {U"ال", 2},
}};
constexpr std::u32string_view kAllah = U"الله";

// 3. Single-letter particles (و ف ب ك ل) before a word without the article
//    (وزير، بمدرسة، لمدينة). Many words simply begin with these letters
//    (كهرباء، وزير، بريطانيا), and nothing in the letters tells which is
//    which, so the particle is never stripped from a QUERY word (كهرباء
//    stays كهرباء) and an indexed word gets both forms at the same
//    position (كهرباء and هرباء; بمدرسة and مدرس): a query finds the word
//    with or without the particle, and never gains a false match. Only if
//    at least 3 letters remain after the suffix is gone.
constexpr std::array<Affix, 5> kParticlePrefixes = {{
    {U"و", 3},
    {U"ف", 3},
    {U"ب", 3},
    {U"ك", 3},
    {U"ل", 3},
}};

// 2. Suffixes (at most one, longest first), only if at least 3 letters remain:
// pronouns (ها هم هن كم كن نا ه ي), plurals and duals (ات ون ين ان), nisba
// feminine (يه = ية), ه (= ة, the feminine ending) and the ا of the
// accusative tanween (طبيباً -> طبيب; normalizing dropped the ً). Known
// cost: proper nouns ending like a suffix are cut (لبنان -> لبن merges with
// "milk", روسيا with روسي).
//   2a. After a pronoun suffix, a plural ات goes too (معلماتها -> معلم),
//       or else a final ت, which is ة written before a pronoun (مدرستها,
//       حكومته -> مدرس, حكوم, like مدرسة), if 3 letters remain.
//   2b. ان stripped from a singular (فيضان -> فيض) is stripped from its
//       ات plural too (فيضانات -> فيضان -> فيض).
constexpr std::array<Affix, 14> kSuffixes = {{
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
    {U"ا", 3},
}};
constexpr std::size_t kPronounSuffixes = 6;  // the first six, plus ه and ي
constexpr std::u32string_view kPluralAt = U"ات";

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

namespace {

bool strip_prefix(std::u32string_view& word, std::span<const Affix> table) {
  if (word == kAllah) return false;
  for (const Affix& p : table) {
    if (word.starts_with(p.text) && word.size() - p.text.size() >= p.min_rest) {
      word.remove_prefix(p.text.size());
      return true;
    }
  }
  return false;
}

// Rule 2 with 2a and 2b.
void strip_suffix(std::u32string_view& word) {
  if (word == kAllah) return;
  for (std::size_t i = 0; i < kSuffixes.size(); ++i) {
    const Affix& s = kSuffixes[i];
    if (!word.ends_with(s.text) || word.size() - s.text.size() < s.min_rest) continue;
    // The ا of ها and نا too short to strip (فيها, لنا) is not a tanween.
    if (s.text == U"ا" && (word.ends_with(U"ها") || word.ends_with(U"نا"))) return;
    word.remove_suffix(s.text.size());
    const bool pronoun = i < kPronounSuffixes || s.text == U"ه" || s.text == U"ي";
    if (pronoun && word.ends_with(kPluralAt) && word.size() - 2 >= 3)
      word.remove_suffix(2);
    else if (pronoun && word.ends_with(U'ت') && word.size() - 1 >= 3)
      word.remove_suffix(1);
    if (s.text == kPluralAt && word.ends_with(U"ان") && word.size() - 2 >= 3) word.remove_suffix(2);
    return;
  }
}

}  // namespace

std::string light_stem(std::string_view normalized_word) {
  const std::u32string letters = decode(normalized_word);
  std::u32string_view word = letters;
  strip_prefix(word, kArticlePrefixes);
  strip_suffix(word);
  return encode(word);
}

std::optional<std::string> particle_stem(std::string_view normalized_word) {
  const std::u32string letters = decode(normalized_word);
  std::u32string_view word = letters;
  if (strip_prefix(word, kArticlePrefixes)) return std::nullopt;  // بالـ etc. are rule 1
  std::u32string_view rest = word;
  if (!strip_prefix(rest, kParticlePrefixes)) return std::nullopt;
  // وبالكتاب: the particle, then the article.
  strip_prefix(rest, kArticlePrefixes);
  strip_suffix(rest);
  if (rest.size() < 3) return std::nullopt;
  return encode(rest);
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
      return snowball_stem(normalized_word);
    case StemMode::light:
      break;
  }
  return light_stem(normalized_word);
}

std::vector<std::string> index_stems(std::string_view normalized_word) {
  std::vector<std::string> stems{search_stem(normalized_word)};
  if (search_stem_mode() == StemMode::light) {
    if (auto p = particle_stem(normalized_word); p && *p != stems.front())
      stems.push_back(std::move(*p));
  }
  return stems;
}

}  // namespace jarida::text
