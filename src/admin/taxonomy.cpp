// Categories (nested) and tags, for editors: the category tree with
// article counts, the tag list (searched, paged: a big site has thousands),
// adding, editing in place and deleting. Names and slugs keep their Arabic
// (text::slugify). A taken slug is refused, never renumbered: a category's
// address is the editor's choice. A category can't be put under itself or
// one of its own descendants, and can't be deleted while articles file
// under it (articles.category_id is required); its children move up to
// its parent. A renamed slug keeps the old address working (a redirect
// /category/old/ -> /category/new/, and the feed's). Every change drops
// the site's cached pages. Tested in tests/admin/pages_taxonomy_test.cpp.
#include <functional>
#include <map>
#include <set>

#include "admin/article_form.hpp"
#include "admin/context.hpp"
#include "http/target.hpp"
#include "text/slug.hpp"
#include "text/utf8.hpp"

namespace jarida::admin {
namespace {

constexpr std::size_t kMaxNameBytes = 200;
constexpr std::size_t kMaxDescriptionBytes = 2000;
constexpr std::size_t kMaxSearchBytes = 200;
// Tag rows are short; a screenful of them beats paging every 20.
constexpr std::int64_t kTagsPerPage = 50;

std::string count_text(std::int64_t n) {
  return std::to_string(n) + " مقال";
}

// A category or tag as the form shows it: stored, or just posted and refused.
struct TermForm {
  std::optional<core::Id> id;
  std::string name;
  std::string slug;  // as typed ("" = from the name)
  std::string description;
  std::string parent;  // the posted parent id ("" = none)
};

// Reads name and slug (and for categories description and parent) and
// checks what can be checked without the store.
struct TermInput {
  TermForm form;
  std::string slug;  // the slug to save
  std::optional<core::Id> parent;
  std::vector<std::string> errors;
};

TermInput read_term(const Newsroom::Ctx& ctx, bool category) {
  TermInput in;
  auto& f = in.form;
  f.name = one_line(ctx.field("name"));
  f.slug = one_line(ctx.field("slug"));
  f.description = trim(ctx.field("description"));
  f.parent = trim(ctx.field("parent_id"));
  const std::string_view what = category ? "للقسم" : "للوسم";
  if (f.name.empty()) in.errors.push_back("اكتب اسمًا " + std::string(what) + ".");
  if (f.name.size() > kMaxNameBytes) in.errors.push_back("الاسم طويل جدًا: اختصره.");
  if (f.description.size() > kMaxDescriptionBytes) in.errors.push_back("الوصف طويل جدًا.");
  in.slug = text::slugify(f.slug.empty() ? f.name : f.slug);
  in.slug = text::cut_utf8(in.slug, kMaxSlugBytes);
  while (in.slug.ends_with('-')) in.slug.pop_back();
  if (in.slug.empty() && !f.name.empty())
    in.errors.push_back("اكتب رابطًا مختصرًا فيه حروف أو أرقام.");
  if (category && !f.parent.empty()) {
    in.parent = parse_id(f.parent);
    if (!in.parent) in.errors.push_back("القسم الأعلى غير موجود.");
  }
  return in;
}

std::string errors_html(const std::vector<std::string>& errors) {
  if (errors.empty()) return {};
  std::string h = "<div class=\"notice notice-error\" role=\"alert\"><ul>";
  for (const auto& e : errors) h += "<li>" + esc(e) + "</li>";
  return h + "</ul></div>";
}

// Labelled inputs; `key` makes the ids unique on a page of many forms.
void text_field(std::string& h, const std::string& key, std::string_view name,
                std::string_view label, std::string_view value, bool required,
                std::string_view hint = {}) {
  const std::string id = std::string(name) + "-" + key;
  h += "<div class=\"field\"><label";
  attr(h, "for", id);
  h += ">";
  h += label;
  h += "</label><input dir=\"auto\"";
  attr(h, "id", id);
  attr(h, "name", name);
  attr(h, "value", value);
  if (required) h += " required";
  h += ">";
  if (!hint.empty()) h += "<p class=\"hint\">" + std::string(hint) + "</p>";
  h += "</div>";
}

// ---------------------------------------------------------------- categories

struct Tree {
  std::map<core::Id, const store::CategoryRow*> by_id;
  std::map<std::optional<core::Id>, std::vector<const store::CategoryRow*>> children;

  explicit Tree(const std::vector<store::CategoryRow>& rows) {
    for (const auto& r : rows) by_id[r.category.id] = &r;
    for (const auto& r : rows) {
      // A parent that is gone counts as none: the row still shows, at the top.
      auto parent = r.category.parent;
      if (parent && !by_id.count(*parent)) parent.reset();
      children[parent].push_back(&r);  // rows come by name: so do siblings
    }
  }

  // Depth-first, each child after its parent; `seen` guards against a loop
  // already in the data (the store refuses new ones).
  void walk(std::optional<core::Id> parent, int depth, std::set<core::Id>& seen,
            const std::function<void(const store::CategoryRow&, int)>& visit) const {
    auto it = children.find(parent);
    if (it == children.end()) return;
    for (const auto* r : it->second) {
      if (!seen.insert(r->category.id).second) continue;
      visit(*r, depth);
      walk(r->category.id, depth + 1, seen, visit);
    }
  }

  // Whether `id` is `top` or somewhere below it.
  bool under(core::Id id, core::Id top) const {
    for (std::size_t steps = 0; steps <= by_id.size(); ++steps) {
      if (id == top) return true;
      auto it = by_id.find(id);
      if (it == by_id.end() || !it->second->category.parent) return false;
      id = *it->second->category.parent;
    }
    return false;
  }

  // Every category in tree order, with its depth.
  std::vector<std::pair<const store::CategoryRow*, int>> ordered() const {
    std::vector<std::pair<const store::CategoryRow*, int>> out;
    std::set<core::Id> seen;
    walk(std::nullopt, 0, seen, [&](const store::CategoryRow& r, int depth) {
      out.push_back({&r, depth});
    });
    // Rows only a stored loop reaches: shown at the end rather than lost.
    for (const auto& [id, r] : by_id)
      if (!seen.count(id)) out.push_back({r, 0});
    return out;
  }
};

std::string indent(int depth) {
  std::string s;
  for (int i = 0; i < depth; ++i) s += "— ";
  return s;
}

// The parent <select>: every category but `self` and those below it.
void parent_select(std::string& h, const Tree& tree,
                   const std::vector<std::pair<const store::CategoryRow*, int>>& order,
                   const std::string& key, std::optional<core::Id> self,
                   std::string_view selected) {
  const std::string id = "parent_id-" + key;
  h += "<div class=\"field\"><label";
  attr(h, "for", id);
  h += ">القسم الأعلى</label><select name=\"parent_id\"";
  attr(h, "id", id);
  h += ">";
  option(h, "", "بلا (قسم رئيسي)", selected.empty());
  for (const auto& [r, depth] : order) {
    if (self && tree.under(r->category.id, *self)) continue;
    const std::string value = std::to_string(r->category.id);
    option(h, value, indent(depth) + r->category.name, selected == value);
  }
  h += "</select></div>";
}

void category_fields(std::string& h, const Tree& tree,
                     const std::vector<std::pair<const store::CategoryRow*, int>>& order,
                     const std::string& key, const TermForm& f) {
  h += "<div class=\"field-row\">";
  text_field(h, key, "name", "الاسم", f.name, true);
  text_field(h, key, "slug", "الرابط المختصر", f.slug, false,
             "فارغ: يُصنع من الاسم بحروفه العربية.");
  h += "</div>";
  parent_select(h, tree, order, key, f.id, f.parent);
  const std::string id = "description-" + key;
  h += "<div class=\"field\"><label";
  attr(h, "for", id);
  h += ">الوصف</label><textarea name=\"description\" dir=\"auto\" rows=\"2\"";
  attr(h, "id", id);
  h += ">" + esc(f.description) + "</textarea></div>";
}

TermForm form_of(const core::Category& c) {
  return TermForm{c.id, c.name, c.slug, c.description,
                  c.parent ? std::to_string(*c.parent) : std::string()};
}

// The categories page's content. `typed`: a refused form, shown as posted
// (in its row, opened, or in the add form).
std::string categories_html(const std::vector<store::CategoryRow>& rows,
                            const std::vector<std::string>& errors,
                            const std::optional<TermForm>& typed, const std::string& csrf) {
  const Tree tree(rows);
  const auto order = tree.ordered();
  std::string h = "<h1>الأقسام</h1>" + errors_html(errors);
  // The add form folded away (the list is what the page is for), open
  // when it comes back refused.
  const bool refused_new = typed && !typed->id;
  h += refused_new ? "<details open>" : "<details>";
  h += "<summary class=\"btn btn-primary\">قسم جديد</summary><form class=\"admin-form\" "
       "method=\"post\" action=\"/admin/categories\">" +
       csrf;
  category_fields(h, tree, order, "new", refused_new ? *typed : TermForm{});
  h += "<div class=\"actions\"><button class=\"btn btn-primary\" type=\"submit\">أضف القسم"
       "</button></div></form></details>";

  h += "<div class=\"table-wrap\"><table class=\"admin-table categories\"><thead><tr>"
       "<th>القسم</th><th>الرابط</th><th>المقالات</th><th></th></tr></thead><tbody>";
  for (const auto& [r, depth] : order) {
    const auto& c = r->category;
    const std::string key = std::to_string(c.id);
    const bool refused_here = typed && typed->id == c.id;
    h += "<tr";
    attr(h, "id", "category-" + key);
    h += "><td dir=\"auto\">" + indent(depth) + "<a target=\"_blank\" rel=\"noopener\"";
    attr(h, "href", http::encode_path("/category/" + c.slug + "/"));
    h += ">";
    h += esc(c.name);
    h += "</a></td><td dir=\"auto\">" + esc(c.slug) + "</td><td>" + count_text(r->articles) +
         "</td><td>";
    h += "<details";
    if (refused_here) h += " open";
    h += "><summary>تعديل</summary><form class=\"admin-form\" method=\"post\" "
         "action=\"/admin/categories\">" +
         csrf + "<input type=\"hidden\" name=\"id\"";
    attr(h, "value", key);
    h += ">";
    category_fields(h, tree, order, key, refused_here ? *typed : form_of(c));
    h += "<div class=\"actions\"><button class=\"btn btn-primary\" type=\"submit\">احفظ"
         "</button></div></form></details>";
    h += "<form class=\"inline-form\" method=\"post\"";
    attr(h, "action", "/admin/categories/" + key + "/delete");
    attr(h, "data-confirm",
         r->articles > 0
             ? "في هذا القسم " + count_text(r->articles) + "، ولن يُحذف قبل نقلها. المتابعة؟"
             : "حذف القسم «" + c.name + "»؟ أقسامه الفرعية تنتقل إلى القسم الأعلى.");
    h += ">" + csrf +
         "<button class=\"btn btn-small btn-danger\" type=\"submit\">احذف</button></form>";
    h += "</td></tr>";
  }
  if (rows.empty()) h += "<tr><td colspan=\"4\" class=\"empty\">لا أقسام بعد.</td></tr>";
  h += "</tbody></table></div>";
  return h;
}

// ---------------------------------------------------------------- tags

struct TagListState {
  std::string q;
  std::int64_t page = 1;
};

std::string tags_link(const TagListState& s, std::int64_t page) {
  const std::string n = page > 1 ? std::to_string(page) : std::string();
  return "/admin/tags" + query_string({{"q", s.q}, {"page", n}});
}

// Hidden fields that bring a form's answer back to the same list page.
std::string back_fields(const TagListState& s) {
  std::string h = "<input type=\"hidden\" name=\"back_q\"";
  attr(h, "value", s.q);
  h += "><input type=\"hidden\" name=\"back_page\"";
  attr(h, "value", std::to_string(s.page));
  return h + ">";
}

void tag_fields(std::string& h, const std::string& key, const TermForm& f) {
  h += "<div class=\"field-row\">";
  text_field(h, key, "name", "الاسم", f.name, true);
  text_field(h, key, "slug", "الرابط المختصر", f.slug, false,
             "فارغ: يُصنع من الاسم بحروفه العربية.");
  h += "</div>";
}

std::string tags_html(const core::Paged<store::TagRow>& rows, const TagListState& s,
                      const std::vector<std::string>& errors, const std::optional<TermForm>& typed,
                      const std::string& csrf) {
  const std::int64_t pages =
      std::max<std::int64_t>(1, (rows.total + kTagsPerPage - 1) / kTagsPerPage);
  std::string h = "<h1>الوسوم</h1>" + errors_html(errors);
  const bool refused_new = typed && !typed->id;
  h += refused_new ? "<details open>" : "<details>";
  h += "<summary class=\"btn btn-primary\">وسم جديد</summary><form class=\"admin-form\" "
       "method=\"post\" action=\"/admin/tags\">" +
       csrf + back_fields(s);
  tag_fields(h, "new", refused_new ? *typed : TermForm{});
  h += "<div class=\"actions\"><button class=\"btn btn-primary\" type=\"submit\">أضف الوسم"
       "</button></div></form></details>";

  h += "<form class=\"filters\" method=\"get\" action=\"/admin/tags\"><label>بحث في الوسوم "
       "<input type=\"search\" name=\"q\" dir=\"auto\"";
  attr(h, "value", s.q);
  h += "></label><button class=\"btn\" type=\"submit\">ابحث</button></form>";
  h += "<p class=\"muted\">" + std::to_string(rows.total) + " وسم</p>";
  h += "<div class=\"table-wrap\"><table class=\"admin-table tags\"><thead><tr><th>الوسم</th>"
       "<th>الرابط</th><th>المقالات</th><th></th></tr></thead><tbody>";
  for (const auto& r : rows.items) {
    const auto& t = r.tag;
    const std::string key = std::to_string(t.id);
    const bool refused_here = typed && typed->id == t.id;
    h += "<tr";
    attr(h, "id", "tag-" + key);
    h += "><td dir=\"auto\"><a target=\"_blank\" rel=\"noopener\"";
    attr(h, "href", http::encode_path("/tag/" + t.slug + "/"));
    h += ">";
    h += esc(t.name);
    h += "</a></td><td dir=\"auto\">" + esc(t.slug) + "</td><td>" + count_text(r.articles) +
         "</td><td><details";
    if (refused_here) h += " open";
    h += "><summary>تعديل</summary><form class=\"admin-form\" method=\"post\" "
         "action=\"/admin/tags\">" +
         csrf + back_fields(s) + "<input type=\"hidden\" name=\"id\"";
    attr(h, "value", key);
    h += ">";
    tag_fields(h, key, refused_here ? *typed : TermForm{t.id, t.name, t.slug, {}, {}});
    h += "<div class=\"actions\"><button class=\"btn btn-primary\" type=\"submit\">احفظ"
         "</button></div></form></details>";
    h += "<form class=\"inline-form\" method=\"post\"";
    attr(h, "action", "/admin/tags/" + key + "/delete");
    attr(h, "data-confirm",
         "حذف الوسم «" + t.name + "»؟" +
             (r.articles > 0 ? " سيُزال من " + count_text(r.articles) + "." : std::string()));
    h += ">" + csrf + back_fields(s) +
         "<button class=\"btn btn-small btn-danger\" type=\"submit\">احذف</button></form>";
    h += "</td></tr>";
  }
  if (rows.items.empty())
    h += "<tr><td colspan=\"4\" class=\"empty\">" +
         std::string(s.q.empty() ? "لا وسوم بعد." : "لا وسوم تطابق هذا البحث.") + "</td></tr>";
  h += "</tbody></table></div>";
  h += pagination(s.page, pages, [&](std::int64_t n) { return tags_link(s, n); });
  return h;
}

TagListState list_state(std::string q, std::string_view page) {
  TagListState s;
  s.q = text::cut_utf8(trim(q), kMaxSearchBytes);
  s.page = std::max<core::Id>(1, parse_id(page).value_or(1));
  return s;
}

}  // namespace

// ---------------------------------------------------------------- categories

void Newsroom::category_list(Ctx& ctx) {
  std::string h = page_start(ctx, "الأقسام", "categories");
  h += categories_html(store_.category_rows(), {}, std::nullopt, csrf_field(ctx));
  h += page_end();
  send_page(ctx, 200, std::move(h));
}

void Newsroom::save_category(Ctx& ctx) {
  auto in = read_term(ctx, true);
  if (!ctx.field("id").empty()) {
    in.form.id = parse_id(ctx.field("id"));
    if (!in.form.id) return deny(ctx, 404, "لا يوجد هذا القسم.");
  }
  if (in.errors.empty()) {
    const store::NewCategory c{in.slug, in.form.name, in.form.description, in.parent};
    const auto r = store_.save_category(in.form.id, c);
    switch (r.outcome) {
      case store::EditOutcome::done: {
        const bool renamed = !r.old_slug.empty() && r.old_slug != in.slug;
        if (renamed) {
          // Readers' links and feed subscriptions follow the new slug.
          store_.move_address("/category/" + r.old_slug + "/", "/category/" + in.slug + "/");
          store_.move_address("/category/" + r.old_slug + "/feed/",
                              "/category/" + in.slug + "/feed/");
        }
        if (options_.on_content_changed) options_.on_content_changed();
        return flash_redirect(ctx, "/admin/categories",
                              renamed ? "category_renamed" : "category_saved");
      }
      case store::EditOutcome::not_found:
        return deny(ctx, 404, "لا يوجد هذا القسم.");
      case store::EditOutcome::slug_taken:
        in.errors.push_back("الرابط «" + in.slug + "» لقسم آخر: اختر رابطًا غيره.");
        break;
      case store::EditOutcome::no_such_parent:
        in.errors.push_back("القسم الأعلى غير موجود.");
        break;
      case store::EditOutcome::cycle:
        in.errors.push_back(
            "لا يوضع القسم تحت نفسه ولا تحت أحد أقسامه الفرعية: اختر قسمًا أعلى غيره.");
        break;
      default:
        in.errors.push_back("تعذّر حفظ القسم. أعد المحاولة.");
    }
  }
  std::string h = page_start(ctx, "الأقسام", "categories");
  h += categories_html(store_.category_rows(), in.errors, in.form, csrf_field(ctx));
  h += page_end();
  send_page(ctx, 422, std::move(h));
}

void Newsroom::delete_category(Ctx& ctx) {
  const auto r = store_.delete_category(ctx.params.get_int("id"));
  if (r.outcome == store::EditOutcome::not_found) return deny(ctx, 404, "لا يوجد هذا القسم.");
  if (r.outcome == store::EditOutcome::done) {
    if (options_.on_content_changed) options_.on_content_changed();
    return flash_redirect(ctx, "/admin/categories", "category_deleted");
  }
  const auto rows = store_.category_rows();
  std::string name = r.old_slug;
  for (const auto& row : rows)
    if (row.category.id == r.id) name = row.category.name;
  std::vector<std::string> errors;
  if (r.outcome == store::EditOutcome::in_use)
    errors.push_back("لا يُحذف القسم «" + name + "» وفيه " + count_text(r.articles) +
                     ": انقل مقالاته أولًا إلى قسم آخر، ثم احذفه.");
  else
    errors.push_back("تعذّر حذف القسم. أعد المحاولة.");
  std::string h = page_start(ctx, "الأقسام", "categories");
  h += categories_html(rows, errors, std::nullopt, csrf_field(ctx));
  h += page_end();
  send_page(ctx, 422, std::move(h));
}

// ---------------------------------------------------------------- tags

void Newsroom::tag_list(Ctx& ctx) {
  auto s = list_state(ctx.query("q"), ctx.query("page"));
  auto rows = store_.tag_rows(s.q, (s.page - 1) * kTagsPerPage, kTagsPerPage);
  if (rows.items.empty() && s.page > 1 && rows.total > 0) {
    // Past the end (the last tags of the last page were just deleted): the last page.
    s.page = (rows.total + kTagsPerPage - 1) / kTagsPerPage;
    rows = store_.tag_rows(s.q, (s.page - 1) * kTagsPerPage, kTagsPerPage);
  }
  std::string h = page_start(ctx, "الوسوم", "tags");
  h += tags_html(rows, s, {}, std::nullopt, csrf_field(ctx));
  h += page_end();
  send_page(ctx, 200, std::move(h));
}

void Newsroom::save_tag(Ctx& ctx) {
  const auto s = list_state(ctx.field("back_q"), ctx.field("back_page"));
  auto in = read_term(ctx, false);
  if (!ctx.field("id").empty()) {
    in.form.id = parse_id(ctx.field("id"));
    if (!in.form.id) return deny(ctx, 404, "لا يوجد هذا الوسم.");
  }
  if (in.errors.empty()) {
    const auto r = store_.save_tag(in.form.id, store::NewTag{in.slug, in.form.name});
    switch (r.outcome) {
      case store::EditOutcome::done: {
        const bool renamed = !r.old_slug.empty() && r.old_slug != in.slug;
        if (renamed) {
          store_.move_address("/tag/" + r.old_slug + "/", "/tag/" + in.slug + "/");
          store_.move_address("/tag/" + r.old_slug + "/feed/", "/tag/" + in.slug + "/feed/");
        }
        if (options_.on_content_changed) options_.on_content_changed();
        return flash_redirect(ctx, tags_link(s, s.page), renamed ? "tag_renamed" : "tag_saved");
      }
      case store::EditOutcome::not_found:
        return deny(ctx, 404, "لا يوجد هذا الوسم.");
      case store::EditOutcome::slug_taken:
        in.errors.push_back("الرابط «" + in.slug + "» لوسم آخر: اختر رابطًا غيره.");
        break;
      case store::EditOutcome::name_taken:
        in.errors.push_back("يوجد وسم آخر اسمه «" + in.form.name + "».");
        break;
      default:
        in.errors.push_back("تعذّر حفظ الوسم. أعد المحاولة.");
    }
  }
  const auto rows = store_.tag_rows(s.q, (s.page - 1) * kTagsPerPage, kTagsPerPage);
  std::string h = page_start(ctx, "الوسوم", "tags");
  h += tags_html(rows, s, in.errors, in.form, csrf_field(ctx));
  h += page_end();
  send_page(ctx, 422, std::move(h));
}

void Newsroom::delete_tag(Ctx& ctx) {
  const auto s = list_state(ctx.field("back_q"), ctx.field("back_page"));
  const auto r = store_.delete_tag(ctx.params.get_int("id"));
  if (r.outcome == store::EditOutcome::not_found) return deny(ctx, 404, "لا يوجد هذا الوسم.");
  if (options_.on_content_changed) options_.on_content_changed();
  flash_redirect(ctx, tags_link(s, s.page), "tag_deleted");
}

}  // namespace jarida::admin
