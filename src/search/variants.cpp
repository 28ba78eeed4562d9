#include "search/variants.hpp"

#include <algorithm>

#include "text/normalize.hpp"
#include "text/stem.hpp"

namespace jarida::search {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

}  // namespace

VariantTable VariantTable::defaults() {
  VariantTable t;
  t.add(default_variants_text(), "default variants");
  return t;
}

void VariantTable::add(std::string_view text, std::string_view name) {
  std::size_t line_number = 0;
  while (!text.empty()) {
    ++line_number;
    const std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    if (const std::size_t hash = line.find('#'); hash != std::string_view::npos)
      line = line.substr(0, hash);
    line = trim(line);
    if (line.empty()) continue;
    std::vector<VariantEntry> group;
    std::size_t entries = 0;
    while (true) {
      const std::size_t bar = line.find('|');
      const std::string_view part = trim(line.substr(0, bar));
      VariantEntry e;
      for (const text::Token& t : text::tokenize(part)) {
        e.words.emplace_back(part.substr(t.begin, t.end - t.begin));
        if (!e.stem_key.empty()) e.stem_key += ' ';
        e.stem_key += text::search_stem(t.normalized);
      }
      const bool seen = std::any_of(group.begin(), group.end(), [&](const VariantEntry& g) {
        return g.stem_key == e.stem_key;
      });
      if (!e.words.empty()) ++entries;
      if (!e.words.empty() && !seen) group.push_back(std::move(e));
      if (bar == std::string_view::npos) break;
      line = line.substr(bar + 1);
    }
    if (entries < 2)
      throw VariantError(std::string(name) + ":" + std::to_string(line_number) +
                         ": a group needs at least two entries separated by |");
    // Entries the stemmer already joins (طالبة | طالبات) need no group.
    if (group.size() < 2) continue;
    const std::size_t index = groups_.size();
    for (const VariantEntry& e : group) {
      by_stem_key_[e.stem_key].push_back(index);
      longest_ = std::max(longest_, e.words.size());
    }
    groups_.push_back(std::move(group));
  }
}

std::vector<const VariantEntry*> VariantTable::variants_of(const std::string& stem_key) const {
  std::vector<const VariantEntry*> out;
  const auto it = by_stem_key_.find(stem_key);
  if (it == by_stem_key_.end()) return out;
  for (std::size_t g : it->second)
    for (const VariantEntry& e : groups_[g])
      if (std::none_of(out.begin(), out.end(),
                       [&](const VariantEntry* o) { return o->stem_key == e.stem_key; }))
        out.push_back(&e);
  return out;
}

}  // namespace jarida::search
