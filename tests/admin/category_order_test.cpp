#include "admin/category_order.hpp"

#include <gtest/gtest.h>

namespace {

using jarida::core::Category;

Category cat(jarida::core::Id id, const char* name, std::optional<jarida::core::Id> parent) {
  Category c;
  c.id = id;
  c.name = name;
  c.parent = parent;
  return c;
}

TEST(CategoryOrder, ChildrenFollowTheirParentsAtAnyDepth) {
  const std::vector<Category> all = {
      cat(1, "أخبار", std::nullopt), cat(2, "رياضة", std::nullopt), cat(3, "محلية", 1),
      cat(4, "القاهرة", 3),          cat(5, "كرة القدم", 2),        cat(6, "يتيم", 99)};
  std::vector<std::string> labels;
  for (const auto& [c, depth] : jarida::admin::in_tree_order(all))
    labels.push_back(jarida::admin::tree_label(*c, depth));
  EXPECT_EQ(labels, (std::vector<std::string>{"أخبار", "— محلية", "— — القاهرة", "رياضة",
                                              "— كرة القدم", "يتيم"}));
}

TEST(CategoryOrder, ALoopInTheDataLosesNoCategory) {
  const std::vector<Category> all = {cat(1, "أ", 2), cat(2, "ب", 1), cat(3, "ج", std::nullopt)};
  EXPECT_EQ(jarida::admin::in_tree_order(all).size(), 3u);
}

}  // namespace
