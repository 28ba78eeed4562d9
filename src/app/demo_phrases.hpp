// The phrase bank of `jarida demo` (internal to app/demo.cpp): original
// Arabic text written for the project about a fictional country, its
// ministries, cities and people. Nothing here is copied from real news.
//
// Templates may contain slots, filled by demo.cpp with Latin digits:
//   {c} the article's city (the same in its headline, lead and body)
//   {C} another city
//   {n} 3..10           (before a plural noun: "5 مدارس")
//   {N} 11..49          (before a singular noun: "40 مدرسة")
//   {K} 120..9790, never a multiple of 100, so the counted noun is always
//                       singular accusative: "{K} شخصاً", "{K} شجرة"
//   {M} 12..950         (an amount: "{M} مليون دينار")
//   {p} 3..78           (a percentage: "{p}%")
//   {r} a win score "3-1"; {e} a draw score "1-1"
//   {y} the article's year, {Y} a later year, {z} the year before
//   {w} a weekday       {S} the article's subject (a noun phrase)
//   {h} a man's name     {t} the headline's topic
//   {P} the sentence's person: role and name, the name in “…”
//   {q} a quotation (without the “…”, the template adds them)
//   [masculine|feminine]  the form agreeing with the sentence's person
#pragma once

#include <span>
#include <string_view>

namespace jarida::app::demo {

using Text = std::string_view;

// A headline subject: "وزارة الموارد المائية" (feminine), "البنك المركزي".
struct Subject {
  Text text;
  bool feminine;
};

// A verb in the four forms a headline and its lead need:
// "يعلن" / "تعلن" (headline, present) and "أعلن" / "أعلنت" (lead, past).
struct Verb {
  Text present_m, present_f, past_m, past_f;
};

// Verbs that fit every object of the group, said by the section's subjects
// or, when `subjects` is not empty, by these. A headline may end with one
// of CommonBank::title_suffixes when `suffixes` (announcements), and with one
// of CommonBank::title_contexts when `contexts` (all but match results).
// When `people`, the subject is sometimes one of the section's people
// (SectionBank::roles) instead: warnings, denials and criticism.
struct ActionGroup {
  std::span<const Verb> verbs;
  std::span<const Text> objects;
  std::span<const Subject> subjects = {};
  bool suffixes = false;
  bool contexts = true;
  bool people = false;
};

// A role and its feminine form: "وزير النقل" / "وزيرة النقل".
struct Role {
  Text masculine, feminine;
};

// One section of the demo site, with what its articles talk about.
struct SectionBank {
  Text name;
  Text description;
  std::span<const Subject> subjects;
  std::span<const ActionGroup> actions;
  std::span<const Text> topics;        // "أزمة المياه في {c}"
  std::span<const Text> short_quotes;  // for quote headlines
  std::span<const Text> quotes;        // for the body
  std::span<const Text> sentences;     // body sentences
  std::span<const Text> headings;      // <h2> sub-headings
  std::span<const Role> roles;         // people quoted in the body
  std::span<const Text> tags;          // tag names belonging to this section
  int weight;                          // share of the articles
};

struct CommonBank {
  std::span<const Text> cities;
  std::span<const Text> male_names;
  std::span<const Text> female_names;
  std::span<const Text> family_names;
  std::span<const Role> roles;
  std::span<const Text> sentences;
  std::span<const Text> quotes;
  std::span<const Text> headings;
  std::span<const Text> lead_tails;      // end of the lead sentence
  std::span<const Text> title_suffixes;  // " قبل نهاية العام"
  std::span<const Text> title_contexts;  // " في بيان رسمي"
  std::span<const Text> topic_titles;    // "{n} أسئلة حول {t}" ({t} = a topic)
  std::span<const Text> tags;            // tags of no section
  std::span<const Text> weekdays;
  std::span<const Text> commenters;
  std::span<const Text> comment_openers;
  std::span<const Text> comment_bodies;
  std::span<const Text> comment_closers;
  std::span<const Text> blockquotes;  // longer quotations for <blockquote>
};

std::span<const SectionBank> sections();
const CommonBank& common();

}  // namespace jarida::app::demo
