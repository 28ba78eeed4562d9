// Sections in the order of their tree (each child right after its parent,
// siblings by name as the store lists them), with their depth, for the
// <select>s of the editor and the article list. Internal to admin/.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/model.hpp"

namespace jarida::admin {

inline std::vector<std::pair<const core::Category*, int>> in_tree_order(
    const std::vector<core::Category>& all) {
  std::vector<std::pair<const core::Category*, int>> out;
  std::set<core::Id> seen;
  auto known = [&](core::Id id) {
    for (const auto& c : all)
      if (c.id == id) return true;
    return false;
  };
  // Depth-first from the roots; a parent that is gone counts as none.
  auto walk = [&](auto& self, std::optional<core::Id> parent, int depth) -> void {
    for (const auto& c : all) {
      const auto p = c.parent && known(*c.parent) ? c.parent : std::nullopt;
      if (p != parent || !seen.insert(c.id).second) continue;
      out.push_back({&c, depth});
      self(self, c.id, depth + 1);
    }
  };
  walk(walk, std::nullopt, 0);
  for (const auto& c : all)  // only a loop already in the data leaves some out
    if (!seen.count(c.id)) out.push_back({&c, 0});
  return out;
}

// "— — name" for a grandchild.
inline std::string tree_label(const core::Category& c, int depth) {
  std::string label;
  for (int i = 0; i < depth; ++i) label += "— ";
  return label + c.name;
}

}  // namespace jarida::admin
