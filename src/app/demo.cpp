// `jarida demo`: generates the demo site (see demo.hpp for the contract).
//
// Two passes. The first plans every article (headline, lead, section, date,
// status) and sorts the plans by date, so ids follow publication order and
// duplicate slugs get "-2", "-3" in that order, as WordPress does. The
// second opens one WriteBatch and writes everything, generating each body
// just before it is written. Each article draws from its own generators,
// seeded from (seed, article number, pass), so a change in how one article
// is written does not shift every article after it.
#include "app/demo.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <random>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "app/demo_phrases.hpp"
#include "text/slug.hpp"

namespace jarida::app {
namespace {

using demo::ActionGroup;
using demo::CommonBank;
using demo::Role;
using demo::SectionBank;
using demo::Subject;
using demo::Text;
using demo::Verb;

constexpr std::int64_t kSecondsPerDay = 86400;
constexpr std::int64_t kSpanSeconds = 730 * kSecondsPerDay;  // two years before `now`
constexpr std::array<Text, 4> kKickers = {"انفراد", "عاجل", "خاص", "تحليل"};

// ------------------------------------------------------------------ random

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

// std::mt19937_64 is specified exactly by the standard; the range reduction
// is ours (multiply-shift), so results are the same with every library.
class Rng {
 public:
  Rng(std::uint64_t seed, std::uint64_t index, std::uint64_t pass)
      : eng_(splitmix64(splitmix64(splitmix64(seed) ^ index) ^ pass)) {}

  // Uniform in [0, n), n > 0.
  std::size_t below(std::size_t n) {
    return static_cast<std::size_t>((static_cast<unsigned __int128>(eng_()) * n) >> 64);
  }
  // Uniform in [lo, hi].
  std::int64_t between(std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(below(static_cast<std::size_t>(hi - lo + 1)));
  }
  bool percent(unsigned p) { return below(100) < p; }
  template <class T>
  const T& pick(std::span<const T> items) {
    return items[below(items.size())];
  }

 private:
  std::mt19937_64 eng_;
};

// Draws without repetition from 0..n-1, starting over once all were drawn.
class Deck {
 public:
  void reset(std::size_t n) {
    order_.resize(n);
    for (std::size_t i = 0; i < n; ++i) order_[i] = static_cast<std::uint16_t>(i);
    next_ = 0;
  }
  bool empty() const { return order_.empty(); }
  bool exhausted() const { return next_ == order_.size(); }
  std::size_t draw(Rng& rng) {
    if (next_ == order_.size()) next_ = 0;
    const std::size_t j = next_ + rng.below(order_.size() - next_);
    std::swap(order_[next_], order_[j]);
    return order_[next_++];
  }

 private:
  std::vector<std::uint16_t> order_;
  std::size_t next_ = 0;
};

// ------------------------------------------------------------------ templates

void append_int(std::string& out, std::int64_t v) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

// Expands the slots of demo_phrases.hpp for one article (or one comment).
class Filler {
 public:
  Filler(Rng& rng, const SectionBank& section, int year, std::size_t city)
      : rng_(rng), cb_(demo::common()), section_(section), year_(year), city_(city) {}

  void set_subject(std::string_view s) { subject_ = s; }
  void set_topic(std::string_view t) { topic_ = t; }

  Text city() const { return cb_.cities[city_]; }

  // A person quoted in the body or a headline: role and name, the name in
  // “…”. Headlines quote only the section's own people.
  void new_person(bool section_only = false) {
    const bool own = !section_.roles.empty() && (section_only || !rng_.percent(40));
    const Role& role = own ? rng_.pick(section_.roles) : rng_.pick(cb_.roles);
    female_ = rng_.percent(35);
    person_.clear();
    expand(person_, female_ ? role.feminine : role.masculine);
    person_ += " “";
    person_ += rng_.pick(female_ ? cb_.female_names : cb_.male_names);
    person_ += ' ';
    person_ += rng_.pick(cb_.family_names);
    person_ += "”";
  }
  const std::string& person() const { return person_; }
  bool female() const { return female_; }

  // Appends `tpl` with its slots filled. A sentence naming {P} gets a new
  // person first, so [m|f] forms before the name agree with it.
  void sentence(std::string& out, Text tpl) {
    if (tpl.find("{P}") != Text::npos) new_person();
    expand(out, tpl);
  }

  void expand(std::string& out, Text tpl) {
    std::size_t i = 0;
    while (i < tpl.size()) {
      std::size_t j = i;  // (find_first_of calls memchr once per byte)
      while (j < tpl.size() && tpl[j] != '{' && tpl[j] != '[') ++j;
      if (j == tpl.size()) j = Text::npos;
      if (j == Text::npos) {
        out.append(tpl.substr(i));
        return;
      }
      out.append(tpl.substr(i, j - i));
      if (tpl[j] == '{' && j + 2 < tpl.size() && tpl[j + 2] == '}') {
        slot(out, tpl[j + 1]);
        i = j + 3;
        continue;
      }
      if (tpl[j] == '[') {
        const std::size_t bar = tpl.find('|', j);
        const std::size_t close = bar == Text::npos ? Text::npos : tpl.find(']', bar);
        if (close != Text::npos) {
          out.append(female_ ? tpl.substr(bar + 1, close - bar - 1)
                             : tpl.substr(j + 1, bar - j - 1));
          i = close + 1;
          continue;
        }
      }
      out.push_back(tpl[j]);
      i = j + 1;
    }
  }

 private:
  void slot(std::string& out, char name) {
    switch (name) {
      case 'c':
        out.append(cb_.cities[city_]);
        return;
      case 'C': {
        std::size_t other = rng_.below(cb_.cities.size() - 1);
        if (other >= city_) ++other;
        out.append(cb_.cities[other]);
        return;
      }
      case 'n':
        return append_int(out, rng_.between(3, 10));
      case 'N':
        return append_int(out, rng_.between(11, 49));
      case 'K': {
        std::int64_t tens = rng_.between(12, 979);
        if (tens % 10 == 0) ++tens;  // never a multiple of 100 (see demo_phrases.hpp)
        return append_int(out, tens * 10);
      }
      case 'M':
        return append_int(out, rng_.between(12, 950));
      case 'p':
        return append_int(out, rng_.between(3, 78));
      case 'r': {
        const std::int64_t a = rng_.between(1, 4);
        append_int(out, a);
        out.push_back('-');
        return append_int(out, rng_.between(0, a - 1));
      }
      case 'e': {
        const std::int64_t a = rng_.between(0, 3);
        append_int(out, a);
        out.push_back('-');
        return append_int(out, a);
      }
      case 'y':
        return append_int(out, year_);
      case 'Y':
        return append_int(out, year_ + rng_.between(1, 3));
      case 'z':
        return append_int(out, year_ - 1);
      case 'w':
        out.append(rng_.pick(cb_.weekdays));
        return;
      case 'S':
        out.append(subject_);
        return;
      case 'P':
        out.append(person_);
        return;
      case 't':
        out.append(topic_);
        return;
      case 'h':
        out.append(rng_.pick(cb_.male_names));
        out.push_back(' ');
        out.append(rng_.pick(cb_.family_names));
        return;
      case 'q': {  // no quotation twice in one article while others are left
        if (quotes_.empty()) quotes_.reset(section_.quotes.size() + cb_.quotes.size());
        const std::size_t i = quotes_.draw(rng_);
        return expand(out, i < section_.quotes.size() ? section_.quotes[i]
                                                      : cb_.quotes[i - section_.quotes.size()]);
      }
      default:  // not a slot: keep the text as written
        out.push_back('{');
        out.push_back(name);
        out.push_back('}');
    }
  }

  Rng& rng_;
  const CommonBank& cb_;
  const SectionBank& section_;
  int year_;
  std::size_t city_;
  std::string_view subject_;
  std::string_view topic_;
  std::string person_;
  bool female_ = false;
  Deck quotes_;
};

// "first-word SUBJECT rest-of-verb": verb-subject order for questions and
// the lead ("هل يكشف البنك المركزي عن …", "كشفت الوزارة عن …").
void append_verb_first(std::string& out, Text verb, std::string_view subject) {
  const std::size_t space = verb.find(' ');
  out.append(verb.substr(0, space));
  out.push_back(' ');
  out.append(subject);
  if (space != Text::npos) out.append(verb.substr(space));
}

// ------------------------------------------------------------------ planning

constexpr std::size_t kNoSection = static_cast<std::size_t>(-1);

struct Plan {
  std::int64_t index = 0;      // the article's number in generation order (seeds its generators)
  std::int64_t published = 0;  // seconds since the epoch
  std::string title;
  std::string lead;
  std::string subject;  // the headline's subject, which the body may name
  std::string slug;
  std::size_t section = 0;   // which phrase bank
  std::size_t category = 0;  // 0 = uncategorized, else section + 1
  std::size_t city = 0;
  std::size_t author = 0;
  int kicker = -1;
  bool draft = false;
};

std::size_t pick_weighted_section(Rng& rng, std::span<const SectionBank> sections) {
  int total = 0;
  for (const auto& s : sections) total += s.weight;
  auto r = static_cast<int>(rng.below(static_cast<std::size_t>(total)));
  for (std::size_t i = 0; i < sections.size(); ++i) {
    if (r < sections[i].weight) return i;
    r -= sections[i].weight;
  }
  return sections.size() - 1;
}

int year_of(std::int64_t seconds) {
  const std::chrono::sys_days day{std::chrono::floor<std::chrono::days>(
      std::chrono::sys_seconds{std::chrono::seconds{seconds}})};
  return static_cast<int>(std::chrono::year_month_day{day}.year());
}

Plan plan_article(std::uint64_t seed, std::int64_t index, std::int64_t now) {
  const auto sections = demo::sections();
  const CommonBank& cb = demo::common();
  Rng rng(seed, static_cast<std::uint64_t>(index), 0);
  Plan p;
  p.index = index;
  p.published = now - static_cast<std::int64_t>(rng.below(kSpanSeconds));
  p.section = pick_weighted_section(rng, sections);
  p.category = rng.percent(5) ? 0 : p.section + 1;
  p.city = rng.below(cb.cities.size());
  p.author = rng.below(100) < 40 ? 0 : (rng.below(100) < 55 ? 1 : 2);
  p.kicker = rng.below(6) == 0 ? static_cast<int>(rng.below(kKickers.size())) : -1;
  p.draft = rng.below(100) == 0;

  const SectionBank& sec = sections[p.section];
  Filler fill(rng, sec, year_of(p.published), p.city);

  // The action: who does what. It makes the lead, and most headlines.
  const ActionGroup& group = rng.pick(sec.actions);
  std::string& subj = p.subject;
  bool feminine = false;
  if (group.people && rng.percent(40)) {  // a named person: "الخبير الأمني “…” يحذر من"
    fill.new_person(true);
    subj = fill.person();
    feminine = fill.female();
  } else {
    const Subject& subject = rng.pick(group.subjects.empty() ? sec.subjects : group.subjects);
    fill.expand(subj, subject.text);
    feminine = subject.feminine;
  }
  const Verb& verb = rng.pick(group.verbs);
  std::string object;
  fill.expand(object, rng.pick(group.objects));
  fill.set_subject(subj);
  const Text present = feminine ? verb.present_f : verb.present_m;
  const Text past = feminine ? verb.past_f : verb.past_m;

  std::string& t = p.title;
  t.reserve(200);
  const std::size_t kind = rng.below(100);
  auto subject_verb_object = [&] {
    t += subj;
    t += ' ';
    t += present;
    t += ' ';
    t += object;
  };
  if (kind < 55 || (kind < 62 && (subj + object).find(fill.city()) != std::string::npos)) {
    subject_verb_object();
    if (group.suffixes && rng.percent(25)) {
      fill.expand(t, rng.pick(cb.title_suffixes));
    } else if (group.contexts && rng.percent(45)) {
      fill.expand(t, rng.pick(cb.title_contexts));
    }
  } else if (kind < 62) {  // a dateline, when the city is not named already
    t += fill.city();
    t += ": ";
    subject_verb_object();
  } else if (kind < 72) {
    t += "هل ";
    append_verb_first(t, present, subj);
    t += ' ';
    t += object;
    t += "؟";
  } else if (kind < 80) {
    t += "مصادر مطلعة: ";
    subject_verb_object();
  } else if (kind < 86) {
    std::string topic;
    fill.expand(topic, rng.pick(sec.topics));
    fill.set_topic(topic);
    fill.expand(t, rng.pick(cb.topic_titles));
  } else {
    fill.new_person(true);
    t += fill.person();
    t += ": “";
    fill.expand(t, rng.pick(sec.short_quotes));
    t += "”";
  }

  std::string& l = p.lead;
  l.reserve(400);
  l += fill.city();
  l += " – ";
  append_verb_first(l, past, subj);
  l += ' ';
  l += object;
  l += "، ";
  fill.expand(l, rng.pick(cb.lead_tails));
  l += '.';
  return p;
}

// ------------------------------------------------------------------ writing

// Most articles are read a little, a few a lot.
std::int64_t skewed_visits(Rng& rng) {
  const std::size_t r = rng.below(1000);
  if (r < 700) return rng.between(5, 300);
  if (r < 950) return rng.between(300, 3000);
  if (r < 995) return rng.between(3000, 30000);
  return rng.between(30000, 250000);
}

std::int64_t skewed_daily_visits(Rng& rng) {
  const std::size_t r = rng.below(100);
  if (r < 70) return rng.between(3, 120);
  if (r < 95) return rng.between(120, 1500);
  return rng.between(1500, 20000);
}

class BodyWriter {
 public:
  // Appends the article's HTML: the bold lead, then 3-12 paragraphs with
  // <h2> sub-headings every 2-4 paragraphs (the first after 1 or 2), and
  // sometimes a <blockquote>.
  void write(std::string& out, Rng& rng, const SectionBank& sec, const Plan& p) {
    const CommonBank& cb = demo::common();
    Filler fill(rng, sec, year_of(p.published), p.city);
    fill.set_subject(p.subject);
    own_sentences_.reset(sec.sentences.size());
    common_sentences_.reset(cb.sentences.size());
    own_headings_.reset(sec.headings.size());
    common_headings_.reset(cb.headings.size());

    out += "<p><strong>";
    out += p.lead;
    out += "</strong></p>\n";
    const std::size_t paragraphs = 3 + rng.below(10);
    std::size_t next_heading = 1 + rng.below(2);
    const std::size_t quote_at = rng.percent(25) ? 1 + rng.below(paragraphs - 1) : 0;
    for (std::size_t i = 0; i < paragraphs; ++i) {
      if (i == next_heading) {
        out += "<h2>";
        out += use_own(rng, own_headings_, common_headings_, 40)
                   ? sec.headings[own_headings_.draw(rng)]
                   : cb.headings[common_headings_.draw(rng)];
        out += "</h2>\n";
        next_heading += 2 + rng.below(3);
      }
      if (i == quote_at && quote_at != 0) {
        out += "<blockquote><p>“";
        out += rng.pick(cb.blockquotes);
        out += "”</p></blockquote>\n";
      }
      out += "<p>";
      const std::size_t sentences = 2 + rng.below(3);
      for (std::size_t s = 0; s < sentences; ++s) {
        if (s > 0) out += ' ';
        const Text tpl = use_own(rng, own_sentences_, common_sentences_, 50)
                             ? sec.sentences[own_sentences_.draw(rng)]
                             : cb.sentences[common_sentences_.draw(rng)];
        fill.sentence(out, tpl);
      }
      out += "</p>\n";
    }
  }

 private:
  // Section text `percent`% of the time; the other deck when one has run
  // out, so nothing repeats within an article until both have.
  static bool use_own(Rng& rng, const Deck& own, const Deck& common, unsigned percent) {
    if (own.empty()) return false;
    if (own.exhausted() != common.exhausted()) return common.exhausted();
    return rng.percent(percent);
  }

  Deck own_sentences_, common_sentences_, own_headings_, common_headings_;
};

void write_comment_text(std::string& out, Rng& rng, const SectionBank& sec, int year) {
  const CommonBank& cb = demo::common();
  Filler fill(rng, sec, year, rng.below(cb.cities.size()));
  const std::size_t shape = rng.below(10);
  if (shape < 7) out += rng.pick(cb.comment_openers);
  if (shape >= 3) {
    if (!out.empty()) out += ' ';
    fill.expand(out, rng.pick(cb.comment_bodies));
  }
  if (rng.percent(25)) {
    out += ' ';
    out += rng.pick(cb.comment_closers);
  }
}

struct UserSeed {
  const char* login;
  const char* display_name;
  const char* bio;
  core::Role role;
};

constexpr UserSeed kUsers[] = {
    {"salma", "سلمى الخطيب",
     "محررة الشؤون السياسية، تغطي أخبار البرلمان والحكومة منذ أكثر من عشر سنوات.",
     core::Role::editor},
    {"karim", "كريم النجار", "مراسل الشؤون الأمنية والقضائية، يتابع ملفات الفساد والتحقيقات.",
     core::Role::author},
    {"huda", "هدى العلي",
     "صحافية متخصصة في الاقتصاد والصحة، تكتب عن الأسعار وسوق العمل والخدمات العامة.",
     core::Role::author},
};

constexpr const char* kAboutHtml =
    "<p>هذا الموقع منصة إخبارية مستقلة تُعنى بالشأن السياسي والأمني، وتتابع إلى جانبهما "
    "الاقتصاد والرياضة والثقافة وحياة الناس اليومية. نؤمن بأن الخبر الدقيق حق لكل قارئ، وبأن "
    "السرعة لا تبرر الخطأ.</p>\n"
    "<p>يعمل في الموقع فريق صغير من المحررين والمراسلين في عدد من المدن، ويلتزم بقواعد مهنية "
    "واضحة: التحقق من المعلومة من مصدرين على الأقل، والفصل بين الخبر والرأي، ونشر التصحيحات "
    "علناً عند الخطأ.</p>\n"
    "<p>نرحب بتعليقات القراء تحت كل مقال، ونراجعها قبل نشرها حفاظاً على نقاش محترم يخلو من "
    "الإساءة والتحريض. ويمكن لأي قارئ أن يرسل أي مقال إلى صديق بضغطة زر.</p>\n"
    "<p>تنبيه: المحتوى المنشور هنا محتوى تجريبي كُتب خصيصاً لعرض إمكانات منصة «جريدة»، وكل "
    "الأسماء والمدن والأحداث الواردة فيه من نسج الخيال، وأي تشابه مع الواقع محض مصادفة.</p>\n";

std::string slug_or(std::string_view name, std::string fallback) {
  std::string s = text::slugify(name);
  return s.empty() ? fallback : s;
}

}  // namespace

DemoSummary fill_demo(store::Store& store, const DemoOptions& opt) {
  const auto sections = demo::sections();
  const CommonBank& cb = demo::common();
  const std::int64_t now = opt.now.time_since_epoch().count();
  const std::int64_t count = std::max<std::int64_t>(0, opt.articles);
  DemoSummary summary;

  // Pass 1: plan, order by date, pick unique slugs.
  std::vector<Plan> plans;
  plans.reserve(static_cast<std::size_t>(count));
  for (std::int64_t i = 0; i < count; ++i) plans.push_back(plan_article(opt.seed, i, now));
  std::sort(plans.begin(), plans.end(), [](const Plan& a, const Plan& b) {
    return a.published != b.published ? a.published < b.published : a.index < b.index;
  });

  std::unordered_set<std::string> used;
  used.reserve(plans.size() * 2);
  for (Plan& p : plans) p.slug = slug_or(p.title, "article-" + std::to_string(p.index + 1));
  if (store.count_articles() > 0) {
    // Reads happen before the batch takes the write lock.
    std::unordered_set<std::string> asked;
    for (const Plan& p : plans) {
      if (!asked.insert(p.slug).second) continue;
      for (auto& s : store.article_slugs_starting_with(p.slug)) used.insert(std::move(s));
    }
  }
  std::unordered_map<std::string, int> next_suffix;  // base slug -> next n to try
  std::string candidate;
  for (Plan& p : plans) {
    if (used.insert(p.slug).second) continue;
    int& n = next_suffix.try_emplace(p.slug, 2).first->second;
    for (;; ++n) {
      candidate = p.slug;
      candidate += '-';
      append_int(candidate, n);
      if (used.insert(candidate).second) break;
    }
    ++n;
    p.slug = candidate;
  }

  // Pass 2: write.
  auto batch = store.begin_write();

  std::vector<core::Id> category_ids;
  category_ids.push_back(batch->upsert_category(
      {"غير-مصنفة", "غير مصنفة", "مقالات لم تُصنَّف في قسم بعد.", std::nullopt}));
  for (std::size_t i = 0; i < sections.size(); ++i) {
    category_ids.push_back(batch->upsert_category(
        {slug_or(sections[i].name, "section-" + std::to_string(i + 1)),
         std::string(sections[i].name), std::string(sections[i].description), std::nullopt}));
  }
  summary.categories = static_cast<std::int64_t>(category_ids.size());

  auto add_tags = [&](std::span<const Text> names) {
    std::vector<core::Id> ids;
    for (Text name : names) {
      ids.push_back(batch->upsert_tag(
          {slug_or(name, "tag-" + std::to_string(summary.tags + 1)), std::string(name)}));
      ++summary.tags;
    }
    return ids;
  };
  const std::vector<core::Id> common_tags = add_tags(cb.tags);
  std::vector<std::vector<core::Id>> section_tags;
  for (const auto& s : sections) section_tags.push_back(add_tags(s.tags));

  std::vector<core::Id> author_ids;
  for (const UserSeed& u : kUsers) {
    author_ids.push_back(
        batch->upsert_user({u.login, u.login, u.display_name, u.bio, u.role, "!"}));
  }
  summary.authors = static_cast<std::int64_t>(author_ids.size());

  batch->upsert_page({"about", "عن الموقع", kAboutHtml});

  const auto today = std::chrono::floor<std::chrono::days>(opt.now);
  store::NewArticle a;
  store::NewComment c;
  std::vector<core::Id> approved;
  std::vector<std::int64_t> comment_times;
  BodyWriter body;
  a.body_html.reserve(8192);
  for (std::size_t k = 0; k < plans.size(); ++k) {
    const Plan& p = plans[k];
    const SectionBank& sec = sections[p.section];
    Rng rng(opt.seed, static_cast<std::uint64_t>(p.index), 1);

    a.slug = p.slug;
    a.title = p.title;
    a.kicker = p.kicker >= 0 ? std::string(kKickers[static_cast<std::size_t>(p.kicker)]) : "";
    a.excerpt = p.lead;
    a.status = p.draft ? core::ArticleStatus::draft : core::ArticleStatus::published;
    a.published_at = core::TimePoint{std::chrono::seconds{p.published}};
    a.author_id = author_ids[p.author];
    a.category_id = category_ids[p.category];

    a.body_html.clear();
    body.write(a.body_html, rng, sec, p);

    a.tag_ids.clear();
    const std::size_t r = rng.below(100);
    const std::size_t tag_count = r < 20 ? 0 : r < 55 ? 1 : r < 85 ? 2 : 3;
    const auto& own = section_tags[p.section];
    for (std::size_t t = 0; t < tag_count; ++t) {
      const core::Id id = (own.empty() || rng.percent(30))
                              ? common_tags[rng.below(common_tags.size())]
                              : own[rng.below(own.size())];
      if (std::find(a.tag_ids.begin(), a.tag_ids.end(), id) == a.tag_ids.end())
        a.tag_ids.push_back(id);
    }

    // Visits: the total, plus per-day counts over the last week for the
    // newest articles, those of the last 7 days and a few older ones.
    a.visits = 0;
    const auto pub_day = std::chrono::floor<std::chrono::days>(a.published_at);
    std::array<std::int64_t, 7> daily{};
    const bool with_daily = !p.draft && (k + 10 >= plans.size() ||
                                         today - pub_day < std::chrono::days{7} || rng.percent(2));
    if (!p.draft) {
      a.visits = skewed_visits(rng);
      if (with_daily) {
        for (std::size_t d = 0; d < daily.size(); ++d) {
          if (today - std::chrono::days{static_cast<int>(d)} < pub_day) continue;
          daily[d] = skewed_daily_visits(rng);
          a.visits += daily[d];
        }
      }
    }

    const core::Id article_id = batch->add_article(a);
    ++summary.articles;
    for (std::size_t d = 0; d < daily.size(); ++d) {
      if (daily[d] > 0)
        batch->add_daily_visits(article_id, today - std::chrono::days{static_cast<int>(d)},
                                daily[d]);
    }
    if (p.draft) continue;

    // Comments: after the article, within three weeks and before `now`.
    const std::size_t cr = rng.below(100);
    const std::size_t comments = cr < 25   ? 0
                                 : cr < 45 ? 1
                                 : cr < 62 ? 2
                                 : cr < 75 ? 3
                                 : cr < 85 ? 4
                                 : cr < 93 ? 5
                                           : 6;
    const std::int64_t window =
        std::max<std::int64_t>(1, std::min<std::int64_t>(now - p.published, 21 * kSecondsPerDay));
    comment_times.clear();
    for (std::size_t i = 0; i < comments; ++i)
      comment_times.push_back(p.published + 1 + static_cast<std::int64_t>(rng.below(window)));
    std::sort(comment_times.begin(), comment_times.end());
    approved.clear();
    const bool recent = now - p.published < 2 * kSecondsPerDay;
    for (std::size_t i = 0; i < comments; ++i) {
      c.article_id = article_id;
      c.parent = (!approved.empty() && rng.percent(15))
                     ? std::optional<core::Id>(approved[rng.below(approved.size())])
                     : std::nullopt;
      c.author_name = rng.pick(cb.commenters);
      c.author_email.clear();
      if (rng.percent(40)) {
        c.author_email = "reader";
        append_int(c.author_email, rng.between(1, 99999));
        c.author_email += "@example.com";
      }
      c.body.clear();
      write_comment_text(c.body, rng, sec, year_of(p.published));
      c.status = rng.percent(recent ? 40 : 12) ? core::CommentStatus::pending
                                               : core::CommentStatus::approved;
      c.created_at = core::TimePoint{std::chrono::seconds{comment_times[i]}};
      c.ip_hash.clear();
      const core::Id id = batch->add_comment(c);
      if (c.status == core::CommentStatus::approved) approved.push_back(id);
      ++summary.comments;
    }
  }

  batch->commit();
  return summary;
}

}  // namespace jarida::app
