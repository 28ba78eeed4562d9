// A reader's comment as posted (application/x-www-form-urlencoded), and the
// rules it must follow before it reaches the store (issue 4). Messages are
// Arabic: readers see them. Tested in tests/site/comment_input_test.cpp.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.hpp"

namespace jarida::site {

struct CommentInput {
  std::string name;
  std::string email;
  std::string body;
  std::string token;     // the signed form token ("t")
  std::string honeypot;  // "website": hidden from people, filled by bots
  std::optional<core::Id> parent;
  bool parent_malformed = false;
};

CommentInput parse_comment_form(std::string_view form_body);

// Normalizes in place (trims, CRLF -> LF, drops control characters) and
// returns the problems, each an Arabic sentence; empty when valid.
std::vector<std::string> validate_comment(CommentInput& in);

// "http://", "https://" and "www." occurrences.
int count_links(std::string_view text);
// True if a blocklisted word or phrase appears (case-insensitive for Latin).
bool contains_blocked_word(std::string_view text, const std::vector<std::string>& blocklist);

}  // namespace jarida::site
