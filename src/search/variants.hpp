// The synonym/variant table: words and phrases a reader means the same by
// that spelling rules can't join: broken plurals (شارع / شوارع), Latin
// brand names and their Arabic spellings (Facebook / فيسبوك / فيس بوك).
// Defaults ship in default_variants.cpp; a site adds its own groups in
// DATA_DIR/search-variants.txt (same format). Used at query time only, so
// an edit takes effect on restart without re-indexing.
//
// Format: one group per line, entries separated by "|"; "#" starts a
// comment; blank lines are ignored. An entry may be several words.
//   شارع | شوارع
//   فيسبوك | فيس بوك | facebook
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace jarida::search {

struct VariantError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// One entry of a group: its words as written and their stems.
struct VariantEntry {
  std::vector<std::string> words;
  std::string stem_key;  // stems joined by ' '
};

class VariantTable {
 public:
  // The built-in groups.
  static VariantTable defaults();
  // Adds the groups of `text`; throws VariantError "name:line: message"
  // for a line with fewer than two entries.
  void add(std::string_view text, std::string_view name);

  // All entries of every group that has an entry whose stems are exactly
  // `stem_key` (stems joined by ' '); empty when none.
  std::vector<const VariantEntry*> variants_of(const std::string& stem_key) const;
  // Words in the longest entry (multi-word entries join query words).
  std::size_t longest_entry() const { return longest_; }
  std::size_t group_count() const { return groups_.size(); }

 private:
  std::vector<std::vector<VariantEntry>> groups_;
  std::unordered_map<std::string, std::vector<std::size_t>> by_stem_key_;
  std::size_t longest_ = 1;
};

// The text of the built-in table (default_variants.cpp).
std::string_view default_variants_text();

}  // namespace jarida::search
