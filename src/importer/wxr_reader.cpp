// The WXR stream reader: expat callbacks fill one record (author, term,
// item) at a time and hand it over when its element ends. Expat is C, so
// nothing may be thrown through it: a callback that fails records the
// error, stops the parser, and read_wxr throws once XML_Parse returns.
#include <expat.h>

#include <cstdio>
#include <exception>
#include <fstream>
#include <memory>
#include <optional>

#include "importer/wxr.hpp"

namespace jarida::importer {

const std::string& WxrItem::meta_value(std::string_view key) const {
  static const std::string kNone;
  for (const auto& [k, v] : meta)
    if (k == key) return v;
  return kNone;
}

namespace {

constexpr char kNsSeparator = '\x01';
constexpr std::size_t kChunkBytes = 1 << 20;

// Expat names namespaced elements "URI\x01local"; WordPress always binds
// the same URIs (the version in the wp one varies: export/1.0/ to 1.2/).
std::string short_name(const XML_Char* name) {
  std::string_view n(name);
  const auto sep = n.find(kNsSeparator);
  if (sep == std::string_view::npos) return std::string(n);
  const std::string_view uri = n.substr(0, sep), local = n.substr(sep + 1);
  std::string prefix = "?";
  if (uri.starts_with("http://wordpress.org/export/"))
    prefix = uri.ends_with("/excerpt/") ? "excerpt" : "wp";
  else if (uri == "http://purl.org/rss/1.0/modules/content/")
    prefix = "content";
  else if (uri == "http://purl.org/dc/elements/1.1/")
    prefix = "dc";
  return prefix + ":" + std::string(local);
}

std::int64_t to_int(const std::string& s) {
  std::int64_t v = 0;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    if (c < '0' || c > '9') return 0;
    v = v * 10 + (c - '0');
    if (v > (std::int64_t{1} << 53)) return 0;  // not an id WordPress would write
  }
  return v;
}

enum class Record { none, author, term, item };
enum class Sub { none, comment, meta, comment_meta };

class Reader {
 public:
  Reader(XML_Parser p, const WxrHandler& h) : p_(p), h_(h) {}

  void start(const XML_Char* raw, const XML_Char** attrs) {
    if (failed_) return;
    const std::string name = short_name(raw);
    ++depth_;
    text_.clear();
    if (depth_ == 1) {
      if (name != "rss")
        return fail("this is not a WordPress export (WXR): the document is <" + name +
                    ">, not <rss>");
      return;
    }
    if (depth_ == 2) {
      in_channel_ = name == "channel";
      return;
    }
    if (!in_channel_) return;
    if (depth_ == 3) {
      record_ = Record::none;
      if (name == "wp:author") {
        begin_record(Record::author);
        author_ = {};
      } else if (name == "wp:category" || name == "wp:tag" || name == "wp:term") {
        begin_record(Record::term);
        term_ = {};
        term_.line = line();
        if (name == "wp:category") term_.taxonomy = "category";
        if (name == "wp:tag") term_.taxonomy = "post_tag";
      } else if (name == "item") {
        begin_record(Record::item);
        item_ = {};
        item_.line = line();
        item_bytes_ = 0;
      }
      return;
    }
    if (record_ != Record::item) return;
    if (depth_ == 4) {
      sub_ = Sub::none;
      if (name == "wp:comment") {
        sub_ = Sub::comment;
        item_.comments.emplace_back();
      } else if (name == "wp:postmeta") {
        sub_ = Sub::meta;
        item_.meta.emplace_back();
      } else if (name == "category") {
        WxrItemTerm t;
        for (int i = 0; attrs[i]; i += 2) {
          const std::string_view a(attrs[i]);
          if (a == "domain") t.domain = attrs[i + 1];
          if (a == "nicename") t.nicename = attrs[i + 1];
        }
        item_.terms.push_back(std::move(t));
      }
    } else if (depth_ == 5 && sub_ == Sub::comment && name == "wp:commentmeta") {
      sub_ = Sub::comment_meta;
    }
  }

  void end(const XML_Char* raw) {
    if (failed_) return;
    const std::string name = short_name(raw);
    const int depth = depth_--;
    if (!in_channel_ || depth < 3) return;
    if (depth == 3) return end_record(name);
    switch (record_) {
      case Record::author:
        if (depth == 4) author_field(name);
        break;
      case Record::term:
        if (depth == 4) term_field(name);
        break;
      case Record::item:
        item_end(name, depth);
        break;
      case Record::none:
        break;
    }
    text_.clear();
  }

  void text(const XML_Char* s, int len) {
    if (failed_ || depth_ < 3) return;
    if (record_ == Record::item) {
      item_bytes_ += static_cast<std::size_t>(len);
      if (item_bytes_ > kMaxItemBytes)
        return fail("the item starting at line " + std::to_string(item_.line) + " is larger than " +
                        std::to_string(kMaxItemBytes >> 20) +
                        " MiB; split or trim it in WordPress and export again",
                    item_.line);
    }
    text_.append(s, static_cast<std::size_t>(len));
  }

  void doctype() {
    fail(
        "the file declares a DOCTYPE, which a WordPress export never has; refusing it (its "
        "entities could read local files or expand without bound)");
  }

  void fail(const std::string& message, std::int64_t at_line = -1) {
    if (failed_) return;
    failed_ = true;
    error_ = std::make_exception_ptr(ImportError(at_line >= 0 ? at_line : line(), message));
    XML_StopParser(p_, XML_FALSE);
  }

  // Runs a handler callback; anything it throws stops the parse.
  template <class F>
  void guarded(F&& f) {
    try {
      f();
    } catch (...) {
      failed_ = true;
      error_ = std::current_exception();
      XML_StopParser(p_, XML_FALSE);
    }
  }

  bool failed() const { return failed_; }
  std::exception_ptr error() const { return error_; }
  bool saw_wxr() const { return site_sent_ || !site_.wxr_version.empty(); }
  std::int64_t line() const { return static_cast<std::int64_t>(XML_GetCurrentLineNumber(p_)); }

 private:
  void begin_record(Record r) {
    record_ = r;
    sub_ = Sub::none;
    if (site_sent_) return;
    if (site_.wxr_version.empty())
      return fail(
          "this is not a WordPress export (WXR): no <wp:wxr_version> before the first "
          "record (an RSS feed?)");
    site_sent_ = true;
    if (h_.site) guarded([&] { h_.site(site_); });
  }

  void end_record(const std::string& name) {
    const Record r = record_;
    record_ = Record::none;
    if (r == Record::author && h_.author) return guarded([&] { h_.author(author_); });
    if (r == Record::term && h_.term) return guarded([&] { h_.term(term_); });
    if (r == Record::item && h_.item) return guarded([&] { h_.item(item_); });
    if (r == Record::none) {  // a channel-level field
      if (name == "title") site_.title = text_;
      if (name == "link") site_.link = text_;
      if (name == "language") site_.language = text_;
      if (name == "wp:wxr_version") site_.wxr_version = text_;
      if (name == "wp:base_site_url") site_.base_site_url = text_;
    }
  }

  void author_field(const std::string& n) {
    if (n == "wp:author_id") author_.id = to_int(text_);
    if (n == "wp:author_login") author_.login = text_;
    if (n == "wp:author_email") author_.email = text_;
    if (n == "wp:author_display_name") author_.display_name = text_;
    if (n == "wp:author_first_name") author_.first_name = text_;
    if (n == "wp:author_last_name") author_.last_name = text_;
  }

  void term_field(const std::string& n) {
    if (n == "wp:term_id") term_.id = to_int(text_);
    if (n == "wp:term_taxonomy") term_.taxonomy = text_;
    if (n == "wp:category_nicename" || n == "wp:tag_slug" || n == "wp:term_slug")
      term_.slug = text_;
    if (n == "wp:cat_name" || n == "wp:tag_name" || n == "wp:term_name") term_.name = text_;
    if (n == "wp:category_description" || n == "wp:tag_description" || n == "wp:term_description")
      term_.description = text_;
    if (n == "wp:category_parent" || n == "wp:term_parent") term_.parent_slug = text_;
  }

  void item_end(const std::string& n, int depth) {
    if (depth == 4) {
      if (sub_ != Sub::none) {  // </wp:comment> or </wp:postmeta>
        sub_ = Sub::none;
        return;
      }
      item_field(n);
      return;
    }
    if (sub_ == Sub::meta && depth == 5) {
      if (n == "wp:meta_key") item_.meta.back().first = std::move(text_);
      if (n == "wp:meta_value") item_.meta.back().second = std::move(text_);
    } else if (sub_ == Sub::comment && depth == 5) {
      comment_field(item_.comments.back(), n);
    } else if (sub_ == Sub::comment_meta && depth == 5) {
      sub_ = Sub::comment;  // </wp:commentmeta>
    }
  }

  void item_field(const std::string& n) {
    auto& it = item_;
    if (n == "title")
      it.title = std::move(text_);
    else if (n == "link")
      it.link = std::move(text_);
    else if (n == "dc:creator")
      it.creator = std::move(text_);
    else if (n == "content:encoded")
      it.content = std::move(text_);
    else if (n == "excerpt:encoded")
      it.excerpt = std::move(text_);
    else if (n == "wp:post_id")
      it.post_id = to_int(text_);
    else if (n == "wp:post_date")
      it.post_date = std::move(text_);
    else if (n == "wp:post_date_gmt")
      it.post_date_gmt = std::move(text_);
    else if (n == "wp:post_modified")
      it.post_modified = std::move(text_);
    else if (n == "wp:post_modified_gmt")
      it.post_modified_gmt = std::move(text_);
    else if (n == "wp:comment_status")
      it.comment_status = std::move(text_);
    else if (n == "wp:post_name")
      it.post_name = std::move(text_);
    else if (n == "wp:status")
      it.status = std::move(text_);
    else if (n == "wp:post_parent")
      it.post_parent = to_int(text_);
    else if (n == "wp:menu_order")
      it.menu_order = to_int(text_);
    else if (n == "wp:post_type")
      it.post_type = std::move(text_);
    else if (n == "wp:post_password")
      it.post_password = std::move(text_);
    else if (n == "wp:is_sticky")
      it.is_sticky = to_int(text_) != 0;
    else if (n == "wp:attachment_url")
      it.attachment_url = std::move(text_);
    else if (n == "category" && !it.terms.empty())
      it.terms.back().name = std::move(text_);
  }

  void comment_field(WxrComment& c, const std::string& n) {
    if (n == "wp:comment_id")
      c.id = to_int(text_);
    else if (n == "wp:comment_author")
      c.author = std::move(text_);
    else if (n == "wp:comment_author_email")
      c.author_email = std::move(text_);
    else if (n == "wp:comment_author_url")
      c.author_url = std::move(text_);
    else if (n == "wp:comment_author_IP")
      c.author_ip = std::move(text_);
    else if (n == "wp:comment_date")
      c.date = std::move(text_);
    else if (n == "wp:comment_date_gmt")
      c.date_gmt = std::move(text_);
    else if (n == "wp:comment_content")
      c.content = std::move(text_);
    else if (n == "wp:comment_approved")
      c.approved = std::move(text_);
    else if (n == "wp:comment_type")
      c.type = std::move(text_);
    else if (n == "wp:comment_parent")
      c.parent = to_int(text_);
    else if (n == "wp:comment_user_id")
      c.user_id = to_int(text_);
  }

  XML_Parser p_;
  const WxrHandler& h_;
  int depth_ = 0;
  bool in_channel_ = false;
  bool failed_ = false;
  bool site_sent_ = false;
  std::exception_ptr error_;
  Record record_ = Record::none;
  Sub sub_ = Sub::none;
  std::string text_;
  std::size_t item_bytes_ = 0;
  WxrSite site_;
  WxrAuthor author_;
  WxrTerm term_;
  WxrItem item_;
};

void XMLCALL on_start(void* self, const XML_Char* name, const XML_Char** attrs) {
  static_cast<Reader*>(self)->start(name, attrs);
}
void XMLCALL on_end(void* self, const XML_Char* name) {
  static_cast<Reader*>(self)->end(name);
}
void XMLCALL on_text(void* self, const XML_Char* s, int len) {
  static_cast<Reader*>(self)->text(s, len);
}
void XMLCALL on_doctype(void* self, const XML_Char*, const XML_Char*, const XML_Char*, int) {
  static_cast<Reader*>(self)->doctype();
}

struct ParserFree {
  void operator()(XML_Parser p) const { XML_ParserFree(p); }
};

std::string expat_message(XML_Parser p) {
  const XML_Error code = XML_GetErrorCode(p);
  std::string m = XML_ErrorString(code);
  switch (code) {
    case XML_ERROR_UNKNOWN_ENCODING:
    case XML_ERROR_INCORRECT_ENCODING:
      return m + ": the file must be UTF-8 (as WordPress exports it); convert it with iconv first";
    case XML_ERROR_INVALID_TOKEN:
      return m + " (a stray character, or bytes that are not UTF-8)";
    case XML_ERROR_NO_ELEMENTS:
    case XML_ERROR_UNCLOSED_TOKEN:
    case XML_ERROR_UNCLOSED_CDATA_SECTION:
      return "the file ends in the middle of the export (truncated?): " + m;
    default:
      return m;
  }
}

}  // namespace

void read_wxr(const std::filesystem::path& file, const WxrHandler& handler) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ImportError(0, "cannot open " + file.string());
  std::error_code ec;
  const std::uint64_t total = std::filesystem::file_size(file, ec);
  std::unique_ptr<XML_ParserStruct, ParserFree> parser(XML_ParserCreateNS(nullptr, kNsSeparator));
  if (!parser) throw std::bad_alloc();
  XML_Parser p = parser.get();
  Reader reader(p, handler);
  XML_SetUserData(p, &reader);
  XML_SetElementHandler(p, on_start, on_end);
  XML_SetCharacterDataHandler(p, on_text);
  XML_SetStartDoctypeDeclHandler(p, on_doctype);
  XML_SetParamEntityParsing(p, XML_PARAM_ENTITY_PARSING_NEVER);

  std::uint64_t read = 0, reported = 0;
  for (;;) {
    void* buf = XML_GetBuffer(p, static_cast<int>(kChunkBytes));
    if (!buf) throw std::bad_alloc();
    in.read(static_cast<char*>(buf), kChunkBytes);
    const auto n = static_cast<int>(in.gcount());
    if (in.bad()) throw ImportError(reader.line(), "read error in " + file.string());
    const bool last = n == 0 || in.eof();
    read += static_cast<std::uint64_t>(n);
    const XML_Status status = XML_ParseBuffer(p, n, last ? XML_TRUE : XML_FALSE);
    if (reader.failed()) std::rethrow_exception(reader.error());
    if (status != XML_STATUS_OK) throw ImportError(reader.line(), expat_message(p));
    if (handler.progress && (read - reported >= (8u << 20) || last)) {
      reported = read;
      handler.progress(read, total);
    }
    if (last) break;
  }
  if (!reader.saw_wxr())
    throw ImportError(reader.line(),
                      "this is not a WordPress export (WXR): it has no <wp:wxr_version>");
}

}  // namespace jarida::importer
