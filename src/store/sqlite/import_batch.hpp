// The SQLite ImportBatch: like SqliteWriteBatch, it holds the writer lock
// and one BEGIN IMMEDIATE transaction from begin_import() to commit(), so
// a failed import leaves the database as it was.
#pragma once

#include <memory>
#include <mutex>

#include "store/import_batch.hpp"
#include "store/sqlite/connection.hpp"
#include "store/sqlite/write_batch.hpp"

namespace jarida::store::sqlite {

struct PendingLinks;

class SqliteImportBatch final : public ImportBatch {
 public:
  SqliteImportBatch(std::unique_lock<WriterLock> lock, Connection& writer);
  ~SqliteImportBatch() override;  // rolls back unless committed

  Upserted upsert_user(const ImportedUser& u) override;
  Upserted upsert_category(const ImportedTerm& t) override;
  Upserted upsert_tag(const ImportedTerm& t) override;
  Upserted upsert_media(const ImportedMedia& m) override;
  ArticleWrite upsert_article(const ImportedArticle& a) override;
  ArticleWrite upsert_page(const ImportedPage& p) override;
  std::optional<core::Id> article_by_legacy_id(std::int64_t legacy_id) override;
  Upserted upsert_comment(const ImportedComment& c) override;
  void add_redirect(std::string_view from_path, std::string_view to_path) override;
  ImportFixups finish() override;
  void commit() override;

 private:
  Connection& writer(std::string_view op);

  std::unique_lock<WriterLock> lock_;
  Connection& c_;
  Transaction tx_;
  std::unique_ptr<PendingLinks> pending_;
  bool committed_ = false;
};

}  // namespace jarida::store::sqlite
