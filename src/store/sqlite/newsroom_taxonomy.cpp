// SqliteStore's newsroom pages, categories and tags (store/newsroom.hpp):
// the lists with their counts, saving and deleting, and moving an address
// when a slug is renamed. Every write is one BEGIN IMMEDIATE transaction
// under the writer lock that checks what it must before writing, so two
// editors saving at once can't both take one slug or tie two categories
// into a loop. content_version and the search index follow by the
// triggers of 0002/0004 (a renamed category or tag re-indexes its
// articles) and Transaction::commit.
#include <algorithm>
#include <string>

#include "store/sqlite/rows.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace jarida::store::sqlite {

namespace {

core::ArticleStatus read_page_status(const Query& q, int col) {
  // The schema's CHECK allows only known statuses.
  return core::article_status_from_string(q.text(col)).value_or(core::ArticleStatus::draft);
}

// The id of the row of `sql` ("SELECT id FROM t WHERE k = ?1") other than
// `self`, if any.
std::optional<core::Id> other_row(Connection& c, std::string_view sql, std::string_view key,
                                  std::optional<core::Id> self, std::string_view op) {
  auto q = c.query(sql, op);
  q.bind(1, key);
  while (q.step())
    if (q.int64(0) != self) return q.int64(0);
  return std::nullopt;
}

std::optional<std::string> slug_of(Connection& c, std::string_view sql, core::Id id,
                                   std::string_view op) {
  auto q = c.query(sql, op);
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  return q.text(0);
}

EditResult outcome(EditOutcome o) {
  EditResult r;
  r.outcome = o;
  return r;
}

}  // namespace

// ---------------------------------------------------------------- pages

std::vector<EditablePage> SqliteStore::newsroom_pages() {
  auto c = readers_.borrow();
  auto q = c->query("SELECT id, slug, title, updated_at, status FROM pages ORDER BY title, id",
                    "newsroom_pages");
  std::vector<EditablePage> out;
  while (q.step()) {
    EditablePage p;
    p.page = core::Page{q.int64(0), q.text(1), q.text(2), "", q.time(3)};
    p.status = read_page_status(q, 4);
    out.push_back(std::move(p));
  }
  return out;
}

std::optional<EditablePage> SqliteStore::page_for_edit(core::Id id) {
  auto c = readers_.borrow();
  auto q =
      c->query("SELECT id, slug, title, body_html, updated_at, status FROM pages WHERE id = ?1",
               "page_for_edit");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  EditablePage p;
  p.page = core::Page{q.int64(0), q.text(1), q.text(2), q.text(3), q.time(4)};
  p.status = read_page_status(q, 5);
  return p;
}

EditResult SqliteStore::save_page(std::optional<core::Id> id, const PageDraft& d,
                                  core::TimePoint now) {
  if (d.slug.empty()) throw Error("save_page: empty slug");
  if (d.status == core::ArticleStatus::scheduled) throw Error("save_page: pages aren't scheduled");
  std::lock_guard lock(writer_lock_);
  Transaction tx(writer_, Transaction::Kind::write, "save_page");
  EditResult r;
  if (id) {
    auto q = writer_.query("SELECT slug, status FROM pages WHERE id = ?1", "save_page: find");
    q.bind(1, *id);
    if (!q.step()) return outcome(EditOutcome::not_found);
    r.old_slug = q.text(0);
    r.was_published = q.text(1) == core::to_string(core::ArticleStatus::published);
  }
  if (other_row(writer_, "SELECT id FROM pages WHERE slug = ?1", d.slug, id, "save_page: slug"))
    return outcome(EditOutcome::slug_taken);
  if (id) {
    auto q = writer_.query(
        "UPDATE pages SET slug = ?2, title = ?3, body_html = ?4, status = ?5, updated_at = ?6 "
        "WHERE id = ?1",
        "save_page: update");
    q.bind(1, *id).bind(2, d.slug).bind(3, d.title).bind(4, d.body_html);
    q.bind(5, core::to_string(d.status)).bind(6, now);
    q.run();
    r.id = *id;
  } else {
    auto q = writer_.query(
        "INSERT INTO pages (slug, title, body_html, status, updated_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5)",
        "save_page: insert");
    q.bind(1, d.slug).bind(2, d.title).bind(3, d.body_html);
    q.bind(4, core::to_string(d.status)).bind(5, now);
    q.run();
    r.id = writer_.last_insert_id();
  }
  tx.commit();
  return r;
}

// ---------------------------------------------------------------- categories

std::vector<CategoryRow> SqliteStore::category_rows() {
  // One count per category, each a range of articles_by_category.
  static const std::string sql = "SELECT " + std::string(kCategoryColumns) +
                                 ", (SELECT count(*) FROM articles a WHERE a.category_id = c.id) "
                                 "FROM categories c ORDER BY c.name, c.id";
  auto c = readers_.borrow();
  auto q = c->query(sql, "category_rows");
  std::vector<CategoryRow> out;
  while (q.step()) out.push_back({read_category(q, 0), q.int64(kCategoryColumnCount)});
  return out;
}

EditResult SqliteStore::save_category(std::optional<core::Id> id, const NewCategory& cat) {
  if (cat.slug.empty()) throw Error("save_category: empty slug");
  std::lock_guard lock(writer_lock_);
  Transaction tx(writer_, Transaction::Kind::write, "save_category");
  EditResult r;
  if (id) {
    auto old =
        slug_of(writer_, "SELECT slug FROM categories WHERE id = ?1", *id, "save_category: find");
    if (!old) return outcome(EditOutcome::not_found);
    r.old_slug = std::move(*old);
  }
  if (other_row(writer_, "SELECT id FROM categories WHERE slug = ?1", cat.slug, id,
                "save_category: slug"))
    return outcome(EditOutcome::slug_taken);
  if (cat.parent) {
    if (!slug_of(writer_, "SELECT slug FROM categories WHERE id = ?1", *cat.parent,
                 "save_category: find"))
      return outcome(EditOutcome::no_such_parent);
    if (id) {
      // Up from the parent: meeting the category itself would close a loop.
      // UNION (not UNION ALL) ends the walk even on a loop already stored.
      auto q = writer_.query(
          "WITH RECURSIVE up(id) AS (SELECT ?1 UNION SELECT c.parent_id FROM categories c "
          "JOIN up ON c.id = up.id WHERE c.parent_id IS NOT NULL) "
          "SELECT 1 FROM up WHERE id = ?2",
          "save_category: ancestors");
      q.bind(1, *cat.parent).bind(2, *id);
      if (q.step()) return outcome(EditOutcome::cycle);
    }
  }
  if (id) {
    auto q = writer_.query(
        "UPDATE categories SET slug = ?2, name = ?3, description = ?4, parent_id = ?5 "
        "WHERE id = ?1",
        "save_category: update");
    q.bind(1, *id).bind(2, cat.slug).bind(3, cat.name).bind(4, cat.description);
    q.bind(5, cat.parent);
    q.run();
    r.id = *id;
  } else {
    auto q = writer_.query(
        "INSERT INTO categories (slug, name, description, parent_id) VALUES (?1, ?2, ?3, ?4)",
        "save_category: insert");
    q.bind(1, cat.slug).bind(2, cat.name).bind(3, cat.description).bind(4, cat.parent);
    q.run();
    r.id = writer_.last_insert_id();
  }
  tx.commit();
  return r;
}

EditResult SqliteStore::delete_category(core::Id id) {
  std::lock_guard lock(writer_lock_);
  Transaction tx(writer_, Transaction::Kind::write, "delete_category");
  EditResult r;
  r.id = id;
  std::optional<core::Id> parent;
  {
    auto q = writer_.query("SELECT slug, parent_id FROM categories WHERE id = ?1",
                           "delete_category: find");
    q.bind(1, id);
    if (!q.step()) return outcome(EditOutcome::not_found);
    r.old_slug = q.text(0);
    parent = q.optional_int64(1);
  }
  {
    auto q = writer_.query("SELECT count(*) FROM articles WHERE category_id = ?1",
                           "delete_category: articles");
    q.bind(1, id);
    q.step();
    r.articles = q.int64(0);
  }
  if (r.articles > 0) {
    r.outcome = EditOutcome::in_use;
    return r;
  }
  {
    // Its children move up a level (ON DELETE SET NULL would make them
    // top-level categories instead).
    auto q = writer_.query("UPDATE categories SET parent_id = ?2 WHERE parent_id = ?1",
                           "delete_category: children");
    q.bind(1, id).bind(2, parent);
    q.run();
  }
  {
    auto q = writer_.query("DELETE FROM categories WHERE id = ?1", "delete_category");
    q.bind(1, id);
    q.run();
  }
  tx.commit();
  return r;
}

// ---------------------------------------------------------------- tags

core::Paged<TagRow> SqliteStore::tag_rows(std::string_view search, std::int64_t offset,
                                          std::int64_t limit) {
  // A page of tags_by_name (0006), each counted on article_tags_by_tag;
  // the search scans the tags table, a few hundred KB on a big site.
  // lower() folds Latin (ASCII) only; Arabic has no case.
  constexpr std::string_view kWhere =
      " FROM tags t WHERE ?1 = '' OR instr(lower(t.name), lower(?1)) > 0 "
      "OR instr(lower(t.slug), lower(?1)) > 0";
  static const std::string items_sql =
      "SELECT t.id, t.slug, t.name, (SELECT count(*) FROM article_tags at "
      "WHERE at.tag_id = t.id)" +
      std::string(kWhere) + " ORDER BY t.name, t.id LIMIT ?2 OFFSET ?3";
  static const std::string total_sql = "SELECT count(*)" + std::string(kWhere);
  core::Paged<TagRow> page;
  auto c = readers_.borrow();
  Transaction snapshot(*c, Transaction::Kind::read, "tag_rows");  // the total matches the items
  if (limit > 0) {
    auto q = c->query(items_sql, "tag_rows");
    q.bind(1, search).bind(2, limit).bind(3, std::max<std::int64_t>(offset, 0));
    while (q.step()) page.items.push_back({read_tag(q, 0), q.int64(3)});
  }
  auto q = c->query(total_sql, "tag_rows: total");
  q.bind(1, search);
  q.step();
  page.total = q.int64(0);
  return page;
}

EditResult SqliteStore::save_tag(std::optional<core::Id> id, const NewTag& t) {
  if (t.slug.empty()) throw Error("save_tag: empty slug");
  std::lock_guard lock(writer_lock_);
  Transaction tx(writer_, Transaction::Kind::write, "save_tag");
  EditResult r;
  std::string old_name;
  if (id) {
    auto q = writer_.query("SELECT slug, name FROM tags WHERE id = ?1", "save_tag: find");
    q.bind(1, *id);
    if (!q.step()) return outcome(EditOutcome::not_found);
    r.old_slug = q.text(0);
    old_name = q.text(1);
  }
  if (other_row(writer_, "SELECT id FROM tags WHERE slug = ?1", t.slug, id, "save_tag: slug"))
    return outcome(EditOutcome::slug_taken);
  // The editor's tag field finds tags by exact name (tags_by_name, 0006):
  // a second tag of the same name could never be chosen there. (A name
  // kept as it was passes: an import may have brought twins.)
  if ((!id || t.name != old_name) &&
      other_row(writer_, "SELECT id FROM tags WHERE name = ?1", t.name, id, "save_tag: name"))
    return outcome(EditOutcome::name_taken);
  if (id) {
    auto q =
        writer_.query("UPDATE tags SET slug = ?2, name = ?3 WHERE id = ?1", "save_tag: update");
    q.bind(1, *id).bind(2, t.slug).bind(3, t.name);
    q.run();
    r.id = *id;
  } else {
    auto q = writer_.query("INSERT INTO tags (slug, name) VALUES (?1, ?2)", "save_tag: insert");
    q.bind(1, t.slug).bind(2, t.name);
    q.run();
    r.id = writer_.last_insert_id();
  }
  tx.commit();
  return r;
}

EditResult SqliteStore::delete_tag(core::Id id) {
  std::lock_guard lock(writer_lock_);
  Transaction tx(writer_, Transaction::Kind::write, "delete_tag");
  EditResult r;
  r.id = id;
  auto old = slug_of(writer_, "SELECT slug FROM tags WHERE id = ?1", id, "delete_tag: find");
  if (!old) return outcome(EditOutcome::not_found);
  r.old_slug = std::move(*old);
  {
    // Row by row, so the triggers of 0002 and 0004 see each article.
    auto q = writer_.query("DELETE FROM article_tags WHERE tag_id = ?1", "delete_tag: articles");
    q.bind(1, id);
    q.run();
    r.articles = writer_.changes();
  }
  {
    auto q = writer_.query("DELETE FROM tags WHERE id = ?1", "delete_tag");
    q.bind(1, id);
    q.run();
  }
  tx.commit();
  return r;
}

// ---------------------------------------------------------------- addresses

void SqliteStore::move_address(std::string_view from_path, std::string_view to_path) {
  if (from_path == to_path) return;
  std::lock_guard lock(writer_lock_);
  Transaction tx(writer_, Transaction::Kind::write, "move_address");
  {
    // Older redirects to the old address skip the hop (a scan: redirects
    // has no index on to_path, and renames are rare).
    auto q = writer_.query("UPDATE redirects SET to_path = ?2 WHERE to_path = ?1",
                           "move_address: chains");
    q.bind(1, from_path).bind(2, to_path);
    q.run();
  }
  {
    // The new address is live: a redirect from it (maybe one the update
    // above just turned to point at itself) could only ever loop.
    auto q = writer_.query("DELETE FROM redirects WHERE from_path = ?1", "move_address: live");
    q.bind(1, to_path);
    q.run();
  }
  {
    auto q = writer_.query(
        "INSERT INTO redirects (from_path, to_path, status) VALUES (?1, ?2, 301) "
        "ON CONFLICT (from_path) DO UPDATE SET to_path = excluded.to_path, status = 301",
        "move_address");
    q.bind(1, from_path).bind(2, to_path);
    q.run();
  }
  tx.commit();
}

}  // namespace jarida::store::sqlite
